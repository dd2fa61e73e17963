/**
 * Sentence spans over the body. News prose has few traps: abbreviations (`Mr.`, `U.S.`),
 * initials, closing quotes after the full stop, and paragraph breaks that end a headline or a
 * caption without any punctuation.
 */
import type { Span } from '../types.js';

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'prof', 'rev', 'hon', 'jr', 'sr',
  'no', 'nos', 'art', 'sec', 'vs', 'etc', 'e.g', 'i.e', 'inc', 'ltd', 'co', 'corp', 'govt', 'jan', 'feb', 'mar',
  'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'u.s', 'u.k', 'u.n', 's.r.o', 'p', 'pp', 'para',
]);

function endsWithAbbreviation(text: string, dot: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dot - 12), dot));
  if (!before || !before[1]) return false;
  const word = before[1].toLowerCase().replace(/^\.+/, '');
  if (ABBREVIATIONS.has(word)) return true;
  // An initial (`A.`) or a dotted acronym (`U.S.`) does not end a sentence by itself.
  return /^(\p{L}\.)*\p{Lu}$/u.test(before[1]);
}

/** A line that opens with a bullet or an item number: `- X`, `• X`, `1. X`, `(a) X`. */
const BULLET_LINE = /^\s*(?:[-•*–—·▪◦][ \t]|\d{1,2}[.)][ \t]|\((?:[a-z]|[ivx]+|\d{1,2})\)[ \t]|[a-z][.)][ \t])/i;

export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const space = (i: number): boolean => {
    const c = text.charCodeAt(i);
    return c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || (c > 127 && /\s/.test(text.charAt(i)));
  };
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && space(s)) s++;
    while (e > s && space(e - 1)) e--;
    if (e > s) spans.push({ start: s, end: e });
    start = end;
  };
  // `... banned three groups:` followed by bullet or numbered lines: one sentence, so that the
  // names on the lines are the objects of the verb before the colon.
  let inList = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      const nextLine = BULLET_LINE.test(text.slice(i + 1, i + 16));
      // An item that ends on a full stop ends the list (`3. X, with effect from ....`): numbered paragraphs follow.
      const lineEnd = text.lastIndexOf('\n', i - 1);
      const closed = inList && /[.!?]["”’)]?\s*$/.test(text.slice(Math.max(start, lineEnd + 1), i));
      if (nextLine && !closed && (inList || /:\s*$/.test(text.slice(start, i)))) {
        inList = true;
        continue;
      }
      inList = false;
      // `... added the names of A, B,\n\nC and D to the list`: a line that stops on a comma goes on.
      if (/,\s*$/.test(text.slice(Math.max(start, i - 4), i)) && /^\s*\p{Lu}/u.test(text.slice(i + 1, i + 8))) continue;
      push(i);
      continue;
    }
    if (inList) continue;
    if (code !== 46 && code !== 33 && code !== 63) continue;
    const c = text.charAt(i);
    if (c === '.' && /\d/.test(text.charAt(i - 1)) && /\d/.test(text.charAt(i + 1))) continue;
    if (c === '.' && endsWithAbbreviation(text, i)) continue;
    let j = i + 1;
    while (j < text.length && /["”’')\]]/.test(text.charAt(j))) j++;
    if (j < text.length && !/\s/.test(text.charAt(j))) continue;
    let k = j;
    while (k < text.length && /[ \t]/.test(text.charAt(k))) k++;
    const next = text.charAt(k);
    if (k >= text.length || next === '\n' || /[\p{Lu}\p{N}"“‘'(\[–—-]/u.test(next)) push(j);
  }
  push(text.length);
  return spans;
}
