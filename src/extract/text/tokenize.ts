/**
 * Word and punctuation tokens with character offsets. Hyphenated romanised names
 * (`Lashkar-e-Jhangvi`) stay one token; a possessive `’s` and a trailing participle
 * (`Pakistan-based`, `Iran-backed`) or a leading `pro-`/`anti-` on a name are split off,
 * because the relation rules read them as cues around a name.
 */

export interface Token {
  text: string;
  /** Lower-cased, curly apostrophes straightened. */
  lower: string;
  start: number;
  end: number;
  type: 'word' | 'num' | 'punct';
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Looks like an acronym: `TLP`, `LeT`, `JuD`, `NACTA`. */
  acronym: boolean;
  /** All letters upper-case (acronyms, datelines such as `ISLAMABAD`). */
  allCaps: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:[-‐‑][\p{L}\p{M}\p{N}]+)*(?:['’][\p{L}]+)*|\S/gu;
const SPLIT_PREFIX = new Set(['pro', 'anti', 'ex', 'non']);

function isAcronym(w: string): boolean {
  // `JSQM-A`, `MLJK-MA`: a party's acronym with its faction's letters after a hyphen.
  if (/^[A-Z]{2,6}[-‐‑][A-Z]{1,3}$/.test(w)) return true;
  if (w.length < 2 || w.length > 7 || !/^[A-Z][A-Za-z0-9]*$/.test(w)) return false;
  const upper = w.replace(/[^A-Z]/g, '').length;
  if (upper < 2) return false;
  // `LeT`, `JuD`, `LeJA` have at most one lower-case letter between capitals; `McCain` does not pass.
  return !/[a-z]{2}/.test(w);
}

const LETTER = /\p{L}/u;
const NUMBER = /^\p{N}/u;

/** Letters in `text` and how many of them are upper- and lower-case (ASCII fast path). */
function caseCounts(text: string): { letters: number; upper: number; lower: number } {
  let letters = 0;
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    } else if (c >= 97 && c <= 122) {
      letters++;
      lower++;
    } else if (c > 127) {
      const ch = text.charAt(i);
      if (LETTER.test(ch)) {
        letters++;
        if (ch !== ch.toLowerCase()) upper++;
        else if (ch !== ch.toUpperCase()) lower++;
      }
    }
  }
  return { letters, upper, lower };
}

function makeToken(text: string, start: number): Token {
  const c0 = text.charCodeAt(0);
  const ascii = c0 < 128;
  const ch = ascii ? text.charAt(0) : String.fromCodePoint(text.codePointAt(0) ?? 0);
  const isLetter = ascii ? (c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) : LETTER.test(ch);
  const isNumber = ascii ? c0 >= 48 && c0 <= 57 : NUMBER.test(text);
  const type: Token['type'] = isNumber ? 'num' : isLetter ? 'word' : 'punct';
  const counts = isLetter ? caseCounts(text) : { letters: 0, upper: 0, lower: 0 };
  const lower = text.toLowerCase();
  return {
    text,
    lower: lower.includes('’') ? lower.replace(/’/g, "'") : lower,
    start,
    end: start + text.length,
    type,
    cap: isLetter && ch !== ch.toLowerCase(),
    acronym: isLetter && counts.upper >= 2 && isAcronym(text),
    allCaps: counts.letters >= 2 && counts.lower === 0 && counts.upper > 0,
  };
}

/** Split `X-based`, `pro-X`, `X’s` into pieces the rules can see. */
function splitWord(text: string, start: number, out: Token[]): void {
  if (!/['’‐‑-]/.test(text)) {
    out.push(makeToken(text, start));
    return;
  }
  const poss = /^(.+?)(['’]s|['’])$/u.exec(text);
  if (poss && poss[1] && /\p{L}/u.test(poss[1]) && (poss[2]?.length === 2 || /s$/i.test(poss[1]))) {
    splitWord(poss[1], start, out);
    out.push(makeToken(poss[2] ?? '', start + poss[1].length));
    return;
  }
  const parts = text.split(/([-‐‑])/);
  if (parts.length >= 3) {
    const first = parts[0] ?? '';
    const last = parts[parts.length - 1] ?? '';
    const second = parts[2] ?? '';
    if (SPLIT_PREFIX.has(first.toLowerCase()) && first === first.toLowerCase() && /^\p{Lu}/u.test(second)) {
      out.push(makeToken(first, start));
      out.push(makeToken(parts[1] ?? '-', start + first.length));
      splitWord(text.slice(first.length + 1), start + first.length + 1, out);
      return;
    }
    const head = text.slice(0, text.length - last.length - 1);
    if (/^\p{Lu}/u.test(head) && /^[a-z]+$/.test(last) && (/ed$/.test(last) || ['led', 'run', 'born', 'made', 'wide'].includes(last))) {
      splitWord(head, start, out);
      out.push(makeToken(text.charAt(head.length), start + head.length));
      out.push(makeToken(last, start + head.length + 1));
      return;
    }
  }
  out.push(makeToken(text, start));
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    if (m[0].length > 1) splitWord(m[0], start, out);
    else out.push(makeToken(m[0], start));
  }
  return out;
}
