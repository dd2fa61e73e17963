/**
 * Proper-noun chunks by hand: runs of capitalised words joined by the small words that live
 * inside names (`Ministry of Interior`, `Ansar ul Hussian`, `Islamic State of Iraq and Syria`,
 * `Cartel del Noreste`). Off-the-shelf NER here has no organisations and splits `Lashkar-e-Taiba`.
 */
import type { Doc } from '../document.js';
import { gazetteer } from '../gazetteer/gazetteer.js';
import { FUNCTION_WORDS, MONTHS, ORG_HEADS, PLACE_SUFFIXES, WEEKDAYS } from '../lexicon/words.js';
import type { Token } from '../text/tokenize.js';

export interface Chunk {
  t0: number;
  t1: number;
  sentence: number;
}

const CALENDAR = new Set([...MONTHS, ...WEEKDAYS]);
const PARTICLES = new Set(['al', 'el', 'ul', 'e', 'i', 'bin', 'ibn', 'ud', 'ur', 'us', 'de', 'del', 'la', 'los', 'las', 'da', 'di', 'von', 'van']);

function nameLike(t: Token | undefined): boolean {
  if (!t || t.type !== 'word') return false;
  // `al-Qaeda` is a name; `neo-Nazi`, `anti-Islam` are adjectives.
  if (!t.cap && !/^(?:al|el|ul|ad|ash|as|at|az|ibn|bin|abu|bint|de|da|di|van|von)[-‐‑]\p{Lu}/iu.test(t.text)) return false;
  // A mixed-case acronym (`HaS`, `LeT`) is a name even when its letters spell a small word.
  if (t.acronym && /[a-z]/.test(t.text)) return true;
  return !FUNCTION_WORDS.has(t.lower) && !CALENDAR.has(t.lower);
}

function hasOrgHead(doc: Doc, t0: number, t1: number): boolean {
  for (let i = t0; i < t1; i++) {
    const w = doc.tokens[i] as Token;
    if (ORG_HEADS.has(w.lower) || ORG_HEADS.has(w.lower.split(/[-‐‑]/)[0] ?? '')) return true;
  }
  return false;
}

/** Lower-case forms seen in the text: a sentence-initial `Banned` is then an ordinary word. */
export function lowerVocabulary(doc: Doc): Set<string> {
  const v = new Set<string>();
  for (const t of doc.tokens) if (t.type === 'word' && !t.cap) v.add(t.lower);
  return v;
}

export function chunkProperNouns(doc: Doc, taken: Uint8Array, vocabulary: Set<string>): Chunk[] {
  const out: Chunk[] = [];
  const toks = doc.tokens;
  const g = gazetteer();
  for (const s of doc.sentences) {
    let firstWord = s.t0;
    while (firstWord < s.t1 && (toks[firstWord] as Token).type === 'punct') firstWord++;
    let i = s.t0;
    while (i < s.t1) {
      const t = toks[i] as Token;
      const midThe = t.text === 'The' && i !== firstWord && nameLike(toks[i + 1]) && !taken[i + 1];
      if (taken[i] || (!nameLike(t) && !midThe)) {
        i++;
        continue;
      }
      let j = i + 1;
      let hasOf = false;
      while (j < s.t1 && !taken[j]) {
        const n = toks[j] as Token;
        const adjacent = n.start === (toks[j - 1] as Token).end;
        if (nameLike(n)) {
          j++;
          continue;
        }
        const next = toks[j + 1];
        const nextOk = nameLike(next) && !taken[j + 1];
        // `Orakzai Agency of the Federally Administered Tribal Areas` is two places.
        const ofOk = !PLACE_SUFFIXES.has((toks[j - 1] as Token).lower);
        if (n.lower === 'of' && nextOk && ofOk) {
          hasOf = true;
          j += 2;
        } else if (n.lower === 'of' && ofOk && toks[j + 1]?.lower === 'the' && nameLike(toks[j + 2]) && !taken[j + 2]) {
          hasOf = true;
          j += 3;
        } else if (n.lower === 'and' && nextOk && !next?.acronym &&
          (hasOf || g.lookup(doc.text.slice((toks[i] as Token).start, (next as Token).end)).length > 0)) {
          j += 2;
        } else if (n.text === '&' && adjacent && nextOk && next?.start === n.end) {
          j += 2;
        } else if (PARTICLES.has(n.text) && nextOk) {
          j += 2;
        } else if ((n.lower === "'s" || n.lower === "'") && nextOk && !(toks[j - 1] as Token).acronym &&
          g.lookup((toks[j - 1] as Token).text).length === 0 && !g.demonym((toks[j - 1] as Token).text) &&
          hasOrgHead(doc, j + 1, Math.min(s.t1, j + 6))) {
          // `People’s Anti-Fascist Front`, `Peoples' Liberation Army` keep the possessive; `Iran’s Qom` does not.
          j += 2;
        } else break;
      }
      // `anti-India Lashkar-e-Tayyiba`: the place after `pro-`/`anti-` is a chunk of its own.
      const prefixed = toks[i - 1]?.text === '-' && ['pro', 'anti'].includes(toks[i - 2]?.lower ?? '');
      if (prefixed && j - i > 1 && g.lookup(t.text).length > 0) j = i + 1;
      let t0 = i;
      if (midThe && j - i === 1) {
        i = j;
        continue;
      }
      // A lone capitalised first word that the text also uses in lower case is just a word.
      if (t0 === firstWord && j - t0 === 1) {
        const w = toks[t0] as Token;
        if (!w.acronym && !/[-‐‑]/.test(w.text) && (vocabulary.has(w.lower) || /(ed|ing|ly)$/.test(w.lower)) &&
          g.lookup(w.text).length === 0) {
          i = j;
          continue;
        }
      }
      if (t0 === firstWord && j - t0 > 1 && vocabulary.has((toks[t0] as Token).lower) && /(ed|ing|ly)$/.test((toks[t0] as Token).lower)) t0++;
      out.push({ t0, t1: j, sentence: s.index });
      i = j;
    }
  }
  return out;
}
