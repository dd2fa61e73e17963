import type { Worker } from 'node:worker_threads';
import { RegistryResolver, type RegistryResolverParts } from '../ingest/registry-resolver.js';
import type { NameIndexSnapshot } from '../names/index.js';
import { startOwnWorker } from './own-worker.js';
import { Screener, type ScreenerSnapshot } from './screener.js';

export interface BuildRequest {
  /** The database to read: a SQLite file or a PostgreSQL URL. */
  location: string;
  what: 'screener' | 'resolver';
  /** Build from the database even when the saved index could be caught up (folding an overlay in). */
  fresh?: boolean;
  /** Whether a saved index of an earlier version may be caught up (default true). */
  catchUp?: boolean;
}

export type BuildReply =
  | { ok: true; what: 'screener'; version: string; snapshot: ScreenerSnapshot; restored: boolean }
  | { ok: true; what: 'resolver'; version: string; parts: RegistryResolverParts }
  | { ok: false; message: string };

/** An ingest resolver and the names version it was built from. */
export interface BuiltResolver {
  resolver: RegistryResolver;
  version: string;
}

/** A screener and the registry version it was built from. */
export interface BuiltScreener {
  screener: Screener;
  version: string;
  /** Read from the index file beside the database rather than built. */
  restored?: boolean;
}

/** Every typed array's buffer in an index snapshot (each once), for a zero-copy hand-over. */
export function transferablesOf(snapshot: NameIndexSnapshot): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  const visit = (value: unknown): void => {
    if (ArrayBuffer.isView(value)) {
      if (value.buffer instanceof ArrayBuffer) seen.add(value.buffer);
      return;
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const v of Object.values(value)) visit(v);
  };
  visit(snapshot);
  return [...seen];
}

function startWorker(workerData: BuildRequest): Worker {
  return startOwnWorker(import.meta.url, 'build-worker', workerData);
}

/**
 * Build the screener for the database at `location` on a worker thread. The caller's event loop
 * only attaches the finished index (typed arrays handed over without a copy) and the entity maps.
 */
export async function buildScreenerOffThread(location: string, options: { fresh?: boolean; catchUp?: boolean } = {}): Promise<BuiltScreener> {
  const reply = await runBuild({ location, what: 'screener', ...options });
  if (reply.what !== 'screener') throw new Error('the index builder answered with a resolver');
  return { screener: Screener.fromSnapshot(reply.snapshot), version: reply.version, restored: reply.restored };
}

/** The same for the resolver that ingest resolves article mentions with. */
export async function buildResolverOffThread(location: string): Promise<BuiltResolver> {
  const reply = await runBuild({ location, what: 'resolver' });
  if (reply.what !== 'resolver') throw new Error('the index builder answered with a screener');
  return { resolver: RegistryResolver.fromParts(reply.parts), version: reply.version };
}

function runBuild(request: BuildRequest): Promise<Extract<BuildReply, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(request);
    // A build in flight does not keep a stopping process alive.
    worker.unref();
    let settled = false;
    worker.once('message', (reply: BuildReply) => {
      settled = true;
      void worker.terminate();
      if (reply.ok) resolve(reply);
      else reject(new Error(`building the ${request.what === 'resolver' ? 'ingest resolver' : 'screening index'} failed: ${reply.message}`));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the index builder stopped (exit code ${code}) before it answered`));
    });
  });
}
