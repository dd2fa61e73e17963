/** Cron schedules of sources and feeds: due work is queued once, work not due is not. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { enqueue, recentJobs } from '../../src/jobs/job-queue.js';
import { queueDueWork } from '../../src/jobs/scheduler.js';
import { addFeed } from '../../src/news/feeds.js';
import { addSource } from '../../src/sources/sources.js';
import { openStore } from '../../src/store/open.js';
import { testBackends } from '../support/backends.js';

for (const backend of testBackends()) {
  describe(`scheduled updates and polls on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    it('queues what came due since it was last checked, once', async () => {
      const repo = await openStore(await backend.create());
      try {
        await addSource(repo, { id: 'hourly', format: 'un-xml', url: 'http://127.0.0.1:9/un.xml', schedule: '0 * * * *' });
        await addSource(repo, { id: 'yearly', format: 'un-xml', url: 'http://127.0.0.1:9/un2.xml', schedule: '0 0 1 1 *' });
        await addSource(repo, { id: 'by-hand', format: 'un-xml', url: 'http://127.0.0.1:9/un3.xml' });
        await addFeed(repo, 'http://127.0.0.1:9/feed.xml', '*/5 * * * *');
        const queue = async (kind: string, spec: Record<string, unknown>, o: { target?: string | null } = {}) => enqueue(repo, { kind, spec, ...o });
        const inTwoHours = new Date(Date.now() + 2 * 3600_000);
        const first = await queueDueWork(repo, queue, inTwoHours);
        assert.deepEqual(first.sort(), ['poll http://127.0.0.1:9/feed.xml', 'update hourly']);
        assert.deepEqual(await queueDueWork(repo, queue, inTwoHours), [], 'not queued twice while waiting');
        const jobs = await recentJobs(repo, ['update', 'poll']);
        assert.deepEqual(jobs.map((j) => `${j.kind} ${String(j.target)}`).sort(), ['poll http://127.0.0.1:9/feed.xml', 'update hourly']);
        assert.deepEqual(await queueDueWork(repo, queue, new Date()), [], 'nothing is due right after being added');
        await assert.rejects(addSource(repo, { id: 'typo', format: 'un-xml', url: 'http://127.0.0.1:9/t.xml', schedule: '0 6 * *' }), /field "schedule".*not a cron expression/);
        await assert.rejects(addFeed(repo, 'http://127.0.0.1:9/typo.xml', 'every day'), /field "schedule"/);
      } finally {
        await repo.close();
      }
    });
  });
}
