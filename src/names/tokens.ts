import { jurisdictionForName } from '../lists/jurisdiction.js';
import { foldToken } from './fold.js';
import { ABBREVIATIONS, GENERIC_SET, LEGAL_SET, PARTICLE_SET, STOP_SET, TITLE_SET, TokenClass } from './lexicon.js';
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
}

/** The word follows a patronymic marker (`bin`, `ibn`, `ben`, `ould`): a father's name. */
export const ROLE_PATRONYMIC = 1;
/** An honorific before the name (`Hafiz`, `Haji`, `Mullah`, `Sheikh`), not a name itself. */
export const ROLE_TITLE = 2;
/** The family name of a name written `LAST, First`. */
export const ROLE_SURNAME = 4;

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
  let fold = foldToken(word);
  const cls = classOf(word, fold);
  if (cls === TokenClass.Particle) fold = PARTICLE_KEY[word] ?? (PATRONYMIC.has(word) ? 'bin' : 'al');
  return { surface, fold, cls, via, first, abjad: false, role: 0 };
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
    return withRoles([...last, ...given], 0);
  }
  return withRoles(scriptTokens(text), 0);
}

function isWord(t: NameToken): boolean {
  return t.cls === TokenClass.Word || t.cls === TokenClass.Generic;
}

/**
 * Marks fathers' names and leading honorifics. `given` is where the given names start (after
 * a `LAST,` part): honorifics lead them (`SAEED, Hafiz Muhammad`, `Haji Mullah Abdul Ghani`)
 * and are titles only when a name follows.
 */
function withRoles(tokens: NameToken[], given: number): NameToken[] {
  let out: NameToken[] | null = null;
  const set = (i: number, role: number) => {
    out ??= tokens.slice();
    out[i] = { ...out[i]!, role: out[i]!.role | role };
  };
  for (let i = given; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!TITLE_SET.has(t.fold) && !TITLE_SET.has(t.surface)) break;
    if (tokens.slice(i + 1).some((u) => isWord(u) && !TITLE_SET.has(u.fold))) set(i, ROLE_TITLE);
  }
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i]!.cls !== TokenClass.Particle || tokens[i]!.fold !== 'bin') continue;
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.cls === TokenClass.Particle && tokens[j]!.fold !== 'bin') j++;
    if (j < tokens.length && isWord(tokens[j]!)) set(j, ROLE_PATRONYMIC);
  }
  return out ?? tokens;
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
  for (const s of [outer, ...inner.filter((i) => !isCountryName(i))]) if (named(s) && !out.includes(s)) out.push(s);
  return out;
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
