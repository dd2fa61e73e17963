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
    .map((line) => line.replace(/[\t ]+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
