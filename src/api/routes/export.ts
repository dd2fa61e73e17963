import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exportCsv } from '../../exchange/csv-export.js';
import { exportFtm, type LineWriter } from '../../exchange/ftm-export.js';
import { todayIso } from '../../model/partial-date.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody } from '../errors.js';
import { AsOf } from '../schemas.js';
import { sendStream } from '../stream.js';

/**
 * Stream an export: lines go out as they are made, waiting when the client reads slowly, so a
 * large registry is never held in memory. A failure after the first byte can only cut the
 * response short (the status is already sent); it is logged.
 */
function streamExport(request: FastifyRequest, reply: FastifyReply, type: string, filename: string, run: (write: LineWriter) => Promise<unknown>): FastifyReply {
  const out = new PassThrough();
  // Errors surface through `run`'s rejection; the stream's own (a client gone) must not crash the process.
  out.on('error', () => {});
  const gone = new Error('the client closed the connection');
  const write: LineWriter = async (line) => {
    if (out.destroyed) throw gone;
    if (!out.write(`${line}\n`)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
  };
  run(write).then(
    () => out.end(),
    (error: unknown) => {
      if (error === gone) return;
      request.log.error({ err: error }, 'export failed');
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
  reply.type(type).header('content-disposition', `attachment; filename="${filename}"`);
  return sendStream(reply, out);
}

export function exportRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    method: 'GET',
    url: '/export/ftm',
    config: { access: 'viewer' },
    schema: {
      tags: ['export'],
      summary: 'The registry (accepted facts) as FollowTheMoney JSON lines',
      description: `As \`proscribe export ftm\`, streamed. ${roleNote('viewer')}`,
      produces: ['application/x-ndjson'],
      response: { 401: ErrorBody, 403: ErrorBody },
    },
    handler: async (request, reply) => streamExport(request, reply, 'application/x-ndjson; charset=utf-8', 'proscribe-ftm.jsonl', (write) => exportFtm(ctx.repo, write)),
  });

  app.route({
    method: 'GET',
    url: '/export/csv',
    config: { access: 'viewer' },
    schema: {
      tags: ['export'],
      summary: 'The registry as CSV: one row per listing period',
      description: `As \`proscribe export csv\`, streamed; \`in_force\` is for \`asOf\` (default today). ${roleNote('viewer')}`,
      querystring: z.object({ asOf: AsOf.optional() }),
      produces: ['text/csv'],
      response: { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
    handler: async (request, reply) => {
      const asOf = request.query.asOf ?? todayIso();
      return streamExport(request, reply, 'text/csv; charset=utf-8', `proscribe-${asOf}.csv`, (write) => exportCsv(ctx.repo, write, { asOf }));
    },
  });
}
