import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { DATA_DIR } from '../paths.js';
import type { Repository } from '../store/repository.js';
import { authHook } from './auth.js';
import type { Api, ApiContext, ApiLimits } from './context.js';
import { ApiError, sendError } from './errors.js';
import { JobManager } from './jobs.js';
import { backgroundHandlers, type Queue } from '../jobs/handlers.js';
import { startScheduler } from '../jobs/scheduler.js';
import { documentRoutes } from './routes/documents.js';
import { entityRoutes } from './routes/entities.js';
import { exportRoutes } from './routes/export.js';
import { factRoutes } from './routes/facts.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/imports.js';
import { jobRoutes } from './routes/jobs.js';
import { keyRoutes } from './routes/keys.js';
import { listingRoutes } from './routes/listings.js';
import { changeRoutes } from './routes/changes.js';
import { currentRoutes } from './routes/current.js';
import { compareRoutes } from './routes/compare.js';
import { screenRoutes } from './routes/screen.js';
import { ResolverCache } from './resolver-cache.js';
import { type ChangePeers, ScreenerCache } from './screener-cache.js';
import { SearchCache } from './search-cache.js';
import { refuseUnstorableText } from './storable.js';
import { registerUi, uiFallback } from './ui.js';

export const DEFAULT_LIMITS: ApiLimits = { jsonBytes: 1024 * 1024, documentBytes: 5 * 1024 * 1024, uploadBytes: 50 * 1024 * 1024 };

/** The built web UI, when it has been built: `dist/ui`, the same depth from src/api and dist/api. */
export const DEFAULT_UI_DIR = fileURLToPath(new URL('../../dist/ui/', import.meta.url));

export interface ApiOptions {
  repo: Repository;
  /** Require a key on every request even while none exists (a non-loopback server). Default false. */
  requireKeys?: boolean;
  /** Who decides on an open server (no keys, loopback). */
  openActorName?: string;
  /** Folder `POST /imports` may read from (default: the package's data/ folder). */
  importDir?: string;
  /** Where batch jobs keep their uploads and results (default: a new temporary folder). */
  jobDir?: string;
  /** The built UI to serve at / (default: dist/ui when it exists; null: none). */
  uiDir?: string | null;
  limits?: Partial<ApiLimits>;
  /** How long a registry version is trusted before screening checks the store again (ms, default 2000). */
  screenerTtlMs?: number;
  /**
   * How the screening index is rebuilt after a change: on a worker thread while screening goes on
   * (`background`, what `serve` uses), or by the request that finds it stale (`inline`, the default here).
   */
  screenerRebuild?: 'background' | 'inline';
  /** Bring the index up to date from the change log (default); false: every change builds it whole. */
  screenerCatchUp?: boolean;
  /** A running job with no progress saved for this long is taken over by another process (default 30 s). */
  jobStaleMs?: number;
  /** How often an idle server looks for queued jobs (default 1 s). */
  jobPollMs?: number;
  /** Check the sources' and feeds' cron schedules this often (default: never; `serve` checks every 30 s). */
  scheduleEveryMs?: number;
  /** Entities changed since the last full index build at which one starts in the background (default 500). */
  screenerCompactAt?: number;
  /** The other processes of `serve --processes N`, told of each change made through this one. */
  peers?: ChangePeers;
  /** Worker threads per batch job (default: one per core). */
  workers?: number;
  logger?: FastifyServerOptions['logger'];
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * The HTTP API of proscribe on one store. JSON routes sit at the root (`/screen`, `/facts`...),
 * `/openapi.json` describes them from the same zod schemas that validate them, and the built
 * UI (if any) is served at `/`. Closing the server waits for running batch jobs; the
 * store stays the caller's to close.
 */
export async function buildApi(options: ApiOptions): Promise<Api> {
  const limits: ApiLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const version = packageVersion();
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: limits.jsonBytes }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));

  const screeners = new ScreenerCache(options.repo, { ttlMs: options.screenerTtlMs, rebuild: options.screenerRebuild, ...(options.screenerCompactAt ? { compactAt: options.screenerCompactAt } : {}), catchUp: options.screenerCatchUp ?? true, ...(options.peers ? { peers: options.peers } : {}) });
  const resolvers = new ResolverCache(options.repo, options.screenerRebuild ?? 'inline');
  if (screeners.mode === 'background') {
    // Both indexes build at start on worker threads: the first screening and the first ingest find them ready.
    resolvers.warm();
    void screeners.get().catch((error: unknown) => app.log.error({ err: error }, 'building the screening index failed'));
  }
  const ownJobDir = options.jobDir === undefined;
  const jobDir = options.jobDir ?? (await mkdtemp(join(tmpdir(), 'proscribe-jobs-')));
  const queue: Queue = (kind, spec, o = {}) => jobs.queue(kind, spec, o);
  const jobs: JobManager = new JobManager(jobDir, options.repo, screeners, {
    workers: options.workers, onError: (error: unknown) => app.log.error({ err: error }, 'background job failed'), handlers: backgroundHandlers(options.repo, screeners, queue),
    ...(options.jobStaleMs ? { staleMs: options.jobStaleMs } : {}), ...(options.jobPollMs ? { pollMs: options.jobPollMs } : {}),
  });
  jobs.start();
  const stopScheduler = options.scheduleEveryMs ? startScheduler(options.repo, queue, options.scheduleEveryMs, (error) => app.log.error({ err: error }, 'scheduling failed')) : () => undefined;
  const ctx: ApiContext = {
    repo: options.repo, screeners, resolvers, searches: new SearchCache(options.repo), jobs, importDir: options.importDir ?? DATA_DIR, limits,
    requireKeys: options.requireKeys ?? false, version,
  };
  app.addHook('onClose', async () => {
    stopScheduler();
    await jobs.close();
    // A folder this server made for itself goes with it; one it was given stays the caller's.
    if (ownJobDir) await rm(jobDir, { recursive: true, force: true });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'proscribe',
        version,
        description: 'The registry of proscribed organisations: screening, review of evidenced facts, listings as of a date, exports. '
          + 'Send an API key as `Authorization: Bearer KEY` or `X-API-Key: KEY` (`proscribe keys create`). Errors are `{error: {code, message, field?}}`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'an API key from `proscribe keys create`' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  app.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  // Every API route is behind the key check; the UI's files and the OpenAPI document are not.
  await app.register(async (api) => {
    api.addHook('onRequest', authHook(options.repo, { requireKeys: ctx.requireKeys, openActorName: options.openActorName ?? 'local' }));
    api.addHook('preValidation', refuseUnstorableText);
    const scoped = api.withTypeProvider<ZodTypeProvider>();
    healthRoutes(scoped, ctx);
    screenRoutes(scoped, ctx);
    await jobRoutes(scoped, ctx);
    documentRoutes(scoped, ctx);
    factRoutes(scoped, ctx);
    listingRoutes(scoped, ctx);
    changeRoutes(scoped, ctx);
    currentRoutes(scoped, ctx);
    compareRoutes(scoped, ctx);
    entityRoutes(scoped, ctx);
    exportRoutes(scoped, ctx);
    importRoutes(scoped, ctx);
    keyRoutes(scoped, ctx);
  });

  const uiDir = options.uiDir === undefined ? (existsSync(join(DEFAULT_UI_DIR, 'index.html')) ? DEFAULT_UI_DIR : null) : options.uiDir;
  if (uiDir) await registerUi(app, uiDir);
  app.setNotFoundHandler(async (request, reply) => {
    if (uiDir && (await uiFallback(request, reply))) return reply;
    return sendError(new ApiError(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`), request, reply);
  });
  return app;
}
