/** Where a mention sits in its clause: after a preposition it is no clause subject. */
import type { Doc } from '../document.js';
import { PREPOSITIONS } from '../lexicon/words.js';
import type { Token } from '../text/tokenize.js';

/** Modifiers that may stand between a preposition and the name it governs. */
const MODIFIERS = new Set([
  'the', 'a', 'an', 'outlawed', 'banned', 'proscribed', 'terror', 'terrorist', 'militant', 'sectarian', 'jihadist',
  'extremist', 'so-called', 'its', 'their', 'his', 'her', 'defunct', 'now-defunct', 'group', 'outfit', 'organisation',
  'organization', 'based', 'backed', '-', "'", '‘', '’', '"', '“', '”', 'some',
]);

export function governingPreposition(doc: Doc, t0: number, sentenceStart: number): string | null {
  for (let i = t0 - 1; i >= Math.max(sentenceStart, t0 - 6); i--) {
    const t = doc.tokens[i] as Token;
    if (t.lower === 'least' && doc.tokens[i - 1]?.lower === 'at') {
      i--;
      continue;
    }
    if (PREPOSITIONS.has(t.lower)) return t.lower;
    if (MODIFIERS.has(t.lower) || t.type === 'num') continue;
    // A place before `-based`: `of Pakistan-based group X`.
    if (t.cap && doc.tokens[i + 1]?.text === '-') continue;
    return null;
  }
  return null;
}
