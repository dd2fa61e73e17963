import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError, NotFoundError } from '../errors.js';

/** The one error shape of the API: `{error: {code, message, field?}}`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('stable machine-readable code: invalid_request, unauthorized, forbidden, not_found, payload_too_large, unsupported_media_type, internal'),
    message: z.string(),
    field: z.string().optional().describe('the request field that is wrong (`names.0`, `asOf`, `id`), where one is'),
  }),
}).meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** An error with an HTTP status, thrown by handlers and hooks. */
export class ApiError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (message: string, field?: string): ApiError => new ApiError(404, 'not_found', message, field);

const CODES: Record<number, string> = {
  400: 'invalid_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  406: 'not_acceptable', 409: 'conflict', 413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'too_many_requests',
};

function body(code: string, message: string, field?: string): ErrorBody {
  return { error: { code, message, ...(field ? { field } : {}) } };
}

/** Turn any error into the API's shape; only a 5xx is logged, and its details stay in the log. */
export function errorResponse(error: unknown, request: FastifyRequest): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) return { status: error.statusCode, body: body(error.code, error.message, error.field) };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0]!;
    const path = first.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    const where = (error as { validationContext?: string }).validationContext ?? 'request';
    const field = path || where;
    const more = error.validation.length > 1 ? ` (and ${error.validation.length - 1} more)` : '';
    return { status: 400, body: body('invalid_request', `${where} field "${field}": ${first.message}${more}`, field) };
  }
  if (error instanceof InputError) return { status: 400, body: body('invalid_request', error.message, error.location.field) };
  if (error instanceof NotFoundError) return { status: 404, body: body('not_found', error.message) };
  const fe = error as Partial<FastifyError>;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE') {
    return { status: 413, body: body('payload_too_large', fe.message ?? 'request body too large') };
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, wrong content type): their messages are safe to show.
    return { status, body: body(CODES[status] ?? 'invalid_request', fe.message ?? 'bad request', status === 400 ? 'body' : undefined) };
  }
  request.log.error({ err: error }, 'unexpected error');
  return { status: 500, body: body('internal', 'internal error: the server log has the details') };
}

export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body: b } = errorResponse(error, request);
  return reply.code(status).type('application/json; charset=utf-8').send(b);
}
