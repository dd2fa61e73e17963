/**
 * The extraction output (DESIGN.md "Extraction output") and the options that drive it.
 * Offsets are UTF-16 indices into the body text handed to `extract`.
 */
import type { EntityKind, Predicate } from '../model/types.js';

/** Looks a mention up in the registry; the names engine backs it later, extraction works without it. */
export interface MentionResolver {
  resolve(name: string, kind: EntityKind): { entityId: number; name: string } | null;
}

export interface ExtractOptions {
  /** Publication date `YYYY-MM-DD`: relative dates ("on Wednesday", "in March") resolve against it. */
  documentDate: string;
  resolver?: MentionResolver;
}

export interface Span {
  start: number;
  end: number;
}

export interface ExtractedMention extends Span {
  text: string;
  /** How the mention was found: a name, a definite description ("the group"), a pronoun. */
  via: 'name' | 'description' | 'pronoun';
}

export interface ExtractedEntity {
  id: string;
  name: string;
  kind: EntityKind;
  /** Every spelling seen in the document plus aliases stated in it. */
  names: string[];
  mentions: ExtractedMention[];
  /** ISO 3166 alpha-2 (or `UN`, `EU`) for places, authorities and laws where known. */
  country?: string;
  resolvedTo?: { entityId: number; name: string };
}

export interface FactQualifiers {
  authority?: string;
  jurisdiction?: string;
  law?: string;
  instrument?: string;
}

export interface FactEvidence extends Span {
  /** Who says it: "notification issued by the ministry of interior", "official requesting anonymity". */
  attribution: string | null;
  sentence?: string;
}

export interface ExtractedFact {
  subject: string;
  predicate: Predicate;
  /** An entity id, or the literal name for `alias`; null for `proscribed`, `delisted`, `founded`. */
  object: string | null;
  /** ISO partial date or range: `2016`, `2016-12`, `2016-12-01`, `2014/2015`. */
  date: string | null;
  qualifiers: FactQualifiers;
  evidence: FactEvidence;
  /** Further statements of the same fact in the document, weaker first-come order. */
  supporting?: FactEvidence[];
  confidence: number;
  /** The rule that produced the strongest evidence, e.g. `proscribed.active`. */
  rule: string;
  /** Entity ids behind the authority and law qualifiers, for the registry to link. */
  qualifierEntities?: { authority?: string; law?: string };
}

export interface ExtractionResult {
  document: { date: string };
  entities: ExtractedEntity[];
  facts: ExtractedFact[];
}
