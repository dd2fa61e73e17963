import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { InputError } from '../../../src/errors.js';

/**
 * Run counts are sized for CI (all hardening suites together in well under three minutes on
 * two cores); PROSCRIBE_FUZZ_SCALE multiplies them for a longer search on a workstation, and
 * PROSCRIBE_FUZZ_SEED replays a failing run.
 */
const SCALE = Number(process.env.PROSCRIBE_FUZZ_SCALE ?? '1');
const SEED = process.env.PROSCRIBE_FUZZ_SEED === undefined ? undefined : Number(process.env.PROSCRIBE_FUZZ_SEED);

export function fuzzOptions(numRuns: number): { numRuns: number; seed?: number; includeErrorInReport: boolean } {
  const scaled = Math.max(1, Math.round(numRuns * (Number.isFinite(SCALE) && SCALE > 0 ? SCALE : 1)));
  return { numRuns: scaled, ...(SEED !== undefined && Number.isFinite(SEED) ? { seed: SEED } : {}), includeErrorInReport: true };
}

/**
 * The bound on one parse: a guard against a hang (a catastrophic regular expression, a loop
 * that never ends), not a speed target. Inputs are at most a few hundred kB and every parser is
 * linear, so a parse takes milliseconds; two seconds is far outside any honest run.
 */
export const HANG_BOUND_MS = 2000;

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: InputError };

/**
 * Run a parser on one generated input: its result, or the InputError it threw. Any other
 * exception, or a parse that runs past {@link HANG_BOUND_MS}, fails the property.
 */
export function attempt<T>(parse: () => T): Outcome<T> {
  const started = performance.now();
  let outcome: Outcome<T>;
  try {
    outcome = { ok: true, value: parse() };
  } catch (error) {
    if (!(error instanceof InputError)) {
      const shown = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`expected a result or an InputError, got ${shown}`, { cause: error });
    }
    outcome = { ok: false, error };
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed < HANG_BOUND_MS, `one parse took ${Math.round(elapsed)} ms: a hang`);
  return outcome;
}

/** The InputError of an outcome that must be a rejection. */
export function rejection<T>(outcome: Outcome<T>, why: string): InputError {
  if (outcome.ok) assert.fail(`expected an InputError (${why}), the input was accepted`);
  return outcome.error;
}

/** The value of an outcome that must be accepted. */
export function accepted<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) assert.fail(`expected the input to be accepted, got: ${outcome.error.message}`);
  return outcome.value;
}

/**
 * Every rejection names the input it is about (the message starts with it) and points into it:
 * a line or record, or a field.
 */
export function assertLocated(error: InputError, file: string): void {
  assert.equal(error.location.file, file, `the error names the file: ${error.message}`);
  assert.ok(error.message.startsWith(file), `the message starts with the file: ${error.message}`);
  assert.ok(error.location.line !== undefined || error.location.field !== undefined, `the error names a line or a field: ${error.message}`);
  if (error.location.line !== undefined) assert.ok(Number.isInteger(error.location.line) && error.location.line >= 1, `line ${error.location.line}`);
  assert.ok(error.message.length < 2000, 'the message is short enough to read');
}

/** Tallies generated inputs per suite, for the figures each suite prints. */
export class InputCounter {
  private n = 0;
  count(): void {
    this.n++;
  }
  get total(): number {
    return this.n;
  }
}
