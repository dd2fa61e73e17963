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
async function serve(db: string): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, 'serve', '--port', '0', '--processes', '1', '--log-level', 'silent', '--workers', '1'], {
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

for (const backend of testBackends()) {
  describe(`proscribe serve as a process on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

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
