import type {
  Decision, DecisionInput, DocumentInput, Entity, EntityKind, EntityName, Fact, FactInput, FactStatus, NameType, Predicate,
  StoredDocument, Evidence, EntityMerge,
} from '../model/types.js';
import type { Dialect } from './dialect.js';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { ListDefinition } from '../lists/catalogue.js';

/** A list as the registry holds it. */
export interface ListRecord extends ListDefinition {
  createdAt: string;
}

export interface NameInput {
  text: string;
  type: NameType;
  lang?: string | null;
  quality?: string | null;
  factId?: number | null;
}

export interface FactFilter {
  status?: FactStatus;
  predicate?: Predicate | Predicate[];
  subjectId?: number;
  /** Facts whose subject is one of these entities (each read with the entities merged into it). */
  subjectIds?: number[];
  /** Facts whose subject or object is this entity. */
  entityId?: number;
  jurisdiction?: string;
  documentId?: number;
  /**
   * Where facts come from: `document` (evidence in a stored document: extraction), `join` (the
   * cross-list join's proposals), `dataset` (a list or dataset importer).
   */
  origin?: 'document' | 'join' | 'dataset';
  /** Facts of these lists; null: facts of no list (news, analysts). */
  list?: string | string[] | null;
  factIds?: number[];
  /** Confidence bounds, both included. */
  minConfidence?: number;
  maxConfidence?: number;
  limit?: number;
  /** Facts to skip (with `limit`: paging), in id order. */
  offset?: number;
}

export interface DocumentFilter {
  /** Published on or after / on or before, YYYY-MM-DD. */
  from?: string;
  to?: string;
  /** A part of the source URL (the outlet: `dawn.com`). */
  source?: string;
  /** Words the text or title holds (case-insensitive substring). */
  q?: string;
  limit?: number;
  offset?: number;
}

/** A stored document without its text: what a list of documents shows. */
export interface DocumentSummary {
  id: number;
  date: string;
  url: string | null;
  title: string | null;
  ingestedAt: string;
  chars: number;
  /** The start of the text, for a list. */
  snippet: string;
  /** Facts with evidence in it, and how many of them are proposals. */
  facts: number;
  proposed: number;
}

export interface ImportRunInput {
  format: string;
  source: string;
  /** The list this run imported a version of; null for lineage datasets and FtM files. */
  listId?: string | null;
  sha256: string;
  publishedOn: string | null;
  summary: Record<string, unknown>;
}

export interface ImportRun extends ImportRunInput {
  id: number;
  importedAt: string;
}

export interface StoredName {
  entityId: number;
  kind: EntityKind;
  text: string;
  type: NameType;
}

/** An entity as stored, not read through merges: for the cross-list join. */
export interface RawEntity {
  id: number;
  kind: EntityKind;
  name: string;
  refs: string[];
  names: { text: string; type: NameType }[];
}

export interface ChangeInput {
  entityId: number;
  change: 'added' | 'removed' | 'changed';
  listId?: string | null;
  factId?: number | null;
  detail: Record<string, unknown>;
  cause: string;
  at?: string;
}

export interface AllNamesOptions {
  pageSize?: number;
  /**
   * Only the registry: names of entities that are the subject of at least one accepted fact,
   * leaving out names that came with a fact not (yet) accepted. Screening reads this; entity
   * resolution reads everything, proposals included.
   */
  registryOnly?: boolean;
  /** Only the names of these entities (as they read after merges: each with the entities merged into it). */
  entities?: ReadonlySet<number>;
}

export const API_KEY_ROLES = ['viewer', 'analyst', 'admin'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** An API key as stored: its hash, never the key. */
export interface ApiKey {
  id: number;
  name: string;
  role: ApiKeyRole;
  keyHash: string;
  createdAt: string;
  revokedAt: string | null;
}

/**
 * The one storage interface of proscribe. Implemented once over Kysely for SQLite and
 * PostgreSQL; every caller goes through it, so both databases behave the same.
 */
export interface Repository {
  readonly dialect: Dialect;
  /** Where the store lives (file path or URL without password), for messages. */
  readonly location: string;
  /**
   * The connection (inside `transaction`, the transaction) for modules that keep tables of
   * their own beside the registry's: sources and fetches, monitors, feeds, the change feed.
   */
  readonly kysely: Kysely<Database>;
  /** Add an entry to the change feed (the decisions' own entries are written by `decide`). */
  recordChange(change: ChangeInput): Promise<void>;
  /** Run `work` in one transaction: all its writes land, or none. Nested calls join the outer one. */
  transaction<T>(work: (tx: Repository) => Promise<T>): Promise<T>;
  close(): Promise<void>;

  findDocumentBySha(sha256: string): Promise<StoredDocument | null>;
  insertDocument(doc: Omit<DocumentInput, 'origin'> & { sha256: string }): Promise<StoredDocument>;
  getDocument(id: number): Promise<StoredDocument | null>;
  /** Documents newest first (by date, then id), with their fact counts. */
  listDocuments(filter?: DocumentFilter): Promise<DocumentSummary[]>;

  createEntity(kind: EntityKind, name: string, refs?: string[]): Promise<Entity>;
  getEntity(id: number): Promise<Entity | null>;
  getEntities(ids: number[]): Promise<Map<number, Entity>>;
  findEntityByRef(ref: string): Promise<Entity | null>;
  /** Every external ref with a given prefix (`un:`), mapped to its entity. */
  refsWithPrefix(prefix: string): Promise<Map<string, number>>;
  addRef(entityId: number, ref: string): Promise<void>;

  addName(entityId: number, name: NameInput): Promise<EntityName>;
  /** Change an entity's display name (the analyst's `entity rename`; the fact recording it is the caller's). */
  setEntityName(entityId: number, name: string): Promise<void>;
  namesOf(entityId: number): Promise<EntityName[]>;
  /** Entities of these kinds as stored (not read through merges), with their refs and names. */
  rawEntities(kinds: readonly EntityKind[]): Promise<RawEntity[]>;
  /** Every name of every entity, in pages (for building the screening and resolution indexes). */
  allNames(options?: AllNamesOptions): AsyncIterable<StoredName[]>;

  addFact(fact: FactInput): Promise<Fact>;
  /** A further statement of a fact already recorded (the same fact seen in another sentence or document). */
  addEvidence(factId: number, evidence: Partial<Evidence>): Promise<void>;
  getFact(id: number): Promise<Fact | null>;
  listFacts(filter?: FactFilter): Promise<Fact[]>;
  decide(decision: DecisionInput): Promise<Decision>;
  decisionsOf(factId: number): Promise<Decision[]>;

  recordImportRun(run: ImportRunInput): Promise<ImportRun>;
  importRuns(source?: string): Promise<ImportRun[]>;
  /** Import runs of one list, oldest first. */
  importRunsOfList(listId: string): Promise<ImportRun[]>;

  /** Create the list, or update its description (title, authority, law, source, notes). */
  saveList(list: ListDefinition): Promise<ListRecord>;
  getList(id: string): Promise<ListRecord | null>;
  /** Every list, by id. */
  lists(): Promise<ListRecord[]>;

  counts(): Promise<Record<'documents' | 'entities' | 'names' | 'facts' | 'evidence' | 'decisions', number>>;

  /**
   * Fold `otherId` into `keepId`: from then on every read (entities, names, facts, refs) sees
   * the other's names and facts as the kept entity's. Nothing is rewritten, so it can be undone.
   */
  mergeEntities(keepId: number, otherId: number, by: string, note?: string | null): Promise<EntityMerge>;
  /** Undo the active merge that folded `entityId` away (a split): it reads as itself again. */
  undoMerge(entityId: number, by: string, note?: string | null): Promise<EntityMerge>;
  /** Every merge, active or undone, with this entity on either side (all when no id), oldest first. */
  merges(entityId?: number): Promise<EntityMerge[]>;
  /** The entity an id reads as now (itself unless merged away). */
  resolveEntityId(id: number): Promise<number>;

  createApiKey(key: { name: string; role: ApiKeyRole; keyHash: string }): Promise<ApiKey>;
  /** The key with this hash, revoked or not (the caller checks `revokedAt`). */
  findApiKeyByHash(keyHash: string): Promise<ApiKey | null>;
  /** Every key, revoked ones included, oldest first. */
  listApiKeys(): Promise<ApiKey[]>;
  /** Mark a key revoked (once; a second call keeps the first date). Null for an unknown id. */
  revokeApiKey(id: number): Promise<ApiKey | null>;
  /**
   * A value that changes whenever what screening reads changes (names, facts, decisions, merges,
   * refs), cheap enough to ask per request: a long-running server reloads its index on a change,
   * including changes made by another process on the same database.
   */
  registryVersion(): Promise<string>;
  /** Moves when a name or an entity is added or entities are merged or unmerged: what name resolution depends on. */
  namesVersion(): Promise<string>;
  /**
   * The entities (as they read after merges) that writes since `registryVersion` touched: whose
   * names, facts, decisions, evidence or merges were added since. Rows are appended, so this is
   * the registry's change log. Null when it cannot tell (an unmerge since, a version not of this
   * database): the caller then reads the registry whole.
   */
  changedSince(registryVersion: string): Promise<Set<number> | null>;
}
