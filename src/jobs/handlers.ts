import type { ScreenerCache } from '../api/screener-cache.js';
import { extractingHook } from '../ingest/ingest.js';
import { todayIso } from '../model/partial-date.js';
import { listMonitors, runMonitor } from '../monitor/monitor.js';
import { pollFeeds } from '../news/feeds.js';
import { updateSources } from '../sources/update.js';
import type { Repository } from '../store/repository.js';
import type { QueuedJob } from './job-queue.js';

export type Queue = (kind: string, spec: Record<string, unknown>, options?: { target?: string | null }) => Promise<unknown>;

/**
 * The background work a server runs from the queue besides batch screening: a list update
 * (then the monitors, when it changed the registry), a feed poll, a monitor run.
 */
export function backgroundHandlers(repo: Repository, screeners: ScreenerCache, queue: Queue): Record<string, (job: QueuedJob) => Promise<Record<string, unknown>>> {
  return {
    update: async (job) => {
      const source = typeof job.spec.source === 'string' ? job.spec.source : undefined;
      const sources = await updateSources(repo, source ? { source } : {});
      if (sources.some((s) => s.outcome === 'imported')) {
        await screeners.invalidate();
        if ((await listMonitors(repo)).length) await queue('monitor', {}, { target: 'all monitors' });
      }
      return { sources };
    },
    poll: async (job) => {
      const url = typeof job.spec.url === 'string' ? job.spec.url : undefined;
      const feeds = await pollFeeds(repo, { hook: await extractingHook(repo), ...(url ? { url } : {}) });
      return { feeds };
    },
    monitor: async (job) => {
      const name = typeof job.spec.name === 'string' ? job.spec.name : undefined;
      const names = name ? [name] : (await listMonitors(repo)).map((m) => m.name);
      const screener = await screeners.get();
      const runs = [];
      for (const n of names) runs.push(await runMonitor(repo, screener, n, { asOf: typeof job.spec.asOf === 'string' ? job.spec.asOf : todayIso() }));
      return { runs };
    },
  };
}
