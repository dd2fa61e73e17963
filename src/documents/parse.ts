import { z } from 'zod';
import { InputError } from '../errors.js';
import type { DocumentInput } from '../model/types.js';
import { isIsoDay } from '../model/partial-date.js';
import { type CharacterRule, findBadCharacter, lineAt } from './characters.js';

export type DocumentFormat = 'corpus' | 'text' | 'jsonl';

export interface ParseDocumentsOptions {
  /** Publication date for plain text; overrides a corpus marker's date. */
  date?: string;
  url?: string;
  /** Force a format instead of detecting it from the name and content. */
  format?: DocumentFormat;
}

/** The corpus format's first line: ` date 2020-08-19 ` then the text. */
const CORPUS_MARKER = /^\s*date\s+(\S+)[ \t]*/;

/** JSON's name for a value's type, for "must be a string, not a number". */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A field's message: missing and present-but-not-a-string are different faults. */
const stringField = (expected: string, missing = 'is required') => (issue: { input?: unknown }) =>
  issue.input === undefined ? missing : `must be ${expected}, not ${jsonType(issue.input)}`;

const jsonlRow = z.object({
  date: z.string({ error: stringField('a string YYYY-MM-DD', 'is required (YYYY-MM-DD)') }).refine(isIsoDay, { message: 'must be a calendar date YYYY-MM-DD' }),
  url: z.string({ error: stringField('a string or null') }).nullish(),
  title: z.string({ error: stringField('a string or null') }).nullish(),
  text: z.string({ error: stringField('a string') }).refine((t) => t.trim().length > 0, { message: 'is empty' }),
});

/** Which characters each stored field may hold (see characters.ts). */
const FIELD_RULES: Record<'text' | 'title' | 'url', CharacterRule> = { text: 'storable', title: 'storable', url: 'line' };

function checkCharacters(value: string | null | undefined, field: keyof typeof FIELD_RULES, origin: string, line?: number): void {
  if (value === null || value === undefined) return;
  const bad = findBadCharacter(value, FIELD_RULES[field]);
  if (bad) throw new InputError(`contains ${bad.description} at character ${bad.index + 1}`, { file: origin, line, field });
}

export function detectFormat(origin: string, content: string): DocumentFormat {
  if (/\.(jsonl|ndjson)$/i.test(origin)) return 'jsonl';
  if (CORPUS_MARKER.test(content.split('\n', 1)[0] ?? '')) return 'corpus';
  if (content.trimStart().startsWith('{')) return 'jsonl';
  return 'text';
}

function checkDate(value: string, origin: string, line: number): string {
  if (!isIsoDay(value)) {
    throw new InputError(`"${value}" is not a calendar date YYYY-MM-DD`, { file: origin, line, field: 'date' });
  }
  return value;
}

function parseJsonLines(content: string, origin: string, options: ParseDocumentsOptions): DocumentInput[] {
  const docs: DocumentInput[] = [];
  const lines = content.split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new InputError(`not valid JSON (${(error as Error).message})`, { file: origin, line });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError('each line must be a JSON object {"date","url","title","text"}', { file: origin, line });
    }
    const withDefaults = options.date && !('date' in value) ? { ...value, date: options.date } : value;
    const parsed = jsonlRow.safeParse(withDefaults);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || undefined;
      throw new InputError(issue?.message ?? 'invalid row', { file: origin, line, field });
    }
    for (const field of ['text', 'title', 'url'] as const) checkCharacters(parsed.data[field], field, origin, line);
    docs.push({
      date: parsed.data.date,
      text: parsed.data.text,
      url: parsed.data.url ?? options.url ?? null,
      title: parsed.data.title ?? null,
      origin: `${origin}:${line}`,
    });
  });
  if (docs.length === 0) throw new InputError('no documents: the file has no JSON lines', { file: origin, line: 1 });
  return docs;
}

/**
 * Turn one input's content into documents, or throw an InputError naming the file, line and
 * field. Nothing is written here: callers store all documents of a call in one transaction.
 */
export function parseDocuments(raw: string, origin: string, options: ParseDocumentsOptions = {}): DocumentInput[] {
  // A byte-order mark is an encoding detail, not text (readInputs drops it too; other callers
  // hand content over as they got it).
  const content = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const format = options.format ?? detectFormat(origin, content);
  // In a text document the whole content is the text. JSON Lines are checked field by field
  // below, which names the field (and finds a NUL or surrogate written as a JSON escape); a raw
  // NUL there still means a binary file.
  const bad = findBadCharacter(content, 'storable');
  if (bad && (format !== 'jsonl' || content.charCodeAt(bad.index) === 0)) {
    const line = lineAt(content, bad.index, format === 'jsonl' ? 'lf' : 'any');
    const kind = content.charCodeAt(bad.index) === 0 ? 'binary content, not text' : 'not valid Unicode text';
    throw new InputError(`${kind}: ${bad.description} on line ${line}`, format === 'jsonl' ? { file: origin, line } : { file: origin, line, field: 'text' });
  }
  if (options.date !== undefined) checkDate(options.date, origin, 1);
  checkCharacters(options.url, 'url', origin);
  if (format === 'jsonl') return parseJsonLines(content, origin, options);

  let date = options.date;
  let text = content;
  if (format === 'corpus') {
    const marker = CORPUS_MARKER.exec(content);
    if (!marker) throw new InputError('expected a first line starting with " date YYYY-MM-DD "', { file: origin, line: 1, field: 'date' });
    const markerDate = checkDate(marker[1] ?? '', origin, 1);
    date = options.date ?? markerDate;
    text = content.slice(marker[0].length);
  }
  if (date === undefined) {
    throw new InputError('plain text has no publication date: give --date YYYY-MM-DD or start the file with " date YYYY-MM-DD "', { file: origin, field: 'date' });
  }
  if (text.trim() === '') throw new InputError('the document has no text', { file: origin, field: 'text' });
  return [{ date, text, url: options.url ?? null, title: null, origin }];
}
