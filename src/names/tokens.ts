import { jurisdictionForName } from '../lists/jurisdiction.js';
import { foldToken } from './fold.js';
import { ABBREVIATIONS, BRANCH_WORDS, CLASS_MULTIPLIER, DIRECTION_FORMS, GENERIC_SET, LEGAL_SET, PARTICLE_SET, STOP_SET, TITLE_SET, TokenClass } from './lexicon.js';
import { arabicPieces, hasArabicScript, normaliseText } from './normalise.js';
import { rewriteWords } from './word-runs.js';

/** One word of a name after normalisation, with the keys the index and the scorer use. */
export interface NameToken {
  /** The word as written (normalised): what an explanation shows. */
  surface: string;
  /** The fold key (see fold.ts). */
  fold: string;
  cls: TokenClass;
  /** How the surface word became this token, when not as is. */
  via: 'abbreviation' | 'split' | null;
  /** False for the second and later parts of a written word split as a compound. */
  first: boolean;
  /** Transliterated from a script written without short vowels (Arabic, Persian, Urdu). */
  abjad: boolean;
  /** The Arabic-script letters the token was transliterated from, when known (see arabic-skeleton.ts). */
  arabic?: string;
  /** What the word is in the name, from where it stands: ROLE_* bits, 0 for none. */
  role: number;
  /** The word is a country's name (`iran`, `pakistan`): computed once with the cached token. */
  country?: true;
}

/** The word follows a patronymic marker (`bin`, `ibn`, `ben`, `ould`): a father's name. */
export const ROLE_PATRONYMIC = 1;
/** An honorific before the name (`Hafiz`, `Haji`, `Mullah`, `Sheikh`), not a name itself. */
export const ROLE_TITLE = 2;
/** The family name of a name written `LAST, First`. */
export const ROLE_SURNAME = 4;
/**
 * A father's name with more of the name after it (`Muhammad bin Abdullah al-Harbi`, `Vladimir
 * Vladimirovich Putin`): the part most often left out. A father's name that ends the name
 * (`Mohamad Rafi bin Udin`) is what tells the person apart, and keeps its weight.
 */
export const ROLE_INNER = 8;

const ALLAH_FORMS = new Set(['allah', 'ullah', 'ulla', 'alla', 'ollah', 'olla', 'llah', 'lla', 'lah', 'la', 'illah', 'ila']);

/**
 * Arabic compound names are written joined or apart (`Abdulrahman`/`Abd al-Rahman`,
 * `Hizbullah`/`Hizb Allah`, `Nasiruddin`/`Nasir al-Din`, `Abubakar`/`Abu Bakr`). Splitting
 * the joined forms on both the indexed and the query side makes them meet as tokens.
 */
export function splitCompound(word: string): string[] | null {
  let m = /^abd(ul|al|el|ol|ur|ar|er|us|as|es|un|an|ud|ad|ut|at|ush|ash|u|o|i)?$/.exec(word);
  if (m) return ['abd'];
  m = /^abd(ul|al|el|ol|ur|ar|er|us|as|es|un|an|ud|ad|ut|at|ush|ash)?([a-z]+)$/.exec(word);
  if (m) {
    const rest = m[2]!;
    if (ALLAH_FORMS.has(rest) || (m[1] && ALLAH_FORMS.has(m[1].slice(1) + rest))) return ['abd', 'allah'];
    if (rest.length >= 3) return ['abd', ...(splitCompound(rest) ?? [rest])];
  }
  m = /^abu(l)?([a-z]{4,})$/.exec(word);
  if (m) return ['abu', m[2]!];
  m = /^([a-z]{3,}?)(ullah|ulla|ollah|olla|allah|alla|illah)$/.exec(word);
  if (m) return [m[1]!, 'allah'];
  m = /^([a-z]{3,}?)(uddin|udin|eddine|eddin|edine|edin|addin|adin|aldin|uldin|iddin|ud-din)$/.exec(word);
  if (m) return [m[1]!, 'din'];
  return null;
}

function classOf(word: string, fold: string): TokenClass {
  if (/^\d+$/.test(word)) return TokenClass.Number;
  if (PARTICLE_SET.has(word)) return TokenClass.Particle;
  if (STOP_SET.has(word) || word.length === 1) return TokenClass.Stop;
  if (LEGAL_SET.has(word)) return TokenClass.Legal;
  if (GENERIC_SET.has(word) || GENERIC_SET.has(fold)) return TokenClass.Generic;
  return TokenClass.Word;
}

// Particles of one function share one key: `ul`, `el`, `ash` are the same article, `-e-`
// and `-i-` the same izafat, `bin`, `ibn`, `ben` the same patronymic marker.
const PARTICLE_KEY: Record<string, string> = { e: 'e', i: 'e', wa: 'wa', wal: 'wa', wel: 'wa', wul: 'wa', fi: 'fi' };
const PATRONYMIC = new Set(['bin', 'ibn', 'ben', 'bint', 'binti', 'bte', 'bt', 'ould', 'walad', 'wuld', 'ibnu', 'bn']);

function makeToken(surface: string, word: string, via: NameToken['via'], first = true): NameToken {
  let fold = foldToken(DIRECTION_FORMS.get(word) ?? word);
  const cls = classOf(word, fold);
  if (cls === TokenClass.Particle) fold = PARTICLE_KEY[word] ?? (PATRONYMIC.has(word) ? 'bin' : 'al');
  const country = cls === TokenClass.Word && surface.length > 3 && jurisdictionForName(surface) !== null ? true : undefined;
  // Every token has every field, even when undefined: tokens of one shape keep the hot code
  // that reads them monomorphic.
  return { surface, fold, cls, via, first, abjad: false, arabic: undefined, role: 0, country };
}

const wordCache = new Map<string, readonly NameToken[]>();
const WORD_CACHE_LIMIT = 500_000;

/** The tokens of one normalised word (usually one; compounds give several). */
export function wordTokens(word: string): readonly NameToken[] {
  const cached = wordCache.get(word);
  if (cached) return cached;
  let out: NameToken[];
  const expanded = ABBREVIATIONS.get(word);
  if (expanded) out = [makeToken(word, expanded, 'abbreviation')];
  // `Ayatollah` is a title, not a compound of `Allah` to split.
  else if (TITLE_SET.has(word)) out = [makeToken(word, word, null)];
  else {
    const parts = splitCompound(word);
    out = parts ? parts.map((p, i) => makeToken(p, p, 'split', i === 0)) : [makeToken(word, word, null)];
  }
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(word, out);
  return out;
}

export function tokenize(text: string): NameToken[] {
  // `LAST, First`: the part before the only comma is the family name, unless the part after
  // is a legal form (`Acme Trading, Ltd`).
  const comma = text.indexOf(',');
  if (comma > 0 && text.indexOf(',', comma + 1) < 0) {
    const last = scriptTokens(text.slice(0, comma));
    const given = scriptTokens(text.slice(comma + 1));
    if (last.some(isWord) && given.some(isWord) && !given.some((t) => t.cls === TokenClass.Legal)) {
      return withRoles([...last.map((t) => (isWord(t) ? { ...t, role: ROLE_SURNAME } : t)), ...given], last.length);
    }
    return withRoles([...last, ...given], 0, last.length);
  }
  return withRoles(scriptTokens(text), 0);
}

/** Assimilated articles in their `u` forms (Urdu and Persian romanisation), with the consonant they double. */
const U_ASSIMILATED = /^u(sh|th|dh|[dtsrnz])$/;
const PATRONYMIC_SUFFIX = /^[a-z]{3,}(ovich|evich|ievich|yevich|ovych|evych|ovna|evna|ievna|yevna|ichna|inichna)$/;

/** Of a name with no `LAST,` part: the words (indexes) between the first word and a last `al-` name, when at least two. */
function lineageBeforeFamily(tokens: readonly NameToken[]): number[] {
  let last = -1;
  for (let i = tokens.length - 1; i > 0; i--) {
    if (tokens[i]!.first && isWord(tokens[i]!) && tokens[i - 1]!.cls === TokenClass.Particle && tokens[i - 1]!.fold === 'al') {
      last = i - 1;
      break;
    }
  }
  const first = tokens.findIndex((t) => isWord(t) && !(t.role & ROLE_TITLE));
  if (last < 0 || first < 0) return [];
  return wordsBetween(tokens, first + 1, last);
}

/** Of a `LAST, Given …` name: the words after the first given name, when at least two. */
function lineageAfterGiven(tokens: readonly NameToken[], given: number): number[] {
  let first = given;
  while (first < tokens.length && (!isWord(tokens[first]!) || tokens[first]!.role & ROLE_TITLE)) first++;
  return wordsBetween(tokens, first + 1, tokens.length);
}

/** The word tokens in [from, to), when they are at least two written words; else none. */
function wordsBetween(tokens: readonly NameToken[], from: number, to: number): number[] {
  const out: number[] = [];
  let written = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (!isWord(t)) continue;
    out.push(i);
    if (t.first) written++;
  }
  return written >= 2 ? out : [];
}

function isTitleWord(t: NameToken): boolean {
  return TITLE_SET.has(t.fold) || TITLE_SET.has(t.surface);
}

function isWord(t: NameToken): boolean {
  return t.cls === TokenClass.Word || t.cls === TokenClass.Generic;
}

/**
 * Marks fathers' names and leading honorifics. `given` is where the given names start (after
 * a `LAST,` part): honorifics lead them (`SAEED, Hafiz Muhammad`, `Haji Mullah Abdul Ghani`)
 * and are titles only when a name follows. `spoken` is where the name starts when said (after
 * the comma of any `LAST, …` name).
 */
/** Token i with role bits added, in `ts` (a copy of `tokens` made on the first change). */
function addRole(tokens: readonly NameToken[], ts: NameToken[] | null, i: number, role: number): NameToken[] {
  const out = ts ?? tokens.slice();
  out[i] = { ...out[i]!, role: out[i]!.role | role };
  return out;
}

function withRoles(tokens: NameToken[], given: number, spoken = given): NameToken[] {
  const n = tokens.length;
  if (n === 0) return tokens;
  // Copied on the first change only: the tokens themselves are shared through the word cache.
  let ts: NameToken[] | null = null;
  let hasParticle = false;
  for (let i = 0; i < n; i++) if (tokens[i]!.cls === TokenClass.Particle) hasParticle = true;
  // An Arabic article ends no name, and an assimilated one (`ud-Din`, `ut-Tahrir`, `un-Nasr`)
  // comes before a word of its consonant: otherwise the word is of another language (`Kim Jong
  // Un`, `Jong Un KIM`, `Kim Jong Il`), and tells names apart. Read in the order the name is
  // said: `HASSAN, Hameed ul` is Hameed ul Hassan.
  if (hasParticle) {
    let wordBefore = false;
    for (let k = 0; k < n; k++) {
      const i = (k + spoken) % n;
      const t = tokens[i]!;
      if (t.cls !== TokenClass.Particle || !wordBefore) {
        if (isWord(t)) wordBefore = true;
        continue;
      }
      const next = k + 1 < n ? tokens[(k + 1 + spoken) % n]! : undefined;
      const assimilated = next === undefined ? null : U_ASSIMILATED.exec(t.surface);
      if (next !== undefined && !(assimilated && !next.surface.startsWith(assimilated[1]!))) continue;
      ts ??= tokens.slice();
      ts[i] = { ...t, cls: TokenClass.Word, fold: foldToken(t.surface) };
      wordBefore = true;
    }
  }
  // A country named after a body's own words says where it is (`Bank Melli Iran`, `Hizb
  // ut-Tahrir Britain`): lists and the press leave it out as often as not.
  for (let i = 1; i < n; i++) {
    const t = (ts ?? tokens)[i]!;
    if (t.country !== true || t.cls !== TokenClass.Word) continue;
    ts ??= tokens.slice();
    ts[i] = { ...t, cls: TokenClass.Generic };
  }
  // Titles lead a person's name: a name with a legal form, a number or a descriptive word of
  // organisations (`General Motors Company`, `Grand Mosque Foundation`) has none.
  let personal = true;
  for (let i = 0; i < n && personal; i++) {
    const t = (ts ?? tokens)[i]!;
    const c = t.cls;
    if ((c === TokenClass.Legal || c === TokenClass.Number || c === TokenClass.Generic) && !isTitleWord(t)) personal = false;
  }
  if (personal && given < n && isTitleWord(tokens[given]!)) {
    let lastName = -1;
    for (let i = n - 1; i >= given; i--) {
      const t = (ts ?? tokens)[i]!;
      if (isWord(t) && !isTitleWord(t)) {
        lastName = i;
        break;
      }
    }
    for (let i = given; i < lastName && isTitleWord((ts ?? tokens)[i]!); i++) ts = addRole(tokens, ts, i, ROLE_TITLE);
  }
  if (hasParticle) {
    for (let i = 0; i + 1 < n; i++) {
      const cur = ts ?? tokens;
      if (cur[i]!.cls !== TokenClass.Particle || cur[i]!.fold !== 'bin') continue;
      let j = i + 1;
      while (j < n && cur[j]!.cls === TokenClass.Particle && cur[j]!.fold !== 'bin') j++;
      if (j >= n || !isWord(cur[j]!)) continue;
      // All of a compound (`bin Abdullah`: abd, allah).
      ts = addRole(tokens, ts, j, ROLE_PATRONYMIC);
      for (let k = j + 1; k < n && !cur[k]!.first; k++) ts = addRole(tokens, ts, k, ROLE_PATRONYMIC);
    }
  }
  if (!personal) return ts ?? tokens;
  if (ts !== null) {
    // Fathers' names followed by more of a person's name, or by a family name written first
    // (`ALI HAKIM, Boubaker Ben Habib`); not in a body's name (`Usama Bin Laden Network`).
    let wordAfter = false;
    for (let i = n - 1; i >= 0; i--) {
      const t = ts[i]!;
      if (t.role & ROLE_PATRONYMIC && (given > 0 || wordAfter)) ts = addRole(tokens, ts, i, ROLE_INNER);
      if (isWord(t) && t.first) wordAfter = true;
    }
  }
  // Arabic names string the father's and grandfather's names between the given and the family
  // name without a `bin` (`Ayman Muhammad Rabi al-Zawahiri`, `ZAWAHIRI, Ayman Muhammad Rabi`).
  if (n >= 4) for (const i of given > 0 ? lineageAfterGiven(ts ?? tokens, given) : lineageBeforeFamily(ts ?? tokens)) ts = addRole(tokens, ts, i, ROLE_INNER);
  // East Slavic patronymics are one word after the given name (`Vladimir Vladimirovich Putin`,
  // `PUTIN, Vladimir Vladimirovich`, `Putin Vladimir Vladimirovich`): the press mostly leaves
  // them out.
  for (let i = 1; i < n; i++) {
    const t = (ts ?? tokens)[i]!;
    if (i !== given && t.role === 0 && t.surface.length >= 7 && isWord(t) && PATRONYMIC_SUFFIX.test(t.surface)) ts = addRole(tokens, ts, i, ROLE_PATRONYMIC | ROLE_INNER);
  }
  return ts ?? tokens;
}

function scriptTokens(text: string): NameToken[] {
  if (hasArabicScript(text)) {
    // Word by word, to know which tokens came from the vowel-less script, and from which letters.
    const out: NameToken[] = [];
    for (const raw of text.split(/\s+/)) {
      if (!hasArabicScript(raw)) {
        for (const t of plainTokens(raw)) out.push(t);
        continue;
      }
      const tokens = plainTokens(raw);
      const pieces = ARABIC_LETTERS_ONLY.test(raw) ? arabicPieces(raw) : [];
      // The letters go with their token only when the split gave one token per piece.
      const paired = pieces.length === tokens.length;
      tokens.forEach((t, i) => {
        const arabic = paired ? pieces[i]!.arabic : '';
        out.push(arabic === '' ? { ...t, abjad: true } : { ...t, abjad: true, arabic });
      });
    }
    return out;
  }
  return plainTokens(text);
}

/** A word of Arabic-script letters only (with short-vowel marks and tatweel), no digits or punctuation. */
const ARABIC_LETTERS_ONLY = /^[\u0621-\u064A\u064B-\u065F\u066E-\u06D3\u06D5-\u06ED\u06FA-\u06FF\u0640]+$/;

function plainTokens(text: string): NameToken[] {
  const norm = normaliseText(text);
  if (norm === '') return [];
  const out: NameToken[] = [];
  for (const w of rewriteWords(norm.split(' '))) for (const t of wordTokens(w)) out.push(t);
  return out;
}

/**
 * The readings of a name: the whole of it and, when it has parenthesised parts
 * (`Propaganda and Agitation Department (PAD)`), the part outside and each part inside, since
 * lists use brackets for an acronym or an alternative name.
 */
/** A country's name (not a code: `(ARM)` is an acronym far more often than Armenia). */
function isCountryName(text: string): boolean {
  const t = text.trim();
  return t.length > 3 && jurisdictionForName(t) !== null;
}

export function nameSegments(name: string): string[] {
  if (!/[([]/.test(name)) return [name];
  const inner: string[] = [];
  const outer = name.replace(/[([]([^)\]]*)[)\]]?/g, (_, g: string) => {
    inner.push(g);
    return ' ';
  });
  const out = [name];
  // A bracketed single letter is a faction's mark (`NSCN(K)`, `PML (Q)`), not a name: read on its
  // own it would match any other one letter (q and k fold alike). A bracketed country says where a
  // branch is (`AL-HARAMAIN FOUNDATION (PAKISTAN)`): read on its own it would make the country's
  // name an alert.
  const named = (s: string) => /[\p{L}\p{N}].*[\p{L}\p{N}]/u.test(s);
  for (const s of [outer, ...inner.filter((i) => !isQualifier(i))]) if (named(s) && !out.includes(s)) out.push(s);
  return out;
}

/** A bracket that says where or which part of a body (a country, `Hamburg Branch`), not another name of it. */
function isQualifier(text: string): boolean {
  return isCountryName(text) || normaliseText(text).split(' ').some((w) => BRANCH_WORDS.has(w));
}

interface BracketParts {
  /** Folds of the words outside the brackets, with their class's weight. */
  outer: Map<string, number>;
  /** Folds of the words of the brackets that qualify the name (see isQualifier), or null when none does. */
  qualifier: Set<string> | null;
}

function bracketParts(name: string): BracketParts | null {
  const inner: string[] = [];
  const outer = name.replace(/[([]([^)\]]*)[)\]]?/g, (_, g: string) => {
    inner.push(g);
    return ' ';
  });
  const outerWords = new Map<string, number>();
  for (const t of tokenize(outer)) if (isContentClass(t.cls)) outerWords.set(t.fold, CLASS_MULTIPLIER[t.cls]!);
  if (inner.length === 0 || outerWords.size === 0) return null;
  const qualifiers = inner.filter((i) => jurisdictionForName(i) !== null || isQualifier(i));
  // A country by its code, however written (`UK`, `United Kingdom`); a branch by its words.
  const qualifierKeys = (q: string) => {
    const code = jurisdictionForName(q);
    return code !== null ? [code] : tokenize(q).filter((t) => t.cls !== TokenClass.Stop && !BRANCH_WORDS.has(t.surface)).map((t) => t.fold);
  };
  const qualifier = qualifiers.length === 0 ? null : new Set(qualifiers.flatMap(qualifierKeys));
  return { outer: outerWords, qualifier };
}

function isContentClass(cls: TokenClass): boolean {
  return cls === TokenClass.Word || cls === TokenClass.Generic || cls === TokenClass.Number;
}

/** The share of two word sets' weight on the words they have in common (a weighted Dice coefficient of exact folds). */
function overlap(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [w, x] of a) {
    total += x;
    if (b.has(w)) shared += x + b.get(w)!;
  }
  for (const x of b.values()) total += x;
  return total === 0 ? 0 : shared / total;
}

function disjoint(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return false;
  return true;
}

/** Below this weighted share of common words outside their brackets, two bracketed names are of two bodies. */
const OUTER_AGREEMENT = 0.6;

/**
 * How two names that both carry brackets disagree, so that a part of one must not stand for
 * the other on its own: `outer` when their words outside the brackets mostly differ (`New
 * People's Army (NPA)` / `National Prosecuting Authority (NPA)`); `qualifier` when both
 * brackets say where or which part, and differently (`Bank Melli Iran (Hamburg Branch)` /
 * `(Paris Branch)`, `Meridian Shipping (Singapore)` / `(Malaysia)`); null when they agree.
 */
export function bracketsDisagree(a: string, b: string): 'outer' | 'qualifier' | null {
  const pa = bracketParts(a);
  const pb = bracketParts(b);
  if (pa === null || pb === null) return null;
  if (pa.qualifier !== null && pb.qualifier !== null && disjoint(pa.qualifier, pb.qualifier)) return 'qualifier';
  return overlap(pa.outer, pb.outer) < OUTER_AGREEMENT ? 'outer' : null;
}

/**
 * The initials a name could be abbreviated to: of its content words; of its words with
 * particles (`Lashkar-e-Taiba` → `let`); of every word. Two-letter initials are too
 * ambiguous to index.
 */
export function initialsOf(tokens: readonly NameToken[]): string[] {
  const core: string[] = [];
  const withParticles: string[] = [];
  const all: string[] = [];
  for (const t of tokens) {
    // One written word split into compound parts still gives one initial.
    if (!t.first) continue;
    const c = t.surface[0];
    if (c === undefined || !/[a-z]/.test(c)) continue;
    all.push(c);
    if (t.cls === TokenClass.Stop) continue;
    withParticles.push(c);
    if (t.cls !== TokenClass.Particle) core.push(c);
  }
  const out = new Set<string>();
  for (const x of [core, withParticles, all]) if (x.length >= 3 && x.length <= 8) out.add(x.join(''));
  return [...out];
}

/**
 * When a query is written as an acronym (`TTP`, `LeT`, `JeM`, `I.S.I.L.`), the initials it
 * stands for: all its letters, and its capitals alone (the lower-case letters of `LeT` are
 * particles). Otherwise null.
 */
export function acronymForms(raw: string): string[] | null {
  const s = raw.trim().replace(/\./g, '');
  if (!/^[A-Za-z]{2,8}$/.test(s)) return null;
  const capitals = s.replace(/[^A-Z]/g, '');
  if (capitals.length < 2) return null;
  const allCaps = capitals.length === s.length;
  if (allCaps && s.length > 6) return null;
  if (!allCaps && !/^[A-Z]/.test(s)) return null;
  const forms = new Set<string>([s.toLowerCase()]);
  if (!allCaps) forms.add(capitals.toLowerCase());
  return [...forms].filter((f) => f.length >= 3);
}
