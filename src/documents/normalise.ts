import { createHash } from 'node:crypto';

/**
 * The normal form a document is stored and hashed in, so that the same article fed twice
 * (with other line endings, trailing spaces or composed/decomposed accents) is one document.
 * Evidence spans point into this normal form.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(trimLineEnd)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The line without its trailing spaces and tabs. A scan from the end, not `/[\t ]+$/`: the
 * expression retries from every blank of a line, so a line of n blanks followed by a letter
 * took n²/2 steps (a 100 kB line of blanks stalled an ingest for seconds).
 */
function trimLineEnd(line: string): string {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
