/**
 * Proper-noun chunks by hand: runs of capitalised words joined by the small words that live
 * inside names (`Ministry of Interior`, `Ansar ul Hussian`, `Islamic State of Iraq and Syria`,
 * `Cartel del Noreste`). Off-the-shelf NER here has no organisations and splits `Lashkar-e-Taiba`.
 */
import type { Doc, Sentence } from '../document.js';
import { gazetteer } from '../gazetteer/gazetteer.js';
import { FUNCTION_WORDS, MONTHS, ORG_HEADS, PLACE_SUFFIXES, WEEKDAYS } from '../lexicon/words.js';
import type { Token } from '../text/tokenize.js';

export interface Chunk {
  t0: number;
  t1: number;
  sentence: number;
}

const CALENDAR = new Set([...MONTHS, ...WEEKDAYS]);
/** Labels of a page's sections and kinds of piece, written in capitals above or before a story. */
const SECTION_LABELS = new Set([
  'opinion', 'editorial', 'analysis', 'comment', 'commentary', 'exclusive', 'update', 'updated', 'breaking', 'live', 'watch',
  'explainer', 'feature', 'interview', 'review', 'column', 'letters', 'news', 'world', 'politics', 'national', 'international',
  'press', 'release', 'releases', 'statement', 'background', 'note', 'notes', 'photos', 'video', 'read', 'more', 'advertisement',
]);
/** Small words that live inside romanised, Spanish, French and Dutch names: `Ansar ul Hussain`, `Cartel del Noreste`. */
const PARTICLES = new Set(['al', 'el', 'ul', 'ut', 'un', 'e', 'i', 'o', 'bin', 'ibn', 'ud', 'ur', 'us', 'wa', 'wal', 'de', 'del', 'la', 'los', 'las', 'da', 'di', 'du', 'des', 'le', 'les', 'pour', 'y', 'von', 'van', 'der', 'den']);
/** A particle fused to the next word by a hyphen opens or continues a name: `al-Qaeda`, `Hizb ut-Tahrir`, `Sipah e-Sahaba`. */
const FUSED_PARTICLE = /^(?:(?:al|el|ul|ut|un|ud|ur|us|ush|e|i|o|ad|ar|ash|as|at|az|ibn|bin|abu|bint|wa|wal|de|da|di|van|von)[-‐‑]|[ld]['’])\p{Lu}/u;

const FACTION_HEADS = new Set(['group', 'faction', 'wing']);
/** Heads a `for` may follow inside a name: `Center for ...`, `Front for ...`, `Council for ...`. */
const ORG_HEAD_LAST = new Set(['center', 'centre', 'front', 'council', 'committee', 'society', 'foundation', 'movement', 'organisation', 'organization', 'association', 'league', 'union', 'institute', 'alliance', 'campaign', 'coalition', 'network', 'forum', 'party', 'army', 'trust', 'fund']);
/** Names whose regional branches are called `X in P`, `X - P`. */
const FRANCHISE_HEADS = new Set(['state', 'qaeda', 'qaida', 'al-qaeda', 'al-qaida', 'al-qa’ida', "al-qa'ida", 'isis', 'isil', 'daesh']);

/** Heads named `X in P` as a franchise; `ISIS in Syria` is a group and where it fights. */
const FRANCHISE_IN = new Set(['state', 'qaeda', 'qaida', 'al-qaeda', 'al-qaida']);

/** The chunk starting at `i` stands where a list item or a subject does, not after a verb or preposition. */
function listPosition(toks: Token[], i: number): boolean {
  const prev = toks[i - 1];
  return !prev || /^[,:;(—–-]$/.test(prev.text) || prev.lower === 'and' || (prev.lower === 'the' && (!toks[i - 2] || /^[,:;(]$/.test(toks[i - 2]?.text ?? '') || toks[i - 2]?.lower === 'and'));
}

/** The name-like words from `k` end, within three, in a group's head word (`... Sacrifice Front`). */
function headAhead(toks: Token[], k: number, end: number): boolean {
  for (let n = k; n < Math.min(end, k + 3); n++) {
    const t = toks[n];
    if (!t || !t.cap) return false;
    if (ORG_HEADS.has(t.lower)) return true;
  }
  return false;
}

/**
 * The chunk [i, j) is an item of an enumeration that separates its items with commas and closes
 * with `, and` later in the sentence, and the word after the `and` at j runs on to such a comma.
 */
function insideOxfordList(doc: Doc, s: Sentence, i: number, j: number): boolean {
  const toks = doc.tokens;
  const opener = /^(?:including|namely|:|names|name|called)$/;
  if (toks[i - 1]?.text !== ',' && !(toks[i - 1]?.lower === 'the' && toks[i - 2]?.text === ',') && !opener.test(toks[i - 1]?.lower ?? '') &&
    !(toks[i - 1]?.lower === 'the' && opener.test(toks[i - 2]?.lower ?? ''))) return false;
  let k = j + 1;
  while (k < s.t1 && nameLike(toks[k])) k++;
  if (toks[k]?.text !== ',') return false;
  for (let n = k; n < s.t1 - 1; n++) if (toks[n]?.text === ',' && toks[n + 1]?.lower === 'and') return true;
  return false;
}

/** A letter of a dotted abbreviation (`U.S.-designated`, `E.O.`): no name on its own. */
function abbreviationLetter(toks: Token[], i: number): boolean {
  const t = toks[i];
  if (!t || t.text.length !== 1) return false;
  const dotAfter = toks[i + 1]?.text === '.' && toks[i + 1]?.start === t.end;
  const dotBefore = toks[i - 1]?.text === '.' && toks[i - 1]?.end === t.start;
  const letter = (k: number): boolean => (toks[k]?.text.length ?? 0) === 1 && /\p{L}/u.test(toks[k]?.text ?? '');
  return (dotAfter && letter(i + 2) && toks[i + 2]?.start === toks[i + 1]?.end) || (dotBefore && letter(i - 2) && toks[i - 2]?.end === toks[i - 1]?.start);
}

function nameLike(t: Token | undefined): boolean {
  if (!t || t.type !== 'word') return false;
  // `al-Qaeda` is a name; `neo-Nazi`, `anti-Islam` are adjectives.
  if (!t.cap && !FUSED_PARTICLE.test(t.text)) return false;
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

/** `Removes`, `removing` and `removal` share a stem: enough to tell a headline's verbs from names. */
function stemOnce(w: string): string {
  return w.length > 5 ? w.replace(/(?:ings?|als?|ions?|ers?|ed|es|s|e)$/, '') : w;
}

function stem(word: string): string {
  // Twice: `sanctioned` → `sanction` → `sanct`, as `sanctions` → `sanct`.
  return stemOnce(stemOnce(word));
}

/** A line shaped like a headline or a heading: capitalised words and small words only. */
function headlineShaped(doc: Doc, s: Sentence): boolean {
  let words = 0;
  for (let i = s.t0; i < s.t1; i++) {
    const w = doc.tokens[i] as Token;
    if (w.type !== 'word') continue;
    words++;
    if (!w.cap && !FUNCTION_WORDS.has(w.lower) && !PARTICLES.has(w.lower) && !FUSED_PARTICLE.test(w.text)) return false;
  }
  return words >= 1;
}

/**
 * A headline (`Treasury Sanctions Gulf-Based Financiers of X; Removes Dissolved Trust from SDN
 * List`): one line whose every word is capitalised or a small word, at least two of them words the
 * text also uses in lower case. Its capitals are style, not names.
 */
function isHeadline(doc: Doc, s: Sentence, stems: Set<string>): boolean {
  if (doc.text.slice(s.start, s.end).trim().includes('\n')) return false;
  const words = doc.tokens.slice(s.t0, s.t1).filter((t) => t.type === 'word');
  // `SANCTIONS IMPLICATIONS`, `STATE DEPARTMENT ACTION`: a heading in capitals, with a word of the text.
  if (words.length >= 1 && words.every((w) => w.allCaps && w.text.length > 1) && words.some((w) => stems.has(stem(w.lower)) || SECTION_LABELS.has(w.lower))) return true;
  if (words.length < 5 || /[.!?]["”’]?\s*$/.test(doc.text.slice(s.start, s.end).trim())) return false;
  if (words.some((w) => !w.cap && !FUNCTION_WORDS.has(w.lower) && !PARTICLES.has(w.lower) && !FUSED_PARTICLE.test(w.text))) return false;
  const common = new Set(words.filter((w) => w.cap && !w.allCaps && stems.has(stem(w.lower))).map((w) => stem(w.lower)));
  return common.size >= 2;
}

/**
 * The parts of a headline's chunk that the rest of the text names too (`Makoran Azadi Lashkar`
 * in `Treasury Sanctions Gulf-Based Financiers of Makoran Azadi Lashkar`), longest first.
 */
function namesInHeadline(doc: Doc, c: Chunk, bodyNames: Set<string>): Chunk[] {
  const out: Chunk[] = [];
  const key = (a: number, b: number) => doc.text.slice((doc.tokens[a] as Token).start, (doc.tokens[b - 1] as Token).end).toLowerCase();
  let a = c.t0;
  while (a < c.t1) {
    let b = c.t1;
    while (b > a && !bodyNames.has(key(a, b))) b--;
    if (b > a) {
      out.push({ t0: a, t1: b, sentence: c.sentence });
      a = b;
    } else a++;
  }
  return out;
}

export function chunkProperNouns(doc: Doc, taken: Uint8Array, vocabulary: Set<string>): Chunk[] {
  const shaped = doc.sentences.filter((s) => headlineShaped(doc, s));
  const stems = shaped.length > 0 ? new Set([...vocabulary].map(stem)) : new Set<string>();
  const headlines = new Set(shaped.filter((s) => isHeadline(doc, s, stems)).map((s) => s.index));
  const chunks = chunkSentences(doc, taken, vocabulary, doc.sentences.filter((s) => !headlines.has(s.index)));
  if (headlines.size === 0) return chunks;
  const bodyNames = new Set(chunks.map((c) => doc.text.slice((doc.tokens[c.t0] as Token).start, (doc.tokens[c.t1 - 1] as Token).end).toLowerCase()));
  // Acronyms and places are names wherever they stand (`MAL`, `Pakistan`).
  for (const t of doc.tokens) if (t.acronym || gazetteer().lookup(t.text).length > 0) bodyNames.add(t.lower);
  const inHeadlines = chunkSentences(doc, taken, vocabulary, doc.sentences.filter((s) => headlines.has(s.index)))
    .flatMap((c) => namesInHeadline(doc, c, bodyNames));
  return [...chunks, ...inHeadlines].sort((x, y) => x.t0 - y.t0);
}

function chunkSentences(doc: Doc, taken: Uint8Array, vocabulary: Set<string>, sentences: Sentence[]): Chunk[] {
  const out: Chunk[] = [];
  const toks = doc.tokens;
  const g = gazetteer();
  for (const s of sentences) {
    let firstWord = s.t0;
    while (firstWord < s.t1 && (toks[firstWord] as Token).type === 'punct') firstWord++;
    let i = s.t0;
    while (i < s.t1) {
      const t = toks[i] as Token;
      const midThe = t.text === 'The' && i !== firstWord && nameLike(toks[i + 1]) && !taken[i + 1];
      // `All India Imams Council`, `All Parties Hurriyat Conference`: `All` opens the name.
      const allOf = t.text === 'All' && nameLike(toks[i + 1]) && !taken[i + 1] &&
        (!!g.lookup((toks[i + 1] as Token).text).length || ['parties', 'party'].includes(toks[i + 1]?.lower ?? ''));
      // `Islamic State (IS)`: a bracketed capital acronym is a name even when it spells a small word.
      const parenAcronym = t.allCaps && t.text.length >= 2 && toks[i - 1]?.text === '(' && toks[i + 1]?.text === ')';
      // `OPINION | The outfits that never die`: a section label in capitals is no acronym.
      const label = t.allCaps && SECTION_LABELS.has(t.lower);
      if (taken[i] || label || abbreviationLetter(toks, i) || (!nameLike(t) && !midThe && !allOf && !parenAcronym)) {
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
        // `Reckoning 88`, `Division 9`: a number that closes a group's name.
        if (n.type === 'num' && adjacent === false && !doc.text.slice((toks[j - 1] as Token).end, n.start).includes('\n') && /^\d{1,3}$/.test(n.text) && /^(?:[,;.)]|and)$/.test(toks[j + 1]?.lower ?? '.') && !CALENDAR.has((toks[j - 1] as Token).lower) &&
          !/^(?:order|act|article|section|schedule|resolution|no|chapter|rule|paragraph)$/i.test((toks[j - 1] as Token).lower) && j > i) {
          j++;
          break;
        }
        const next = toks[j + 1];
        const nextOk = nameLike(next) && !taken[j + 1];
        // `Orakzai Agency of the Federally Administered Tribal Areas` is two places.
        const ofOk = !PLACE_SUFFIXES.has((toks[j - 1] as Token).lower);
        // `Noor Center for Research and Studies`, `Popular Front for the Liberation of Azur`.
        const forOk = n.lower === 'for' && ((hasOrgHead(doc, i, j) && ORG_HEAD_LAST.has((toks[j - 1] as Token).lower)) || (nextOk && insideOxfordList(doc, s, i, j)));
        if ((n.lower === 'of' || forOk) && nextOk && ofOk) {
          hasOf = true;
          j += 2;
        } else if ((n.lower === 'of' || forOk) && ofOk && toks[j + 1]?.lower === 'the' && nameLike(toks[j + 2]) && !taken[j + 2]) {
          hasOf = true;
          j += 3;
        } else if (n.lower === 'and' && nextOk && !next?.acronym &&
          (hasOf || g.lookup(doc.text.slice((toks[i] as Token).start, (next as Token).end)).length > 0)) {
          j += 2;
        } else if ((n.lower === 'and' || n.lower === 'to') && nextOk && !next?.acronym && toks[j - 1]?.text !== ',' && insideOxfordList(doc, s, i, j)) {
          // `..., including the Noor Legal Aid and Human Rights, Al-Noor, ..., and the Union of ...`:
          // a list that closes with `, and` keeps a bare `and` inside one of its names.
          j += 2;
        } else if (n.lower === 'and' && nextOk && !next?.acronym && toks[i - 1]?.lower === 'the' && j - i === 1 && !hasOrgHead(doc, i, j) && headAhead(toks, j + 1, s.t1)) {
          // `the Victory and Sacrifice Front`: one name when only the words after `and` carry the head.
          j += 2;
        } else if (n.text === '&' && adjacent && nextOk && next?.start === n.end) {
          j += 2;
        } else if (PARTICLES.has(n.text) && nextOk) {
          j += 2;
        } else if (PARTICLES.has(n.text) && PARTICLES.has(toks[j + 1]?.text ?? '') && nameLike(toks[j + 2]) && !taken[j + 2]) {
          // `Los Hijos de la Sierra`, `Front pour la Libération`: two particles in a row.
          j += 3;
        } else if ((n.text === "'" || n.text === '’') && adjacent && nextOk && (next as Token).start > n.end && /^(?:al|el)[-‐‑]/i.test((next as Token).text)) {
          // `Kata'ib Dir' al-Janub`: an apostrophe for the ayn ends a word inside the name.
          j += 2;
        } else if (/^[-–—]$/.test(n.text) && !adjacent && nextOk && (next as Token).start > n.end) {
          // `Jeay Sindh Mahaz - Qamar Group`: a faction named after a spaced dash is one name with its
          // party; `Islamic State - Bangladesh`: a franchise named after its country.
          let k = j + 1;
          while (k < s.t1 && k - j <= 4 && nameLike(toks[k]) && !taken[k]) k++;
          const franchise = FRANCHISE_HEADS.has((toks[j - 1] as Token).lower) && k === j + 2 && g.lookup((toks[j + 1] as Token).text).length > 0;
          // `Sierra Cartel - New Dawn,`: a group's name that goes on after a dash, up to the list's comma.
          const continued = hasOrgHead(doc, i, j) && k - j <= 4 && /^[,;()]$|^and$/.test(toks[k]?.text ?? '.');
          if (!FACTION_HEADS.has((toks[k - 1] as Token).lower) && !franchise && !continued) break;
          j = k;
        } else if (n.lower === 'in' && FRANCHISE_IN.has((toks[j - 1] as Token).lower) && listPosition(toks, i) && (nextOk || (toks[j + 1]?.lower === 'the' && nameLike(toks[j + 2])))) {
          // `Islamic State in Libya`, `al-Qaeda in the Arabian Peninsula`: a franchise is named by where it is.
          j += toks[j + 1]?.lower === 'the' ? 3 : 2;
          while (j < s.t1 && nameLike(toks[j]) && !taken[j]) j++;
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
