/**
 * The names engine shared by screening and entity resolution: normalisation, transliteration
 * folding, tokens and acronyms, a candidate index and an explaining scorer.
 */
import { tokenize } from './tokens.js';

export { DEFAULT_MIN_SCORE, DEFAULT_THRESHOLD, NameIndex } from './name-index.js';
export type { NameIndexSnapshot, NameMatch, SearchOptions, SearchStats } from './name-index.js';
export type { AlignmentRow, MatchExplanation } from './scorer.js';
export { normaliseText } from './normalise.js';
export { abjadSkeletonKey, foldToken, phoneticKey, skeletonKey, vowelLayoutDistance } from './fold.js';
export { acronymForms, initialsOf, nameSegments, splitCompound, tokenize } from './tokens.js';
export type { NameToken } from './tokens.js';
export { editDistance, jaroWinkler } from './similarity.js';

/**
 * The folded form of a name: two names with the same folded form are the same name written
 * differently (script, case, diacritics, punctuation, transliteration, abbreviations, joined
 * or separated compounds). Entity resolution uses it for exact "same name" decisions; looser
 * matches go through {@link NameIndex.search}.
 */
export function foldName(s: string): string {
  return tokenize(s).map((t) => t.fold).join(' ');
}
export { type NameComparison, compareNames } from './compare.js';
