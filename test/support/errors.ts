import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';

/** Assert `fn` throws an InputError and return it, so a test can check where it points. */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an InputError, nothing was thrown');
}
