import type { Generated } from 'kysely';

/** Table shapes as stored. Dates are ISO strings in both dialects so comparisons are textual and equal. */
export interface DocumentsTable {
  id: Generated<number>;
  sha256: string;
  date: string;
  url: string | null;
  title: string | null;
  text: string;
  ingested_at: string;
  /** When it was fetched from its URL (feeds, `ingest --fetch`); null for text given directly. */
  fetched_at: string | null;
  /** The document this one is a near-copy of (the same story syndicated): not independent evidence. */
  duplicate_of: number | null;
}

export interface EntitiesTable {
  id: Generated<number>;
  kind: string;
  name: string;
  created_at: string;
}

export interface EntityRefsTable {
  ref: string;
  entity_id: number;
}

export interface NamesTable {
  id: Generated<number>;
  entity_id: number;
  text: string;
  type: string;
  lang: string | null;
  quality: string | null;
  fact_id: number | null;
  created_at: string;
}

export interface FactsTable {
  id: Generated<number>;
  subject_id: number;
  predicate: string;
  object_id: number | null;
  object_literal: string | null;
  /** As given: `2016-12`, `2014/2015`. */
  date: string | null;
  /** Bounds of `date`, for temporal queries. */
  date_start: string | null;
  date_end: string | null;
  jurisdiction: string | null;
  authority: string | null;
  law: string | null;
  instrument: string | null;
  /** The list a listing fact comes from (`pk-nacta`); null for news and analysts' facts. */
  list_id: string | null;
  /** JSON of every qualifier, including the five above. */
  qualifiers: string;
  extractor: string;
  confidence: number;
  recorded_at: string;
}

export interface EvidenceTable {
  id: Generated<number>;
  fact_id: number;
  document_id: number | null;
  span_start: number | null;
  span_end: number | null;
  attribution: string | null;
  source: string | null;
  quote: string | null;
}

export interface DecisionsTable {
  id: Generated<number>;
  fact_id: number;
  verdict: string;
  decided_by: string;
  note: string | null;
  decided_at: string;
}

export interface ImportRunsTable {
  id: Generated<number>;
  format: string;
  source: string;
  sha256: string;
  published_on: string | null;
  imported_at: string;
  summary: string;
  /** The list this run imported a version of (null for lineage datasets and FtM files). */
  list_id: string | null;
}

export interface ListsTable {
  id: string;
  title: string;
  jurisdiction: string;
  measure: string;
  authority: string | null;
  law: string | null;
  source_url: string | null;
  format: string;
  ref_prefix: string;
  notes: string | null;
  created_at: string;
}

export interface EntityMergesTable {
  id: Generated<number>;
  /** The entity folded away. */
  entity_id: number;
  /** The entity it was folded into. */
  into_id: number;
  merged_by: string;
  note: string | null;
  merged_at: string;
  undone_by: string | null;
  undo_note: string | null;
  undone_at: string | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  role: string;
  /** SHA-256 hex of the key; the key itself is shown once at creation and never stored. */
  key_hash: string;
  created_at: string;
  revoked_at: string | null;
}

/** The change feed: one row per change a reader of the registry sees (an entity listed, delisted, renamed, linked, merged). */
export interface ChangesTable {
  id: Generated<number>;
  entity_id: number;
  /** added | removed | changed */
  change: string;
  list_id: string | null;
  fact_id: number | null;
  decision_id: number | null;
  /** JSON: what changed (`{"listing":"proscribed","date":…}`, `{"names_added":[…]}`, …). */
  detail: string;
  /** Who or what made it: an importer and list version, an analyst, a merge. */
  cause: string;
  at: string;
}

/** A list publisher's file that `update` fetches. */
export interface SourcesTable {
  id: string;
  format: string;
  url: string;
  list_id: string | null;
  /** A cron expression `serve` refreshes the source by; null: only when asked. */
  schedule: string | null;
  created_at: string;
  etag: string | null;
  last_modified: string | null;
  checked_at: string | null;
  last_outcome: string | null;
  last_error: string | null;
}

/** Every fetch of a source, kept as its imports' evidence. */
export interface FetchesTable {
  id: Generated<number>;
  source_id: string;
  url: string;
  fetched_at: string;
  http_status: number | null;
  /** imported | unchanged | failed */
  outcome: string;
  sha256: string | null;
  bytes: number | null;
  etag: string | null;
  last_modified: string | null;
  error: string | null;
  /** JSON of the import's summary when it imported. */
  summary: string | null;
}

/** The bytes of each file fetched, once per content. */
export interface FetchedFilesTable {
  sha256: string;
  content: Uint8Array;
  bytes: number;
  first_fetched_at: string;
}

export interface MonitorsTable {
  id: Generated<number>;
  name: string;
  column_name: string;
  source_file: string;
  created_at: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  last_run_at: string | null;
  last_version: string | null;
}

export interface MonitorRowsTable {
  monitor_id: number;
  row_no: number;
  name: string;
}

/** An alert a monitored row raises against an entity, as last seen. */
export interface MonitorAlertsTable {
  monitor_id: number;
  row_no: number;
  entity_id: number;
  /** open | cleared */
  state: string;
  score: number;
  status: string;
  matched_name: string;
  /** What the alert rests on (the entity's names and listings): a change to it is a changed alert. */
  fingerprint: string;
  detail: string;
  first_seen: string;
  last_seen: string;
}

/** An analyst's "false positive" on a (row, entity) pair, kept while the entity is as it was. */
export interface MonitorDismissalsTable {
  monitor_id: number;
  row_no: number;
  entity_id: number;
  fingerprint: string;
  dismissed_by: string;
  note: string | null;
  dismissed_at: string;
}

export interface MonitorRunsTable {
  id: Generated<number>;
  monitor_id: number;
  at: string;
  registry_version: string;
  baseline: number;
  new_alerts: number;
  changed_alerts: number;
  cleared_alerts: number;
  report: string;
}

export interface FeedsTable {
  id: Generated<number>;
  url: string;
  title: string | null;
  created_at: string;
  schedule: string | null;
  etag: string | null;
  last_modified: string | null;
  checked_at: string | null;
  last_error: string | null;
}

export interface FeedItemsTable {
  feed_id: number;
  guid: string;
  link: string | null;
  document_id: number | null;
  /** new | duplicate | failed */
  outcome: string;
  error: string | null;
  seen_at: string;
}

/** Background work any server process on the database may run: batch screening, list updates, feed polls, monitor runs. */
export interface JobsTable {
  id: string;
  /** screen | update | poll | monitor */
  kind: string;
  /** queued | running | done | failed */
  status: string;
  /** JSON: what to do. */
  spec: string;
  /** JSON: progress, summary, error, report. */
  state: string;
  owner_key_id: number | null;
  /** What a scheduled job is for (a source id, a feed URL, a monitor), so one is not queued twice. */
  target: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** The process running it (host:pid), and when it last said it is alive. */
  claimed_by: string | null;
  heartbeat_at: string | null;
  attempts: number;
}

/** A job's input and results. */
export interface JobFilesTable {
  job_id: string;
  name: string;
  content: Uint8Array;
}

export interface Database {
  documents: DocumentsTable;
  entities: EntitiesTable;
  entity_refs: EntityRefsTable;
  names: NamesTable;
  facts: FactsTable;
  evidence: EvidenceTable;
  decisions: DecisionsTable;
  import_runs: ImportRunsTable;
  entity_merges: EntityMergesTable;
  api_keys: ApiKeysTable;
  lists: ListsTable;
  changes: ChangesTable;
  sources: SourcesTable;
  fetches: FetchesTable;
  fetched_files: FetchedFilesTable;
  monitors: MonitorsTable;
  monitor_rows: MonitorRowsTable;
  monitor_alerts: MonitorAlertsTable;
  monitor_dismissals: MonitorDismissalsTable;
  monitor_runs: MonitorRunsTable;
  feeds: FeedsTable;
  feed_items: FeedItemsTable;
  jobs: JobsTable;
  job_files: JobFilesTable;
}
