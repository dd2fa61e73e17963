import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Repository } from '../store/repository.js';
import type { JobManager } from './jobs.js';
import type { ResolverCache } from './resolver-cache.js';
import type { ScreenerCache } from './screener-cache.js';
import type { SearchCache } from './search-cache.js';

/** The fastify instance the routes register on: its schemas are zod schemas. */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface ApiLimits {
  /** Largest JSON body, in bytes (default 1 MiB). */
  jsonBytes: number;
  /** Largest `POST /documents` body, in bytes (default 5 MiB). */
  documentBytes: number;
  /** Largest batch-screening upload, in bytes (default 50 MiB). */
  uploadBytes: number;
}

/** What the routes share: the store, the loaded screener, the jobs, and the server's settings. */
export interface ApiContext {
  repo: Repository;
  screeners: ScreenerCache;
  /** The resolver ingest resolves article mentions with, kept between requests. */
  resolvers: ResolverCache;
  /** The search box's entity search. */
  searches: SearchCache;
  jobs: JobManager;
  /** `POST /imports` reads list files only from under this folder. */
  importDir: string;
  limits: ApiLimits;
  requireKeys: boolean;
  version: string;
}

/** OpenAPI security of a route: public routes need no key. */
export const PUBLIC = { security: [] as Record<string, string[]>[] };

export function roleNote(role: string): string {
  return `Role: ${role} or above.`;
}
