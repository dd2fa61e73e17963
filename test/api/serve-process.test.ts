import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { createApiKey } from '../../src/api/keys.js';
import { openStore } from '../../src/store/open.js';
import { testBackends } from '../support/backends.js';
import { seed } from './helpers.js';

/** Start `proscribe serve` as its own process on a free port; resolve with its base URL once it listens. */
async function serve(db: string, extra: string[] = []): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, 'serve', '--port', '0', '--processes', '1', '--log-level', 'silent', '--workers', '1', ...extra], {
    env: { ...process.env, PROSCRIBE_DB: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`serve exited with ${String(code)} before listening: ${err}`);
  });
  const listening = (async () => {
    for await (const line of lines) {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) return m[1]!;
    }
    throw new Error(`serve closed its output before listening: ${err}`);
  })();
  const url = await Promise.race([listening, exited]);
  exited.catch(() => {});
  return { child, url, stderr: () => err };
}

interface JobJson { id: string; status: string; processed: number; total: number | null; summary: { rows: number } | null }

for (const backend of testBackends()) {
  describe(`proscribe serve as a process on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    it('runs a batch job accepted by one server on another, after the first is killed mid-job, and serves it from both', async () => {
      const db = await backend.create();
      const repo = await openStore(db);
      let secret: string;
      try {
        await seed(repo);
        secret = (await createApiKey(repo, 'job-test', 'viewer')).secret;
      } finally {
        await repo.close();
      }
      const auth = { authorization: `Bearer ${secret}` };
      const rows = 60_000;
      const csv = `name\n${Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 'Lashkar e Taiba' : `Customer Number ${i} Trading`)).join('\n')}\n`;
      const first = await serve(db, ['--job-stale-after', '1000']);
      const form = new FormData();
      form.set('file', new Blob([csv], { type: 'text/csv' }), 'customers.csv');
      const accepted = await fetch(`${first.url}/screen/jobs`, { method: 'POST', headers: auth, body: form });
      assert.equal(accepted.status, 202, await accepted.clone().text());
      const { id } = (await accepted.json()) as JobJson;
      // Wait until the first server is running it, then kill it without warning.
      for (let i = 0; i < 400; i++) {
        const job = (await (await fetch(`${first.url}/screen/jobs/${id}`, { headers: auth })).json()) as JobJson;
        if (job.status === 'running' && job.processed > 0) break;
        assert.notEqual(job.status, 'done', 'the job must still be running when its server is killed (make the file larger)');
        await new Promise((r) => setTimeout(r, 25));
      }
      first.child.kill('SIGKILL');
      await once(first.child, 'exit');

      const second = await serve(db, ['--job-stale-after', '1000']);
      let finished: JobJson | null = null;
      try {
        for (let i = 0; i < 600 && !finished; i++) {
          const job = (await (await fetch(`${second.url}/screen/jobs/${id}`, { headers: auth })).json()) as JobJson;
          if (job.status === 'done' || job.status === 'failed') finished = job;
          else await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(finished?.status, 'done', `taken over and finished by the second server: ${JSON.stringify(finished)}`);
        assert.equal(finished.total, rows, 'every row screened once');
        const result = await (await fetch(`${second.url}/screen/jobs/${id}/result`, { headers: auth })).text();
        assert.equal(result.trim().split('\n').length, rows + 1, 'the whole result, header and every row');
      } finally {
        second.child.kill('SIGTERM');
        await once(second.child, 'exit');
      }
      // The first server, started again, serves the same job and result from the database.
      const restarted = await serve(db);
      try {
        const job = (await (await fetch(`${restarted.url}/screen/jobs/${id}`, { headers: auth })).json()) as JobJson;
        assert.equal(job.status, 'done');
        const result = await (await fetch(`${restarted.url}/screen/jobs/${id}/result`, { headers: auth })).text();
        assert.match(result.split('\n')[1]!, /LASHKAR/i, 'the first row alerts on the listed group');
      } finally {
        restarted.child.kill('SIGTERM');
        await once(restarted.child, 'exit');
      }
    });

    it('listens on a real port, enforces keys, screens, and stops cleanly on SIGTERM', async () => {
      const db = await backend.create();
      const repo = await openStore(db);
      let secret: string;
      try {
        await seed(repo);
        secret = (await createApiKey(repo, 'process-test', 'viewer')).secret;
      } finally {
        await repo.close();
      }
      const { child, url, stderr } = await serve(db);
      try {
        assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
        const health = await fetch(`${url}/health`);
        assert.equal(health.status, 200);
        assert.equal(((await health.json()) as { auth: string }).auth, 'keys');
        const refused = await fetch(`${url}/screen`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x' }) });
        assert.equal(refused.status, 401);
        const screened = await fetch(`${url}/screen`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: JSON.stringify({ name: 'Lashkar e Taiba', asOf: '2020-01-01' }),
        });
        assert.equal(screened.status, 200);
        const body = (await screened.json()) as { results: { hits: { entity: { refs: string[] }; listed: boolean }[] }[] };
        assert.deepEqual(body.results[0]!.hits[0]!.entity.refs, ['un:QDe.118']);
        const spec = (await (await fetch(`${url}/openapi.json`)).json()) as { openapi: string };
        assert.equal(spec.openapi, '3.1.0');
      } finally {
        const exit = once(child, 'exit');
        child.kill('SIGTERM');
        const [code] = await exit;
        assert.equal(code, 0, stderr());
        assert.match(stderr(), /SIGTERM: stopping/);
      }
    });
  });
}
