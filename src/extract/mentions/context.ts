/**
 * What the words around a name say it is: `a group identified as X`, `X fighters`,
 * `X is a sectarian group`, `TLP chief X`, `told X`. Used to settle names the chunk alone left
 * `unknown`; a name never confirmed by its context is dropped rather than guessed.
 */
import type { Doc } from '../document.js';
import { GENERIC_ORG_NOUNS, MEMBER_ROLES, PERSON_TITLES } from '../lexicon/words.js';
import type { Token } from '../text/tokenize.js';
import type { Mention } from './mention.js';

const ORG_BEFORE = new Set([
  ...GENERIC_ORG_NOUNS, 'banned', 'proscribed', 'outlawed', 'militant', 'terror', 'terrorist', 'jihadist',
  'extremist', 'insurgent', 'sectarian', 'separatist', 'proxy', 'offshoot', 'splinter', 'outfits',
]);
const ORG_AFTER = new Set([
  'group', 'outfit', 'organisation', 'organization', 'militants', 'militant', 'fighters', 'fighter', 'members',
  'cadres', 'activists', 'operatives', 'commander', 'commanders', 'chief', 'leader', 'leaders', 'leadership',
  'recruiter', 'recruiters', 'supporters', 'workers', 'spokesman', 'founder', 'network', 'faction', 'terrorists',
  'jihadists', 'insurgents', 'affiliate', 'affiliates', 'offshoot', 'ideology', 'training', 'camp', 'camps',
]);
const COPULA = new Set(['is', 'was', 'are', 'were', ',', 'remains', 'became']);
const SAY = new Set(['said', 'says', 'told', 'added', 'stated']);

function word(doc: Doc, i: number): Token | undefined {
  return doc.tokens[i];
}

/** Skips a parenthesis or quote right after the name: `The Liwa X (People of ...) is a ... group`. */
function afterName(doc: Doc, m: Mention): number {
  let i = m.t1;
  if (word(doc, i)?.text === '(') {
    while (i < doc.tokens.length && word(doc, i)?.text !== ')') i++;
    i++;
  }
  while (/^['’"”]$/.test(word(doc, i)?.text ?? '')) i++;
  return i;
}

/** What only a group does or has done to it: `X broke away from`, `designating X as`, `X was banned`. */
const ORG_VERB_AFTER = /^\s*(?:,\s*)?(?:broke\s+away|split\s+from|splintered|claimed\s+responsibility|(?:was|were|has\s+been|have\s+been|is|are)\s+(?:formally\s+|also\s+)?(?:banned|proscribed|designated|outlawed|listed|de-?proscribed|delisted))\b/i;
const ORG_VERB_BEFORE = /\b(?:designating|designate|designated|designates|banned|banning|bans|proscribed|proscribing|proscribes|outlawed|outlawing|listing|de-?proscribed|delisting|revoking\s+the\s+designation\s+of|designation\s+of)\s+(?:the\s+)?$/i;

export function orgContext(doc: Doc, m: Mention): boolean {
  const s = doc.sentences[m.sentence];
  if (!s) return false;
  if (ORG_VERB_AFTER.test(doc.text.slice(m.end, m.end + 50)) || ORG_VERB_BEFORE.test(doc.text.slice(Math.max(s.start, m.start - 45), m.start))) return true;
  let b = m.t0 - 1;
  while (b >= s.t0 && /^['‘"“]$/.test(word(doc, b)?.text ?? '')) b--;
  const prev = word(doc, b);
  if (b >= s.t0 && prev && ORG_BEFORE.has(prev.lower)) return true;
  // `a group identified as X`, `an outfit called X`.
  if (b >= s.t0 + 1 && prev && ['as', 'called', 'named', 'dubbed'].includes(prev.lower)) {
    for (let k = b - 1; k >= Math.max(s.t0, b - 4); k--) if (GENERIC_ORG_NOUNS.has(word(doc, k)?.lower ?? '')) return true;
  }
  const a = afterName(doc, m);
  const next = word(doc, a);
  if (a < s.t1 && next && ORG_AFTER.has(next.lower)) return true;
  // `X is a pro-Iran group`, `X, a sectarian outfit`: a copula or comma, then an indefinite description.
  if (a < s.t1 && next && COPULA.has(next.lower) && ['a', 'an', 'the'].includes(word(doc, a + 1)?.lower ?? '')) {
    for (let k = a + 2; k < Math.min(s.t1, a + 9); k++) {
      const w = word(doc, k) as Token;
      if (GENERIC_ORG_NOUNS.has(w.lower)) return true;
      if (w.type === 'punct' && w.text !== '-') break;
      if (w.cap && k > a + 1) break;
    }
  }
  return false;
}

export function personContext(doc: Doc, m: Mention): boolean {
  const s = doc.sentences[m.sentence];
  if (!s || m.acronym) return false;
  const prev = word(doc, m.t0 - 1);
  if (m.t0 - 1 >= s.t0 && prev && (PERSON_TITLES.has(prev.lower) || MEMBER_ROLES.has(prev.lower)) && !prev.cap) return true;
  const a = m.t1;
  const next = word(doc, a);
  if (next?.text === ',' && ['the', 'a', 'an'].includes(word(doc, a + 1)?.lower ?? '') && MEMBER_ROLES.has(word(doc, a + 2)?.lower ?? '')) return true;
  if (next?.text === ',' && MEMBER_ROLES.has(word(doc, a + 1)?.lower ?? '')) return true;
  // `Its leader, X,`, `the group's chief, X`.
  if (prev?.text === ',' && MEMBER_ROLES.has(word(doc, m.t0 - 2)?.lower ?? '') && m.t1 - m.t0 >= 2) return true;
  return m.t1 - m.t0 >= 2 && !!next && SAY.has(next.lower);
}

/**
 * `, MAL's chief fundraiser`, `, a MAL commander`, `, the group's treasurer`: an apposition from
 * `k` naming a role in a group, which makes the name before it a person.
 */
export function roleApposition(doc: Doc, m: Mention): boolean {
  const s = doc.sentences[m.sentence];
  return !!s && !m.acronym && m.t1 - m.t0 >= 2 && word(doc, m.t1)?.text === ',' && roleOfGroupAfter(doc, s.t1, m.t1 + 1);
}

function roleOfGroupAfter(doc: Doc, end: number, k: number): boolean {
  if (['a', 'an', 'the'].includes(word(doc, k)?.lower ?? '')) k++;
  let owner = 0;
  while (k < end && owner < 6 && word(doc, k)?.cap) {
    k++;
    owner++;
  }
  if (owner === 0 && GENERIC_ORG_NOUNS.has(word(doc, k)?.lower ?? '')) {
    k++;
    owner++;
  }
  if (word(doc, k)?.lower === "'s") k++;
  if (owner === 0) return false;
  for (let n = 0; n < 3 && k < end; n++, k++) {
    const w = word(doc, k) as Token;
    // `a Baloch militant group` describes a group, not a role.
    if (MEMBER_ROLES.has(w.lower)) return !GENERIC_ORG_NOUNS.has(word(doc, k + 1)?.lower ?? '');
    if (w.type !== 'word' || w.cap) return false;
  }
  return false;
}

const LOCATIVE = new Set(['in', 'from', 'across', 'near', 'at', 'into', 'throughout', 'inside', 'to']);

/**
 * `in Shopian and Pulwama districts`, `in Yorkshire and Glasgow`: a name coordinated with a
 * known place under a locative preposition is a place too.
 */
export function placeCoordination(doc: Doc, m: Mention, places: Mention[]): boolean {
  const byEnd = new Map(places.map((p) => [p.t1, p]));
  const byStart = new Map(places.map((p) => [p.t0, p]));
  const link = (t: Token | undefined): boolean => !!t && (t.lower === 'and' || t.lower === 'or' || t.text === ',');
  const governed = (t0: number): boolean => LOCATIVE.has(word(doc, t0 - 1)?.lower ?? '') || (word(doc, t0 - 1)?.lower === 'the' && LOCATIVE.has(word(doc, t0 - 2)?.lower ?? ''));
  if (link(word(doc, m.t1)) && byStart.has(m.t1 + 1) && governed(m.t0)) return true;
  const before = byEnd.get(m.t0 - 1);
  return link(word(doc, m.t0 - 1)) && !!before && governed(before.t0);
}

export function publicationContext(doc: Doc, m: Mention): boolean {
  const prev = word(doc, m.t0 - 1)?.lower ?? '';
  const prev2 = word(doc, m.t0 - 2)?.lower ?? '';
  const next = word(doc, m.t1)?.lower ?? '';
  return prev === 'told' || (prev === ':' && prev2 === 'courtesy') || next === 'reported' || prev === 'courtesy';
}
