import { splitSentences } from '../extract/text/sentences.js';

export interface EvidenceExcerpt {
  /** The whole sentence (or sentences) holding the span. */
  sentence: string;
  /** Where the sentence starts in the document, so a reader can place it. */
  sentenceStart: number;
  /** The span inside `sentence`, as offsets into `sentence`. */
  highlight: { start: number; end: number };
}

/**
 * The sentence around an evidence span: a fact's span is often a clause, but an analyst judges
 * it by the whole sentence. A span that crosses sentences keeps all of them.
 */
export function evidenceExcerpt(text: string, start: number | null, end: number | null): EvidenceExcerpt | null {
  if (start === null || end === null || start < 0 || end > text.length || end < start) return null;
  let from = start;
  let to = end;
  for (const s of splitSentences(text)) {
    if (s.end <= start) continue;
    if (s.start >= end && s.start > start) break;
    from = Math.min(from, s.start);
    to = Math.max(to, s.end);
  }
  return { sentence: text.slice(from, to), sentenceStart: from, highlight: { start: start - from, end: end - from } };
}
