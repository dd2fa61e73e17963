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
}
