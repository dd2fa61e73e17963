/**
 * Errors a script can rely on: every bad input names where (file, line/record) and which field,
 * and maps to a stable exit code.
 */
export const EXIT_INPUT = 2;
export const EXIT_DATABASE = 3;

export interface InputLocation {
  /** File path or other origin ("-" for standard input). */
  file?: string;
  /** 1-based line number or record number. */
  line?: number;
  /** The field that is wrong, e.g. `text`, `date`, `Entity.REFERENCE_NUMBER`. */
  field?: string;
}

/** Bad input: rejected whole, nothing written. Exit code 2. */
export class InputError extends Error {
  readonly location: InputLocation;
  readonly exitCode = EXIT_INPUT;
  constructor(message: string, location: InputLocation = {}) {
    super(formatLocated(message, location));
    this.name = 'InputError';
    this.location = location;
  }
}

/** The database cannot be opened or migrated. Exit code 3. */
export class DatabaseOpenError extends Error {
  readonly exitCode = EXIT_DATABASE;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

/** A referenced record does not exist (unknown entity or fact id). Exit code 2 from the CLI, 404 from the API. */
export class NotFoundError extends Error {
  readonly exitCode = EXIT_INPUT;
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/**
 * A command did its work and reported it, and part of it failed (a source that could not be
 * fetched): exit code 1, with the report already written.
 */
export class ReportedFailure extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'ReportedFailure';
  }
}

function formatLocated(message: string, loc: InputLocation): string {
  const where = [loc.file, loc.line !== undefined ? `line ${loc.line}` : undefined].filter(Boolean).join(', ');
  const parts = [where, loc.field ? `field "${loc.field}"` : undefined].filter(Boolean).join(', ');
  return parts ? `${parts}: ${message}` : message;
}
