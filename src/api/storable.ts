import type { FastifyReply, FastifyRequest } from 'fastify';
import { findBadCharacter } from '../documents/characters.js';
import { ApiError } from './errors.js';

/** Where in a request a string sits: `text`, `names.0`, `jurisdiction`. */
function firstUnstorable(value: unknown, path: string[], depth = 0): { field: string; description: string; index: number } | null {
  if (typeof value === 'string') {
    const bad = findBadCharacter(value, 'storable');
    return bad ? { field: path.join('.'), description: bad.description, index: bad.index } : null;
  }
  // Bodies are bounded by the size limits; the depth bound only keeps a pathological nesting cheap.
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = firstUnstorable(inner, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * A preValidation hook refusing a NUL character or an unpaired surrogate in any string of the
 * body, query or path, with a 400 naming the field. PostgreSQL cannot store a NUL in text (a
 * request carrying one failed there with a 500, and passed on SQLite), and an unpaired
 * surrogate is silently turned into U+FFFD on its way to either database; the CLI refuses both
 * in documents already (src/documents/characters.ts). One rule for every route keeps the two
 * databases answering alike.
 */
export async function refuseUnstorableText(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  for (const [where, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
    const found = firstUnstorable(value, []);
    if (found) {
      const field = found.field || where;
      throw new ApiError(400, 'invalid_request', `${where} field "${field}": ${found.description} at character ${found.index + 1}: text with it cannot be stored`, field);
    }
  }
}
