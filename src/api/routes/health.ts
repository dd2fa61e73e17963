import { z } from 'zod';
import { type Api, type ApiContext, PUBLIC } from '../context.js';
import { hasActiveKeys } from '../keys.js';

const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.object({ dialect: z.enum(['sqlite', 'postgres']) }),
  counts: z.object({
    documents: z.number().int(), entities: z.number().int(), names: z.number().int(),
    facts: z.number().int(), evidence: z.number().int(), decisions: z.number().int(),
  }),
  auth: z.enum(['keys', 'open']).describe('open: no key exists and the server is bound to loopback; every caller acts as admin'),
  screener: z.object({
    names: z.number().int().nullable().describe('names in the loaded index; null until the first screening'), loadedAt: z.string().nullable(),
    rebuild: z.enum(['background', 'inline']).describe('background: changes are built on a worker thread while screening goes on'),
    restored: z.boolean().describe('the index in use was read from the file saved beside the database (it held this registry version) rather than built'),
    rebuilds: z.number().int().describe('index builds since start'), lastRebuildMs: z.number().int().nullable().describe('how long the last build took'),
    catchUps: z.number().int().describe('changes applied from the change log into the overlay beside the last full build, without a build'),
    lastCatchUpMs: z.number().int().nullable().describe('how long the last of them took'),
    overlayNames: z.number().int().nullable().describe('names in the overlay of entities changed since the last full build'),
    changedEntities: z.number().int().nullable().describe('entities changed since the last full build'),
    compactions: z.number().int().describe('full builds started in the background to fold a grown overlay in'),
  }),
  ingestResolver: z.object({ builds: z.number().int().describe('builds of the resolver POST /documents resolves mentions with; an ingest through it teaches it its new names') }),
});

export function healthRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    method: 'GET',
    url: '/health',
    config: { access: 'public' },
    schema: { tags: ['server'], summary: 'Status and registry counts (no key needed)', ...PUBLIC, response: { 200: Health } },
    handler: async () => ({
      status: 'ok' as const,
      version: ctx.version,
      database: { dialect: ctx.repo.dialect },
      counts: await ctx.repo.counts(),
      auth: ctx.requireKeys || (await hasActiveKeys(ctx.repo)) ? ('keys' as const) : ('open' as const),
      ingestResolver: { builds: ctx.resolvers.builds },
      screener: { names: ctx.screeners.nameCount, loadedAt: ctx.screeners.loadedAt, rebuild: ctx.screeners.mode, restored: ctx.screeners.restored, rebuilds: ctx.screeners.rebuilds, lastRebuildMs: ctx.screeners.lastRebuildMs,
        catchUps: ctx.screeners.catchUps, lastCatchUpMs: ctx.screeners.lastCatchUpMs, overlayNames: ctx.screeners.overlayNames, changedEntities: ctx.screeners.changedEntities,
        compactions: ctx.screeners.compactions },
    }),
  });
}
