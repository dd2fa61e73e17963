import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Repository } from '../store/repository.js';

/**
 * Jobs kept in the database, so any server process on it can run them and a job outlives the
 * process that accepted it. A process claims the oldest queued job (or one whose runner stopped
 * saying it is alive) with one UPDATE … RETURNING whose WHERE re-checks the row: under
 * PostgreSQL's row locks a second claimer of the same row finds it taken and claims nothing, and
 * SQLite runs one writer at a time.
 */
export type QueueStatus = 'queued' | 'running' | 'done' | 'failed';

export interface QueuedJob {
  id: string;
  kind: string;
  status: QueueStatus;
  spec: Record<string, unknown>;
  state: Record<string, unknown>;
  ownerKeyId: number | null;
  target: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  claimedBy: string | null;
  attempts: number;
}

/** A job run this many times without finishing (its runner died each time) fails. */
export const MAX_ATTEMPTS = 3;

export const PROCESS_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

type Row = {
  id: string; kind: string; status: string; spec: string; state: string; owner_key_id: number | null; target: string | null; created_at: string;
  started_at: string | null; finished_at: string | null; claimed_by: string | null; heartbeat_at: string | null; attempts: number;
};

function toJob(r: Row): QueuedJob {
  return {
    id: r.id, kind: r.kind, status: r.status as QueueStatus, spec: JSON.parse(r.spec) as Record<string, unknown>, state: JSON.parse(r.state) as Record<string, unknown>,
    ownerKeyId: r.owner_key_id, target: r.target, createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at, claimedBy: r.claimed_by, attempts: r.attempts,
  };
}

export async function enqueue(repo: Repository, job: { kind: string; spec: Record<string, unknown>; state?: Record<string, unknown>; ownerKeyId?: number | null; target?: string | null; files?: Record<string, Uint8Array> }): Promise<QueuedJob> {
  const id = randomUUID();
  await repo.transaction(async (tx) => {
    await tx.kysely.insertInto('jobs').values({
      id, kind: job.kind, status: 'queued', spec: JSON.stringify(job.spec), state: JSON.stringify(job.state ?? {}), owner_key_id: job.ownerKeyId ?? null,
      target: job.target ?? null, created_at: new Date().toISOString(), started_at: null, finished_at: null, claimed_by: null, heartbeat_at: null, attempts: 0,
    }).execute();
    for (const [name, content] of Object.entries(job.files ?? {})) await tx.kysely.insertInto('job_files').values({ job_id: id, name, content }).execute();
  });
  return (await getJob(repo, id))!;
}

/** A job of `kind` for `target` still waiting or running (a scheduled update is not queued twice). */
export async function pendingFor(repo: Repository, kind: string, target: string): Promise<QueuedJob | null> {
  const r = await repo.kysely.selectFrom('jobs').selectAll().where('kind', '=', kind).where('target', '=', target).where('status', 'in', ['queued', 'running']).limit(1).executeTakeFirst();
  return r ? toJob(r) : null;
}

/**
 * Take the oldest job of these kinds that is queued, or running with no sign of life for
 * `staleMs` (its process stopped): it is this process's now. Null when there is none.
 */
export async function claim(repo: Repository, kinds: readonly string[], staleMs: number): Promise<QueuedJob | null> {
  const now = new Date();
  const stale = new Date(now.getTime() - staleMs).toISOString();
  const db = repo.kysely;
  const candidate = await db.selectFrom('jobs').select('id')
    .where('kind', 'in', [...kinds])
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('heartbeat_at', '<', stale)])]))
    .orderBy('created_at').limit(1).executeTakeFirst();
  if (!candidate) return null;
  const row = await db.updateTable('jobs')
    .set((eb) => ({ status: 'running', claimed_by: PROCESS_ID, heartbeat_at: now.toISOString(), started_at: now.toISOString(), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', candidate.id)
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('heartbeat_at', '<', stale)])]))
    .returningAll().executeTakeFirst();
  return row ? toJob(row) : null;
}

/** Save a running job's progress; false when it is no longer this process's (another took it over). */
export async function heartbeat(repo: Repository, id: string, state: Record<string, unknown>): Promise<boolean> {
  const res = await repo.kysely.updateTable('jobs').set({ state: JSON.stringify(state), heartbeat_at: new Date().toISOString() })
    .where('id', '=', id).where('claimed_by', '=', PROCESS_ID).where('status', '=', 'running').executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * Record the job's end, its result files with it. Only the process holding the job may: one
 * that was taken for dead and has come back finds it another's, and its result is dropped.
 */
export async function finish(repo: Repository, id: string, status: 'done' | 'failed', state: Record<string, unknown>, files: Record<string, Uint8Array> = {}): Promise<boolean> {
  return repo.transaction(async (tx) => {
    const mine = await tx.kysely.selectFrom('jobs').select('id').where('id', '=', id).where('claimed_by', '=', PROCESS_ID).where('status', '=', 'running').executeTakeFirst();
    if (!mine) return false;
    for (const [name, content] of Object.entries(files)) {
      await tx.kysely.deleteFrom('job_files').where('job_id', '=', id).where('name', '=', name).execute();
      await tx.kysely.insertInto('job_files').values({ job_id: id, name, content }).execute();
    }
    await tx.kysely.updateTable('jobs').set({ status, state: JSON.stringify(state), finished_at: new Date().toISOString(), heartbeat_at: new Date().toISOString() })
      .where('id', '=', id).execute();
    return true;
  });
}

export async function getJob(repo: Repository, id: string): Promise<QueuedJob | null> {
  const r = await repo.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toJob(r) : null;
}

export async function jobFile(repo: Repository, id: string, name: string): Promise<Buffer | null> {
  const r = await repo.kysely.selectFrom('job_files').select('content').where('job_id', '=', id).where('name', '=', name).executeTakeFirst();
  return r ? Buffer.from(r.content) : null;
}

export async function dropJobFile(repo: Repository, id: string, name: string): Promise<void> {
  await repo.kysely.deleteFrom('job_files').where('job_id', '=', id).where('name', '=', name).execute();
}

export async function recentJobs(repo: Repository, kinds: readonly string[], limit = 50): Promise<QueuedJob[]> {
  return (await repo.kysely.selectFrom('jobs').selectAll().where('kind', 'in', [...kinds]).orderBy('created_at', 'desc').limit(limit).execute()).map(toJob);
}

/** Finished jobs beyond the newest `keep` of a kind are removed with their files. */
export async function evict(repo: Repository, kind: string, keep: number): Promise<void> {
  const old = await repo.kysely.selectFrom('jobs').select('id').where('kind', '=', kind).where('status', 'in', ['done', 'failed'])
    .orderBy('finished_at', 'desc').offset(keep).limit(10_000).execute();
  if (old.length === 0) return;
  await repo.transaction(async (tx) => {
    for (let i = 0; i < old.length; i += 500) {
      const ids = old.slice(i, i + 500).map((r) => r.id);
      await tx.kysely.deleteFrom('job_files').where('job_id', 'in', ids).execute();
      await tx.kysely.deleteFrom('jobs').where('id', 'in', ids).execute();
    }
  });
}
