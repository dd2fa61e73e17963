import { z } from 'zod';
import { todayIso } from '../../model/partial-date.js';
import { type MonitorRun, addMonitor, dismissAlert, listMonitors, openAlerts, runMonitor } from '../../monitor/monitor.js';
import { addFeed, listFeeds } from '../../news/feeds.js';
import { SOURCE_FORMATS, addSource, listSources } from '../../sources/sources.js';
import { getJob } from '../../jobs/job-queue.js';
import { actorOf } from '../auth.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody, notFound } from '../errors.js';
import { AsOf } from '../schemas.js';

/**
 * Staying current over HTTP: list sources and their updates, news feeds and their polls, and
 * monitored customer files. Updates and polls are queued as background jobs (any server on the
 * database runs them); `GET /jobs/{id}` follows them.
 */
const QueuedView = z.object({ id: z.string(), kind: z.string(), status: z.enum(['queued', 'running', 'done', 'failed']), href: z.string() });
const JobReport = z.object({
  id: z.string(), kind: z.string(), status: z.enum(['queued', 'running', 'done', 'failed']), createdAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
  attempts: z.number().int(), report: z.unknown().nullable().describe('what the job did, once done (as the CLI\'s --format json)'),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
const Monitor = z.object({
  name: z.string(), column: z.string(), sourceFile: z.string(), rows: z.number().int(), openAlerts: z.number().int(), dismissed: z.number().int(),
  createdAt: z.string(), lastRunAt: z.string().nullable(), webhook: z.string().nullable(),
});
const Alert = z.object({
  change: z.enum(['new', 'changed', 'cleared']), row: z.number().int(), name: z.string(), entity: z.object({ id: z.number().int(), name: z.string() }),
  score: z.number(), status: z.string(), matchedName: z.string(), lists: z.array(z.string()), why: z.string(),
});
const MonitorRunView = z.object({
  monitor: z.string(), at: z.string(), asOf: z.string(), registryVersion: z.string(), skipped: z.boolean(), baseline: z.boolean(), rows: z.number().int(),
  alerts: z.array(Alert), counts: z.object({ new: z.number().int(), changed: z.number().int(), cleared: z.number().int(), open: z.number().int(), silenced: z.number().int() }),
  webhook: z.object({ url: z.string(), status: z.number().int().nullable(), error: z.string().nullable() }).optional(),
});
const MonitorName = z.object({ name: z.string().regex(/^[\w.-]{1,64}$/) });

export function currentRoutes(app: Api, ctx: ApiContext): void {
  const queued = (q: { id: string; kind: string; status: string }) => ({ id: q.id, kind: q.kind, status: q.status as 'queued', href: `/jobs/${q.id}` });

  app.route({
    method: 'GET', url: '/jobs/:id', config: { access: 'viewer' },
    schema: { tags: ['current'], summary: 'A background job: a list update, a feed poll, a monitor run', description: roleNote('viewer'), params: z.object({ id: z.uuid() }), response: { 200: JobReport, 401: ErrorBody, 404: ErrorBody } },
    handler: async (request) => {
      const job = await getJob(ctx.repo, request.params.id);
      if (!job || job.kind === 'screen') throw notFound(`no background job ${request.params.id} (batch screening jobs are under /screen/jobs)`, 'id');
      const state = job.state as { report?: unknown; error?: { code: string; message: string } };
      return {
        id: job.id, kind: job.kind, status: job.status, createdAt: job.createdAt, startedAt: job.startedAt, finishedAt: job.status === 'done' || job.status === 'failed' ? job.finishedAt : null,
        attempts: job.attempts, report: state.report ?? null, error: state.error ?? null,
      };
    },
  });

  app.route({
    method: 'GET', url: '/sources', config: { access: 'viewer' },
    schema: { tags: ['current'], summary: 'The publishers\' files lists are refreshed from, and how their last update went', description: roleNote('viewer'), response: { 200: z.object({ sources: z.array(z.unknown()) }), 401: ErrorBody } },
    handler: async () => ({ sources: await listSources(ctx.repo) }),
  });
  app.route({
    method: 'POST', url: '/sources', config: { access: 'admin' },
    schema: {
      tags: ['current'], summary: 'Add a source', description: roleNote('admin'),
      body: z.object({ id: z.string(), format: z.enum(SOURCE_FORMATS), url: z.string(), list: z.string().optional(), schedule: z.string().optional() }),
      response: { 201: z.unknown(), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await addSource(ctx.repo, { ...request.body, list: request.body.list ?? null, schedule: request.body.schedule ?? null })),
  });
  app.route({
    method: 'POST', url: '/sources/update', config: { access: 'analyst' },
    schema: {
      tags: ['current'], summary: 'Queue an update of every source (or one): follow it at the job\'s href', description: roleNote('analyst'),
      body: z.object({ source: z.string().optional() }).default({}), response: { 202: QueuedView, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
    handler: async (request, reply) => {
      const job = await ctx.jobs.queue('update', request.body.source ? { source: request.body.source } : {}, { target: request.body.source ?? 'all sources', ownerKeyId: actorOf(request).keyId });
      return reply.code(202).header('location', `/jobs/${job.id}`).send(queued(job));
    },
  });

  app.route({
    method: 'GET', url: '/feeds', config: { access: 'viewer' },
    schema: { tags: ['current'], summary: 'The news feeds followed', description: roleNote('viewer'), response: { 200: z.object({ feeds: z.array(z.unknown()) }), 401: ErrorBody } },
    handler: async () => ({ feeds: await listFeeds(ctx.repo) }),
  });
  app.route({
    method: 'POST', url: '/feeds', config: { access: 'analyst' },
    schema: { tags: ['current'], summary: 'Follow a feed (RSS or Atom)', description: roleNote('analyst'), body: z.object({ url: z.string(), schedule: z.string().optional() }), response: { 201: z.unknown(), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody } },
    handler: async (request, reply) => reply.code(201).send(await addFeed(ctx.repo, request.body.url, request.body.schedule ?? null)),
  });
  app.route({
    method: 'POST', url: '/feeds/poll', config: { access: 'analyst' },
    schema: { tags: ['current'], summary: 'Queue a poll of every feed (or one)', description: roleNote('analyst'), body: z.object({ url: z.string().optional() }).default({}), response: { 202: QueuedView, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody } },
    handler: async (request, reply) => {
      const job = await ctx.jobs.queue('poll', request.body.url ? { url: request.body.url } : {}, { target: request.body.url ?? 'all feeds', ownerKeyId: actorOf(request).keyId });
      return reply.code(202).header('location', `/jobs/${job.id}`).send(queued(job));
    },
  });

  app.route({
    method: 'GET', url: '/monitors', config: { access: 'viewer' },
    schema: { tags: ['current'], summary: 'Monitored customer files', description: roleNote('viewer'), response: { 200: z.object({ monitors: z.array(Monitor) }), 401: ErrorBody } },
    handler: async () => ({ monitors: await listMonitors(ctx.repo) }),
  });
  app.route({
    method: 'POST', url: '/monitors', config: { access: 'analyst' },
    schema: {
      tags: ['current'], summary: 'Monitor a list of names: screened now as the baseline, then again after each registry change',
      description: `The names in file order (row 1 is the first). ${roleNote('analyst')}`,
      body: z.object({
        name: z.string().regex(/^[\w.-]{1,64}$/), names: z.array(z.string().trim().min(1).max(500)).min(1).max(100_000), source: z.string().max(300).default('api'),
        webhook: z.url().optional(), secret: z.string().min(8).max(200).optional(), asOf: AsOf.optional(),
      }),
      response: { 201: MonitorRunView, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
    handler: async (request, reply) => {
      const b = request.body;
      await addMonitor(ctx.repo, { name: b.name, column: 'name', sourceFile: b.source, rows: b.names, webhook: b.webhook ?? null, secret: b.secret ?? null });
      const run: MonitorRun = await runMonitor(ctx.repo, await ctx.screeners.get(), b.name, { asOf: b.asOf ?? todayIso(), notify: false });
      return reply.code(201).send(run);
    },
  });
  app.route({
    method: 'POST', url: '/monitors/:name/run', config: { access: 'analyst' },
    schema: {
      tags: ['current'], summary: 'Screen a monitored file again; new, changed and cleared alerts since its last run', description: roleNote('analyst'),
      params: MonitorName, body: z.object({ asOf: AsOf.optional(), force: z.boolean().optional() }).default({}), response: { 200: MonitorRunView, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => runMonitor(ctx.repo, await ctx.screeners.get(), request.params.name, { asOf: request.body.asOf ?? todayIso(), force: request.body.force === true }),
  });
  app.route({
    method: 'GET', url: '/monitors/:name/alerts', config: { access: 'viewer' },
    schema: {
      tags: ['current'], summary: 'A monitor\'s open alerts', description: roleNote('viewer'), params: MonitorName,
      response: { 200: z.object({ monitor: z.string(), alerts: z.array(Alert.extend({ dismissed: z.boolean() })), runs: z.array(z.object({ at: z.string(), baseline: z.boolean().describe('the first run, when the file was added: its alerts are the baseline, not news'), open: z.number().int().describe('alerts open after the run (baseline runs)'), new: z.number().int(), changed: z.number().int(), cleared: z.number().int(), alerts: z.array(Alert) })) }), 401: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const alerts = await openAlerts(ctx.repo, request.params.name);
      const m = await ctx.repo.kysely.selectFrom('monitors').select('id').where('name', '=', request.params.name).executeTakeFirstOrThrow();
      const runs = await ctx.repo.kysely.selectFrom('monitor_runs').selectAll().where('monitor_id', '=', m.id).orderBy('id', 'desc').limit(10).execute();
      const first = await ctx.repo.kysely.selectFrom('monitor_runs').select((eb) => eb.fn.min('id').as('id')).where('monitor_id', '=', m.id).executeTakeFirst();
      return {
        monitor: request.params.name, alerts,
        runs: runs.map((r) => ({ at: r.at, baseline: r.id === Number(first?.id), open: r.baseline, new: r.new_alerts, changed: r.changed_alerts, cleared: r.cleared_alerts, alerts: JSON.parse(r.report) as z.infer<typeof Alert>[] })),
      };
    },
  });
  app.route({
    method: 'POST', url: '/monitors/:name/dismissals', config: { access: 'analyst' },
    schema: {
      tags: ['current'], summary: 'Mark an alert a false positive: not raised again until what it rests on changes', description: roleNote('analyst'),
      params: MonitorName, body: z.object({ row: z.number().int().min(1), entity: z.number().int().min(1), note: z.string().max(2000).optional() }),
      response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request, reply) => {
      await dismissAlert(ctx.repo, request.params.name, request.body.row, request.body.entity, actorOf(request).name, request.body.note ?? null);
      return reply.code(204).send(null);
    },
  });
}
