import type { FastifyReply, FastifyRequest } from 'fastify';
import { findUnstorableField } from '../documents/characters.js';
import { ApiError } from './errors.js';

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
    const found = findUnstorableField(value);
    if (found) {
      const field = found.field || where;
      throw new ApiError(400, 'invalid_request', `${where} field "${field}": ${found.description} at character ${found.index + 1}: text with it cannot be stored`, field);
    }
  }
}
