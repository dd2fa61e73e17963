import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import { todayIso } from '../../model/partial-date.js';
import { DEFAULT_THRESHOLD } from '../../names/index.js';
import { type Actor, actorOf } from '../auth.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ApiError, ErrorBody, notFound } from '../errors.js';
import { checkCsvHeader, type Job } from '../jobs.js';
import { ENTITY_KINDS } from '../../model/types.js';
import { parseKinds } from '../../screen/kinds.js';
import { checkListFilter } from '../../screen/screener.js';
import { parseJurisdictions } from '../../lists/jurisdiction.js';
import { AsOf, EntityKind as EntityKindSchema } from '../schemas.js';
import { sendStream } from '../stream.js';
import { DEFAULT_LIMIT } from './screen.js';

interface Upload {
  token: string;
  path: string;
  filename: string;
  claimed: boolean;
}

/** Uploads of a request, by the token that stands for them in the body: a text field cannot forge one. */
const uploads = new WeakMap<FastifyRequest, Upload>();

const JobForm = z.object({
  file: z.string().meta({ format: 'binary' }).describe('the CSV file (header row required; .jsonl/.ndjson names are read as JSON Lines)'),
  column: z.string().trim().min(1).max(200).default('name').describe('the column holding the names (default "name")'),
  asOf: AsOf.optional(),
  threshold: z.coerce.number().min(0).max(1).optional().describe(`alert threshold (default ${DEFAULT_THRESHOLD})`),
  limit: z.coerce.number().int().min(1).max(100).optional().describe(`hits considered per name (default ${DEFAULT_LIMIT})`),
  kinds: z.string().trim().min(1).max(200).optional().describe(`only hits of these kinds, comma-separated (${ENTITY_KINDS.join(', ')}; default: every kind)`),
  closest: z.enum(['true', 'false']).optional().describe('also search for the closest match of rows that raise no alert (default false: every alert is found either way; true is slower)'),
  lists: z.string().trim().min(1).max(1000).optional().describe('screen against these lists only, comma-separated (pk-nacta,un-sc)'),
  jurisdictions: z.string().trim().min(1).max(300).optional().describe('screen against the lists and reported bans of these jurisdictions only, comma-separated (PK,UN)'),
});

const JobView = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  filename: z.string(),
  column: z.string(),
  asOf: z.string(),
  threshold: z.number(),
  limit: z.number().int(),
  closest: z.boolean(),
  kinds: z.array(EntityKindSchema).nullable(),
  lists: z.array(z.string()).nullable(),
  jurisdictions: z.array(z.string()).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  processed: z.number().int().describe('rows screened so far'),
  total: z.number().int().nullable().describe('rows in the file, once done'),
  progress: z.number().describe('share of the file read, 0 to 1'),
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).nullable(),
  result: z.string().nullable().describe('where to download the result CSV, once done (add ?format=jsonl for every hit as JSON Lines)'),
  summary: z.object({
    rows: z.number().int(), alerts: z.number().int().describe('rows with an alerting hit'), listed: z.number().int().describe('rows whose top hit is listed itself'),
    linked: z.number().int().describe('rows whose top hit is linked to a listed entity through lineage'),
    topAlerts: z.array(z.object({
      row: z.number().int(), query: z.string(), entity: z.object({ id: z.number().int(), name: z.string() }), matchedName: z.string(), score: z.number(),
      status: z.string(), listings: z.array(z.string()),
    })).describe('the strongest alerts, best first (at most 25)'),
  }).nullable().describe('once done: what the batch found'),
}).meta({ id: 'ScreenJob' });

const JobParams = z.object({ id: z.uuid().describe('the job id') });

function jobView(job: Job) {
  return {
    id: job.id, status: job.status, filename: job.filename, column: job.column, asOf: job.asOf, threshold: job.threshold, limit: job.limit, closest: job.closest, kinds: job.kinds, lists: job.lists, jurisdictions: job.jurisdictions,
    createdAt: job.createdAt, startedAt: job.startedAt, finishedAt: job.finishedAt, processed: job.processed, total: job.total,
    progress: job.status === 'done' ? 1 : job.bytesTotal ? Math.min(1, job.bytesRead / job.bytesTotal) : 0,
    error: job.error, result: job.status === 'done' ? `/screen/jobs/${job.id}/result` : null, summary: job.summary,
  };
}

/** A job is seen by the key that made it, and by admins; to anyone else it does not exist. */
function visibleTo(job: Job | null, actor: Actor): job is Job {
  return job !== null && (actor.role === 'admin' || job.ownerKeyId === actor.keyId);
}

export async function jobRoutes(app: Api, ctx: ApiContext): Promise<void> {
  await mkdir(ctx.jobs.uploadDir, { recursive: true });

  // Multipart parsing is confined to the upload route's scope; everywhere else a body is JSON.
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: ctx.limits.uploadBytes, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
      // Stream the file to disk as it arrives: a 50 MB upload never sits in memory.
      async onFile(this: FastifyRequest, part: MultipartFile) {
        if (part.fieldname !== 'file') {
          await part.toBuffer().catch(() => undefined);
          throw new InputError(`unexpected file field "${part.fieldname}": send the CSV as "file"`, { field: part.fieldname });
        }
        const upload: Upload = { token: `upload:${randomUUID()}`, path: join(ctx.jobs.uploadDir, randomUUID()), filename: part.filename || 'upload.csv', claimed: false };
        uploads.set(this, upload);
        await pipeline(part.file, createWriteStream(upload.path));
        if (part.file.truncated) {
          throw new ApiError(413, 'payload_too_large', `the upload is larger than the limit of ${ctx.limits.uploadBytes} bytes`, 'file');
        }
        (part as MultipartFile & { value?: string }).value = upload.token;
      },
    });
    // An upload no job took (refused request, bad form) is deleted before the answer goes out.
    scope.addHook('onSend', async (request, _reply, payload) => {
      const upload = uploads.get(request);
      if (upload && !upload.claimed) await rm(upload.path, { force: true });
      return payload;
    });
    scope.withTypeProvider<ZodTypeProvider>().route({
      method: 'POST',
      url: '/screen/jobs',
      config: { access: 'viewer' },
      schema: {
        tags: ['screening'],
        summary: 'Start a batch screening job on an uploaded CSV',
        description: `multipart/form-data with the file as \`file\` (at most ${ctx.limits.uploadBytes} bytes) and the options as fields. `
          + `The job runs in the background; poll \`GET /screen/jobs/{id}\`, then download \`GET /screen/jobs/{id}/result\`. ${roleNote('viewer')}`,
        consumes: ['multipart/form-data'],
        body: JobForm,
        response: { 202: JobView, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody, 415: ErrorBody },
      },
      handler: async (request, reply) => {
        if (!request.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send the file as multipart/form-data', 'file');
        const upload = uploads.get(request);
        if (!upload || upload.token !== request.body.file) throw new InputError('"file" must be an uploaded file', { field: 'file' });
        const csv = !/\.(jsonl|ndjson)$/i.test(upload.filename);
        const header = csv ? await checkCsvHeader(upload.path, request.body.column) : null;
        const actor = actorOf(request);
        if (request.body.lists !== undefined) checkListFilter(await ctx.screeners.get(), request.body.lists.split(',').map((x) => x.trim()).filter(Boolean));
        upload.claimed = true;
        const job = await ctx.jobs.create({
          upload: upload.path, filename: upload.filename, column: request.body.column, asOf: request.body.asOf ?? todayIso(),
          threshold: request.body.threshold ?? DEFAULT_THRESHOLD, limit: request.body.limit ?? DEFAULT_LIMIT, closest: request.body.closest === 'true',
          kinds: request.body.kinds === undefined ? null : parseKinds(request.body.kinds),
          lists: request.body.lists === undefined ? null : request.body.lists.split(',').map((x) => x.trim()).filter(Boolean),
          jurisdictions: request.body.jurisdictions === undefined ? null : parseJurisdictions(request.body.jurisdictions),
          ownerKeyId: actor.keyId,
        }, header);
        return reply.code(202).header('location', `/screen/jobs/${job.id}`).send(jobView(job));
      },
    });
  });

  app.route({
    method: 'GET',
    url: '/screen/jobs/:id',
    config: { access: 'viewer' },
    schema: {
      tags: ['screening'],
      summary: 'Progress of a batch screening job',
      description: roleNote('viewer'),
      params: JobParams,
      response: { 200: JobView, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const job = await ctx.jobs.get(request.params.id);
      if (!visibleTo(job, actorOf(request))) throw notFound(`no screening job ${request.params.id}`, 'id');
      return jobView(job);
    },
  });

  app.route({
    method: 'GET',
    url: '/screen/jobs/:id/result',
    config: { access: 'viewer' },
    schema: {
      tags: ['screening'],
      summary: 'Download the result of a finished job: CSV, or every hit as JSON Lines',
      description: 'CSV (default): the input columns plus hit_count, alert, listed, top_score, top_entity_id, top_name, top_refs, top_matched_name, top_listings, top_status '
        + '(as `proscribe screen --input F --output OUT.csv`); `?format=jsonl`: one line per row, `{row, query, alert, hits}` '
        + `(as \`--output OUT.jsonl\`, without explanations). 409 while the job is not done. ${roleNote('viewer')}`,
      params: JobParams,
      querystring: z.object({ format: z.enum(['csv', 'jsonl']).default('csv') }),
      produces: ['text/csv', 'application/x-ndjson'],
      response: { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request, reply) => {
      const job = await ctx.jobs.get(request.params.id);
      if (!visibleTo(job, actorOf(request))) throw notFound(`no screening job ${request.params.id}`, 'id');
      const format = request.query.format;
      const result = await ctx.jobs.result(job.id, format);
      if (!result) throw new ApiError(409, 'conflict', `job ${job.id} is ${job.status}${job.error ? `: ${job.error.message}` : ''}; the result exists once it is done`);
      const name = `${job.filename.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'screening'}-screened.${format}`;
      reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
      return sendStream(reply, Readable.from([result]));
    },
  });
}
