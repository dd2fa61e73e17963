import anyAscii from 'any-ascii';
import { HANGUL, romaniseHangul } from './hangul.js';

/**
 * Unicode → lower-case ASCII words separated by single spaces. Everything downstream (folding,
 * keys, the index) works on this alphabet, so two spellings that differ only in script,
 * diacritics, case, punctuation or apostrophes meet here.
 */

// Letters NFKD does not decompose into a base letter plus a mark.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', þ: 'th', Þ: 'th',
  ł: 'l', Ł: 'l', ı: 'i', ħ: 'h', Ħ: 'h',
};
const SPECIAL_RE = /[ßæÆœŒøØđĐðÐþÞłŁıħĦ]/g;
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const ARABIC_WORD = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+/g;
// Short vowels, shadda, sukun, superscript alif and tatweel: romanisations of the same name
// write them inconsistently, so they carry no identity.
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640\u06D6-\u06ED]/g;
const ALLAH = 'الله';

/** One word of an Arabic-script word as split for romanisation: its letters (empty for a fixed word such as `al`) and its Latin form. */
export interface ArabicPiece {
  arabic: string;
  latin: string;
}

/**
 * Arabic-script words are written without short vowels and with the article and `Abd`/`Abu`
 * glued on; romanisations separate them (`عبدالله` ↔ `Abd Allah`, `الحسين` ↔ `al-Husayn`).
 * Splitting before transliteration lets both sides produce the same tokens, and an initial
 * alif/ayn becomes an `a` because romanisations always write a vowel there.
 */
export function arabicPieces(word: string): ArabicPiece[] {
  const w = word.replace(ARABIC_MARKS, '');
  if (w === '') return [];
  if (w === ALLAH) return [{ arabic: '', latin: 'allah' }];
  if (w === 'ال') return [{ arabic: '', latin: 'al' }];
  for (const prefix of ['عبد', 'ابو', 'أبو', 'ابي', 'أبي']) {
    if (w.startsWith(prefix) && w.length >= prefix.length + 2) {
      const head = prefix.startsWith('عبد') ? 'abd' : 'abu';
      return [{ arabic: '', latin: head }, ...arabicPieces(w.slice(prefix.length))];
    }
  }
  if (w.length > ALLAH.length + 1 && w.endsWith(ALLAH)) return [...arabicPieces(w.slice(0, -ALLAH.length)), { arabic: '', latin: 'allah' }];
  if (w.startsWith('ال') && w.length >= 4) return [{ arabic: '', latin: 'al' }, ...arabicPieces(w.slice(2))];
  // `wa-al-` (and the) and `li-l-` (for the) glued to a word: `والمسلمين`, `للدعوة`. `li` is
  // left out: romanisations rarely keep it, and as a word it is a Chinese family name.
  if (w.startsWith('وال') && w.length >= 6) return [{ arabic: '', latin: 'wa' }, { arabic: '', latin: 'al' }, ...arabicPieces(w.slice(3))];
  if (w.startsWith('لل') && w.length >= 5) return [{ arabic: '', latin: 'al' }, ...arabicPieces(w.slice(2))];
  // `Muhammad Abd al-…` is sometimes written with the words run together (`محمدعبد`).
  const abd = w.indexOf('عبد', 2);
  if (abd > 0 && w.length >= abd + 3) return [...arabicPieces(w.slice(0, abd)), ...arabicPieces(w.slice(abd))];
  const first = w[0]!;
  if ('اأإآٱع'.includes(first)) return [{ arabic: w, latin: `a${anyAscii(w.slice(1))}` }];
  return [{ arabic: w, latin: anyAscii(w) }];
}

function splitArabicWord(word: string): string {
  const pieces = arabicPieces(word);
  return pieces.length === 0 ? '' : ` ${pieces.map((p) => p.latin).join(' ')} `;
}

/** Devanagari to Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer. */
const VOWEL_SIGN_SCRIPTS = /[\u0900-\u0DFF\u0E00-\u0FFF\u1000-\u109F\u1780-\u17FF]/;
const VOWEL_SIGN_RUNS = /[\u0900-\u0DFF\u0E00-\u0FFF\u1000-\u109F\u1780-\u17FF]+/g;

const GREEK = /[\u0370-\u03FF\u1F00-\u1FFF]/;
const GREEK_DIGRAPHS = /([αεηοΑΕΗΟάέήόΆΈΉΌ])([υύΥΎ])/g;

function greekDigraph(vowel: string): string {
  const base = vowel.normalize('NFD')[0]!.toLowerCase();
  const upper = vowel !== vowel.toLowerCase();
  const latin = base === 'ο' ? 'ou' : `${base === 'α' ? 'a' : base === 'ε' ? 'e' : 'i'}v`;
  return upper ? latin[0]!.toUpperCase() + latin.slice(1) : latin;
}

/** Apostrophes and the marks romanisations use for ayn and hamza. */
const APOSTROPHES = /['’‘`´ʿʾʼʻ′]/g;
const HAS_APOSTROPHE = /['’‘`´ʿʾʼʻ′]/;

/**
 * Lower-case ASCII words, separated by single spaces; dotted acronyms (`U.S.A.`) become one
 * word; `&` becomes `and`; every other punctuation mark, hyphens included, separates words.
 */
export function normaliseText(input: string): string {
  let s = input;
  // Most names are plain ASCII: the script rules below each scan the whole name.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(s)) {
    if (ARABIC_SCRIPT.test(s)) s = s.replace(ARABIC_WORD, splitArabicWord);
    // Indic and Southeast Asian scripts write vowels as combining signs: transliterated before
    // marks are stripped, or `राहुल` would lose its vowels.
    if (VOWEL_SIGN_SCRIPTS.test(s)) s = s.replace(VOWEL_SIGN_RUNS, (run) => anyAscii(run));
    if (HANGUL.test(s)) s = romaniseHangul(s);
    // Modern Greek reads αυ, ευ as av, ev and ου as u (`Αυγή` is Avgi): any-ascii reads them letter by letter.
    if (GREEK.test(s)) s = s.replace(GREEK_DIGRAPHS, (_, v: string) => greekDigraph(v));
    s = s.normalize('NFKD').replace(/\p{M}/gu, '').replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c);
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(s)) s = anyAscii(s);
  }
  s = s.toLowerCase();
  // Each rule below runs only when its character is there: most names have none of them.
  if (HAS_APOSTROPHE.test(s)) {
    // An initial ayn/hamza before a consonant stands for a vowel (`'Abd`, `ʿbd`); elsewhere
    // the mark is dropped so `Sa'id` and `Said` meet.
    s = s.replace(/(^|[^a-z0-9])['’‘`´ʿʾʼʻ′]+(?=[^aeiouy\W\d_])/g, '$1a').replace(APOSTROPHES, '');
  }
  if (s.includes('.')) s = s.replace(/\b(?:[a-z]\.){2,}(?![a-z])/g, (m) => m.replace(/\./g, ''));
  if (s.includes('&')) s = s.replace(/&/g, ' and ');
  return s.replace(/[^a-z0-9]+/g, ' ').trim();
}

export function hasArabicScript(s: string): boolean {
  return ARABIC_SCRIPT.test(s);
}
