/** A stretch of text that names (or refers back to) something the extractor cares about. */
import type { EntityKind } from '../../model/types.js';
import type { PlaceLevel } from '../gazetteer/gazetteer.js';

export type MentionKind = EntityKind | 'unknown';

export interface Mention {
  id: number;
  start: number;
  end: number;
  /** Token range [t0, t1). */
  t0: number;
  t1: number;
  sentence: number;
  text: string;
  /** The name it contributes to its entity: `Kurram district`, `Anti-Terrorism Act, 1997`. */
  name: string;
  /** Other names the same stretch gives (`Anti-Terrorism Act` beside `..., 1997`). */
  altNames?: string[];
  kind: MentionKind;
  via: 'name' | 'description' | 'pronoun';
  acronym: boolean;
  /** ISO country of a place, or of an authority or law when the text makes it evident. */
  country?: string;
  placeLevel?: PlaceLevel;
  /** Law: the section cited with it (`11-B`). */
  section?: string;
  /** Authority strength: a named body (2) beats "the government" or "the cabinet" (1). */
  authorityRank?: number;
  /** For references back (`it`, `the group`): the mention they stand for. */
  antecedent?: number;
  /** Index of the entity it was merged into. */
  entity?: number;
  /** Context said what it is (`the group X`, `X chief`), set by promotion. */
  cue?: 'organisation' | 'person' | 'publication';
}
