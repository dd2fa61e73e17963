import { InputError } from '../errors.js';
import { ENTITY_KINDS, type EntityKind } from '../model/types.js';

/**
 * `organisation,person` → those kinds, each checked: the `--kinds` option of `screen` and the
 * `kinds` field of screening jobs.
 */
export function parseKinds(text: string): EntityKind[] {
  const kinds = text.split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (kinds.length === 0) throw new InputError('give at least one kind', { field: 'kinds' });
  for (const k of kinds) {
    if (!(ENTITY_KINDS as readonly string[]).includes(k)) throw new InputError(`"${k}" is not a kind (${ENTITY_KINDS.join(', ')})`, { field: 'kinds' });
  }
  return [...new Set(kinds)] as EntityKind[];
}
