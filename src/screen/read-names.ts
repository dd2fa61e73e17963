import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse';
import { InputError } from '../errors.js';

export interface NameRow {
  /** 1-based data row number (CSV: not counting the header; JSON Lines: the line). */
  row: number;
  name: string;
  /** The input record, carried into the output. */
  record: Record<string, string>;
}

export interface NameSource {
  rows: AsyncIterable<NameRow>;
  /** Total bytes, and a live count of bytes read, for progress. */
  totalBytes: number;
  bytesRead: () => number;
  format: 'csv' | 'jsonl';
}

function isJsonLines(path: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(path);
}

async function* csvRows(stream: NodeJS.ReadableStream, file: string, column: string): AsyncIterable<NameRow> {
  const checkHeader = (header: string[]) => {
    if (!header.includes(column)) {
      throw new InputError(`no column "${column}" (columns: ${header.join(', ')})`, { file, line: 1, field: column });
    }
    return header;
  };
  const parser = stream.pipe(parse({ columns: checkHeader, bom: true, skip_empty_lines: true, relax_column_count: false, trim: true }));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      row++;
      yield { row, name: record[column] ?? '', record };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const e = error as Error & { lines?: number };
    throw new InputError(`not valid CSV: ${e.message}`, { file, line: e.lines });
  }
}

async function* jsonlRows(stream: NodeJS.ReadableStream, file: string, column: string): AsyncIterable<NameRow> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new InputError(`not valid JSON (${(error as Error).message})`, { file, line });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError('each line must be a JSON object', { file, line });
    const record = value as Record<string, unknown>;
    const name = record[column];
    if (typeof name !== 'string') throw new InputError(`"${column}" must be a string`, { file, line, field: column });
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(record)) flat[k] = typeof v === 'string' ? v : JSON.stringify(v);
    yield { row: line, name, record: flat };
  }
}

/** Stream the names of a CSV (header row required) or JSON Lines file, in constant memory. */
export async function openNameSource(file: string, column: string): Promise<NameSource> {
  let totalBytes: number;
  try {
    totalBytes = (await stat(file)).size;
  } catch (error) {
    throw new InputError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file });
  }
  let read = 0;
  const format = isJsonLines(file) ? 'jsonl' : 'csv';
  // The file is opened when the rows are first asked for: a stream opened earlier would start
  // flowing before anyone reads it (the store may take a while to load the index first).
  async function* rows(): AsyncIterable<NameRow> {
    const stream = createReadStream(file);
    const counted = stream.pipe(new PassThrough());
    stream.on('data', (chunk: string | Buffer) => {
      read += chunk.length;
    });
    yield* format === 'jsonl' ? jsonlRows(counted, file, column) : csvRows(counted, file, column);
  }
  return {
    rows: rows(),
    totalBytes,
    bytesRead: () => read,
    format,
  };
}
