import { Cron } from 'croner';
import type { Repository } from '../store/repository.js';
import { pendingFor } from './job-queue.js';
import type { Queue } from './handlers.js';

/**
 * Queues the scheduled work of the sources and feeds whose cron expression came due since they
 * were last checked. Any server process may run it: a job already waiting for the same source or
 * feed is not queued again.
 */
export async function queueDueWork(repo: Repository, queue: Queue, now = new Date()): Promise<string[]> {
  const queued: string[] = [];
  const due = (expr: string, since: string) => {
    try {
      const next = new Cron(expr, { paused: true }).nextRun(new Date(since));
      return next !== null && next <= now;
    } catch {
      return false;
    }
  };
  for (const s of await repo.kysely.selectFrom('sources').select(['id', 'schedule', 'checked_at', 'created_at']).where('schedule', 'is not', null).execute()) {
    if (!due(s.schedule!, s.checked_at ?? s.created_at) || await pendingFor(repo, 'update', s.id)) continue;
    await queue('update', { source: s.id }, { target: s.id });
    queued.push(`update ${s.id}`);
  }
  for (const f of await repo.kysely.selectFrom('feeds').select(['url', 'schedule', 'checked_at', 'created_at']).where('schedule', 'is not', null).execute()) {
    if (!due(f.schedule!, f.checked_at ?? f.created_at) || await pendingFor(repo, 'poll', f.url)) continue;
    await queue('poll', { url: f.url }, { target: f.url });
    queued.push(`poll ${f.url}`);
  }
  return queued;
}

/** Check schedules every `everyMs` until stopped. */
export function startScheduler(repo: Repository, queue: Queue, everyMs: number, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => void queueDueWork(repo, queue).catch(onError), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
