import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';

export interface InputFile {
  origin: string;
  content: string;
}

export interface ReadInputsResult {
  files: InputFile[];
  /** Files in a directory that are not documents, reported rather than silently dropped. */
  skipped: string[];
}

const DOCUMENT_EXTENSIONS = /\.(txt|text|md|jsonl|ndjson)$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array, origin: string): string {
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError('not UTF-8 text', { file: origin });
  }
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Read FILE, every document file of DIR (sorted, not recursive), or `-` for standard input. */
export async function readInputs(paths: string[], stdin: NodeJS.ReadableStream = process.stdin): Promise<ReadInputsResult> {
  const files: InputFile[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      files.push({ origin: '-', content: decode(await readStdin(stdin), '-') });
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new InputError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file: path });
    }
    const entries = info.isDirectory()
      ? (await readdir(path)).sort().map((name) => join(path, name))
      : [path];
    for (const file of entries) {
      if (info.isDirectory()) {
        const fileInfo = await stat(file);
        if (!fileInfo.isFile() || !DOCUMENT_EXTENSIONS.test(file)) {
          skipped.push(file);
          continue;
        }
      }
      try {
        files.push({ origin: file, content: decode(await readFile(file), file) });
      } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file });
      }
    }
  }
  return { files, skipped };
}
