/**
 * The data model of proscribe (see DESIGN.md): documents, entities, names, facts with
 * evidence, and decisions about facts. These are the shapes that cross module boundaries.
 */

export const ENTITY_KINDS = ['organisation', 'person', 'authority', 'place', 'law', 'publication', 'vessel', 'aircraft'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const NAME_TYPES = ['primary', 'alias', 'acronym', 'translation', 'spelling', 'previous', 'weak'] as const;
export type NameType = (typeof NAME_TYPES)[number];

export const PREDICATES = [
  'proscribed', 'delisted', 'offshoot_of', 'front_for', 'successor_of', 'alias', 'affiliated_with',
  'supported_by', 'allied_with', 'opposes', 'based_in', 'operates_in', 'recruits_in', 'founded', 'member_of',
  // Two records (list entries of two lists, a news mention and a list entry) are one entity:
  // the cross-list join proposes it, and accepting it merges the two.
  'same_as',
] as const;
export type Predicate = (typeof PREDICATES)[number];

/** Lineage edges: an organisation reached through them from a listed one is "banned through lineage". */
export const LINEAGE_PREDICATES: readonly Predicate[] = ['offshoot_of', 'front_for', 'successor_of'];

/** The name types an analyst gives by hand (`entity add-name --type`). */
export const CURATED_NAME_TYPES = ['alias', 'previous', 'translation', 'acronym', 'spelling'] as const;
export type CuratedNameType = (typeof CURATED_NAME_TYPES)[number];

export const FACT_STATUSES = ['proposed', 'accepted', 'rejected'] as const;
export type FactStatus = (typeof FACT_STATUSES)[number];

export interface DocumentInput {
  /** ISO date YYYY-MM-DD the document was published. */
  date: string;
  text: string;
  url?: string | null;
  title?: string | null;
  /** Where the input came from, for messages: "file.jsonl:12". */
  origin: string;
}

export interface StoredDocument {
  id: number;
  sha256: string;
  date: string;
  url: string | null;
  title: string | null;
  text: string;
  ingestedAt: string;
}

export interface Entity {
  id: number;
  kind: EntityKind;
  name: string;
  /** External references such as `un:QDe.019`, `ofac:1234`. */
  refs: string[];
}

export interface EntityName {
  id: number;
  entityId: number;
  text: string;
  type: NameType;
  lang: string | null;
  /** Quality flag from a list (`good`, `low`) where the list gives one. */
  quality: string | null;
  factId: number | null;
  /** The accepted fact by which an analyst removed the name (it is no longer screened or resolved). */
  removedBy?: number | null;
}

export interface Qualifiers {
  authority?: string;
  jurisdiction?: string;
  law?: string;
  instrument?: string;
  /** The list a listing fact comes from (`pk-nacta`, `un-sc`); absent for news and analysts' facts. */
  list?: string;
  /** Free additional qualifiers (program codes, list row). */
  [key: string]: string | undefined;
}

export interface Evidence {
  documentId: number | null;
  start: number | null;
  end: number | null;
  /** Who said it: "notification", "anonymous ministry official", "UN list 2018-10-29". */
  attribution: string | null;
  /** The source where there is no document: a list import, an analyst. */
  source: string | null;
  /** The words the source said, where there is no stored document to point into. */
  quote?: string | null;
}

export interface FactInput {
  subjectId: number;
  predicate: Predicate;
  objectId?: number | null;
  objectLiteral?: string | null;
  /** ISO partial date or range: `2016`, `2016-12`, `2016-12-01`, `2014/2015`. */
  date?: string | null;
  qualifiers?: Qualifiers;
  evidence?: Partial<Evidence>;
  extractor: string;
  confidence: number;
}

export interface Fact {
  id: number;
  subjectId: number;
  predicate: Predicate;
  objectId: number | null;
  objectLiteral: string | null;
  date: string | null;
  qualifiers: Qualifiers;
  evidence: Evidence[];
  extractor: string;
  confidence: number;
  status: FactStatus;
  recordedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface DecisionInput {
  factId: number;
  verdict: 'accepted' | 'rejected';
  by: string;
  note?: string | null;
  /** ISO timestamp; defaults to now. */
  at?: string;
}

export interface Decision {
  id: number;
  factId: number;
  verdict: 'accepted' | 'rejected';
  by: string;
  note: string | null;
  at: string;
}

/** One entity folded into another; undone (a split) when undoneAt is set. */
export interface EntityMerge {
  id: number;
  /** The entity folded away: its names and facts now read as the other's. */
  entityId: number;
  intoId: number;
  by: string;
  note: string | null;
  at: string;
  undoneBy: string | null;
  undoNote: string | null;
  undoneAt: string | null;
}
