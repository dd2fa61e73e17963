import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { type ApiFixture, assertError, call, startApi } from './helpers.js';

interface ScreenJson {
  asOf: string;
  threshold: number;
  results: { query: string; hits: { entity: { id: number; name: string; refs: string[] }; alert: boolean; listed: boolean; explanation?: { rules: string[] } }[] }[];
}

for (const backend of testBackends()) {
  describe(`POST /screen on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture;
    before(async () => {
      f = await startApi(backend);
    });
    after(async () => {
      await f.close();
      await backend.cleanup();
    });

    it('screens one name: the listed hit first, as an alert, with an explanation', async () => {
      const res = await call(f, 'POST', '/screen', { as: 'viewer', payload: { name: 'Lashkar e Taiba', asOf: '2020-01-01' } });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<ScreenJson>();
      assert.equal(body.asOf, '2020-01-01');
      const top = body.results[0]!.hits[0]!;
      assert.deepEqual(top.entity.refs, ['un:QDe.118']);
      assert.equal(top.alert, true);
      assert.equal(top.listed, true);
      assert.ok(top.explanation!.rules.length > 0);
    });

    it('answers many names with the same JSON as `proscribe screen --format json`', async () => {
      const names = ['Lashkar Tayyiba', 'Al Nusrah Front', 'Example Front'];
      const res = await call(f, 'POST', '/screen', { as: 'viewer', payload: { names, asOf: '2020-01-01', threshold: 0.8, limit: 3 } });
      assert.equal(res.statusCode, 200, res.body);
      const byCli = await cli(['--db', f.db, 'screen', '--format', 'json', '--as-of', '2020-01-01', '--threshold', '0.8', '--limit', '3', ...names]);
      assert.equal(byCli.code, 0, byCli.stderr);
      assert.deepEqual(res.json(), JSON.parse(byCli.stdout));
      assert.deepEqual(res.json<ScreenJson>().results.map((r) => r.query), names);
    });

    it('names the wrong field of a bad request', async () => {
      const bad = async (payload: unknown, field: string) => assertError(await call(f, 'POST', '/screen', { as: 'viewer', payload: payload as object }), 400, field);
      await bad({}, 'names');
      await bad({ name: 'a', names: ['b'] }, 'names');
      await bad({ names: [] }, 'names');
      await bad({ names: ['ok', '  '] }, 'names.1');
      await bad({ names: Array.from({ length: 1001 }, (_, i) => `name ${i}`) }, 'names');
      await bad({ name: 'x', asOf: '2021-02-30' }, 'asOf');
      await bad({ name: 'x', threshold: 2 }, 'threshold');
      await bad({ name: 'x', limit: 0 }, 'limit');
      await bad({ name: 42 }, 'name');
      assertError(await call(f, 'POST', '/screen', { as: 'viewer', payload: '{"name":', headers: { 'content-type': 'application/json' } }), 400);
    });

    it('refuses a caller without a key', async () => {
      assertError(await call(f, 'POST', '/screen', { payload: { name: 'x' } }), 401);
    });

    it('screens a fact as soon as it is accepted through the API', async () => {
      const before = (await call(f, 'POST', '/screen', { as: 'viewer', payload: { name: 'Example Front', asOf: '2020-09-01' } })).json<ScreenJson>();
      assert.deepEqual(before.results[0]!.hits.filter((h) => h.entity.id === f.seeded.exampleFront), [], 'a proposal is not screened');
      assert.equal((await call(f, 'POST', `/facts/${f.seeded.banFact}/accept`, { as: 'analyst' })).statusCode, 200);
      const afterAccept = (await call(f, 'POST', '/screen', { as: 'viewer', payload: { name: 'Example Front', asOf: '2020-09-01' } })).json<ScreenJson>();
      const hit = afterAccept.results[0]!.hits.find((h) => h.entity.id === f.seeded.exampleFront);
      assert.ok(hit, 'the accepted organisation is screened');
      assert.equal(hit.listed, true);
    });

    it('sees a decision made by another process on the same database', async () => {
      const screen = async () => (await call(f, 'POST', '/screen', { as: 'viewer', payload: { name: 'Example Front', asOf: '2020-09-01' } })).json<ScreenJson>();
      if ((await f.repo.getFact(f.seeded.banFact))!.status !== 'accepted') await f.repo.decide({ factId: f.seeded.banFact, verdict: 'accepted', by: 'seed' });
      assert.ok((await screen()).results[0]!.hits.some((h) => h.entity.id === f.seeded.exampleFront), 'screened while its ban is accepted');
      const other = await openStore(f.db);
      try {
        await other.decide({ factId: f.seeded.banFact, verdict: 'rejected', by: 'elsewhere', note: 'withdrawn' });
      } finally {
        await other.close();
      }
      const res = await screen();
      assert.deepEqual(res.results[0]!.hits.filter((h) => h.entity.id === f.seeded.exampleFront), [], 'the rejected fact no longer makes it a registry entity');
    });
  });
}
