import type { Readable, Writable } from 'node:stream';
import { InputError } from '../errors.js';

/** Where a command reads and writes, so the CLI runs the same in a process and in tests. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  /** Whether stdout/stderr are terminals (progress bars, interactive review). */
  isTty: boolean;
}

export type OutputFormat = 'text' | 'json';

export function parseOutputFormat(value: string): OutputFormat {
  if (value !== 'text' && value !== 'json') throw new InputError(`--format must be text or json, not "${value}"`, { field: 'format' });
  return value;
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeLine(io: CliIo, line = ''): void {
  io.stdout.write(`${line}\n`);
}
