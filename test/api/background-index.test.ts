/**
 * The screening index rebuilt on a worker thread (`serve --index-rebuild background`, the
 * default of `serve`): screening answers from the index it has while a build runs, a write's own
 * response comes once the index holds it, and ingest keeps one resolver between requests.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testBackends } from '../support/backends.js';
import { type ApiFixture, call, startApi } from './helpers.js';

interface Health {
  screener: { rebuild: string; rebuilds: number; names: number | null; catchUps: number; overlayNames: number | null; changedEntities: number | null; compactions: number };
  ingestResolver: { builds: number };
}

async function screenStatus(f: ApiFixture, name: string): Promise<string | null> {
  const res = await call(f, 'POST', '/screen', { as: 'viewer', payload: { name } });
  assert.equal(res.statusCode, 200, res.body);
  const hit = res.json<{ results: { hits: { matched_name: string; status: string }[] }[] }>().results[0]!.hits.find((h) => h.matched_name === name);
  return hit?.status ?? null;
}

for (const backend of testBackends()) {
  describe(`screening index rebuilt in the background on ${backend.name}`, { skip: backend.skip }, () => {
    const fixtures: ApiFixture[] = [];
    after(async () => {
      for (const f of fixtures) await f.close();
      await backend.cleanup();
    });

    it('serves screening from the index it has, and answers a write once the new index holds it', async () => {
      const f = await startApi(backend, { screenerRebuild: 'background', screenerTtlMs: 60_000 });
      fixtures.push(f);
      assert.equal(await screenStatus(f, 'Lashkar e Taiba'), null, 'the first index is built');
      const name = 'Noor Background Brigade';
      const created = await call(f, 'POST', '/facts', {
        as: 'analyst', payload: { subject: name, predicate: 'proscribed', jurisdiction: 'PK', date: '2026-01-15', source: 'https://example.org/notification' },
      });
      assert.equal(created.statusCode, 201, created.body);
      // The writer waited for the swap: the very next request screens the new entity as listed.
      assert.equal(await screenStatus(f, name), 'listed');
      const health = (await call(f, 'GET', '/health')).json<Health>();
      assert.equal(health.screener.rebuild, 'background');
      assert.equal(health.screener.rebuilds, 1, 'one build at start');
      assert.ok(health.screener.catchUps >= 1, `the write caught up from the change log, not rebuilt: ${JSON.stringify(health.screener)}`);
      assert.ok((health.screener.overlayNames ?? 0) >= 1, 'its entity is in the overlay');

      // Screening while a rebuild runs answers at once from the index in use.
      const rebuilding = call(f, 'POST', '/facts', {
        as: 'analyst', payload: { subject: 'Noor Second Brigade', predicate: 'proscribed', jurisdiction: 'PK', date: '2026-02-01', source: 'https://example.org/n2' },
      });
      const during = await screenStatus(f, name);
      assert.equal(during, 'listed');
      assert.equal((await rebuilding).statusCode, 201);
      assert.equal(await screenStatus(f, 'Noor Second Brigade'), 'listed');
    });

    it('folds a grown overlay into a full build in the background, and screens the same after', async () => {
      const f = await startApi(backend, { screenerRebuild: 'background', screenerTtlMs: 60_000, screenerCompactAt: 3 });
      fixtures.push(f);
      await screenStatus(f, 'Lashkar e Taiba');
      const names = ['Noor Fold One', 'Noor Fold Two', 'Noor Fold Three', 'Noor Fold Four'];
      for (const [i, subject] of names.entries()) {
        const res = await call(f, 'POST', '/facts', {
          as: 'analyst', payload: { subject, predicate: 'proscribed', jurisdiction: 'PK', date: `2026-01-1${i}`, source: `https://example.org/fold/${i}` },
        });
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(await screenStatus(f, subject), 'listed', `${subject} screens at once`);
      }
      let health = (await call(f, 'GET', '/health')).json<Health>();
      for (let i = 0; i < 200 && health.screener.compactions === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        health = (await call(f, 'GET', '/health')).json<Health>();
      }
      assert.ok(health.screener.compactions >= 1, `a full build folded the overlay in: ${JSON.stringify(health.screener)}`);
      assert.ok(health.screener.rebuilds >= 2, 'the start build and the folding one');
      assert.ok((health.screener.changedEntities ?? 99) < 3, `the overlay is small again: ${JSON.stringify(health.screener)}`);
      for (const subject of names) assert.equal(await screenStatus(f, subject), 'listed', `${subject} still screens after the fold`);
    });

    it('keeps one ingest resolver across articles it ingests, and still resolves the entities they created', async () => {
      const f = await startApi(backend, { screenerRebuild: 'background' });
      fixtures.push(f);
      const first = await call(f, 'POST', '/documents', { as: 'analyst', payload: { text: 'The ministry banned the Noor Resolver Front on Monday.', date: '2026-03-02' } });
      assert.equal(first.statusCode, 201, first.body);
      const second = await call(f, 'POST', '/documents', { as: 'analyst', payload: { text: 'The Noor Resolver Front recruits in Quetta, officials said on Tuesday.', date: '2026-03-04' } });
      assert.equal(second.statusCode, 201, second.body);
      const health = (await call(f, 'GET', '/health')).json<Health>();
      assert.equal(health.ingestResolver.builds, 1, 'built once, taught by each ingest');
      const hits = await call(f, 'GET', '/entities?q=Noor%20Resolver%20Front', { as: 'viewer' });
      const found = hits.json<{ results: { entity: { name: string } }[] }>().results.filter((e) => e.entity.name === 'Noor Resolver Front');
      assert.equal(found.length, 1, `one entity for both articles: ${hits.body}`);
    });
  });
}
