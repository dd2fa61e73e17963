/**
 * The analysed document every later stage reads: tokens, sentences, and the map from a
 * character offset back to its token. Built once per extraction.
 */
import { splitSentences } from './text/sentences.js';
import { tokenize, type Token } from './text/tokenize.js';

export interface Sentence {
  index: number;
  start: number;
  end: number;
  /** Token range [t0, t1). */
  t0: number;
  t1: number;
}

export interface Doc {
  text: string;
  /** Publication date `YYYY-MM-DD`. */
  date: string;
  tokens: Token[];
  sentences: Sentence[];
  /** Sentence index of each token. */
  tokenSentence: number[];
}

export function analyse(text: string, date: string): Doc {
  const tokens = tokenize(text);
  const spans = splitSentences(text);
  const sentences: Sentence[] = [];
  const tokenSentence = new Array<number>(tokens.length).fill(0);
  let t = 0;
  spans.forEach((span, index) => {
    while (t < tokens.length && (tokens[t] as Token).end <= span.start) t++;
    const t0 = t;
    while (t < tokens.length && (tokens[t] as Token).start < span.end) {
      tokenSentence[t] = index;
      t++;
    }
    sentences.push({ index, start: span.start, end: span.end, t0, t1: t });
  });
  return { text, date, tokens, sentences, tokenSentence };
}

/** Index of the first token starting at or after `offset`. */
export function tokenAtOrAfter(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((doc.tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index one past the last token ending at or before `offset`. */
export function tokenEndingBy(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((doc.tokens[mid] as Token).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function tok(doc: Doc, i: number): Token | undefined {
  return doc.tokens[i];
}

export function sentenceText(doc: Doc, s: Sentence): string {
  return doc.text.slice(s.start, s.end);
}
