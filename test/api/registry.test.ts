import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { type ApiFixture, assertError, call, startApi } from './helpers.js';

for (const backend of testBackends()) {
  describe(`listings, entities and exports on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture;
    before(async () => {
      f = await startApi(backend);
      // Accepted, so Example Front is listed in PK from 2020-08-19.
      await f.repo.decide({ factId: f.seeded.banFact, verdict: 'accepted', by: 'seed' });
    });
    after(async () => {
      await f.close();
      await backend.cleanup();
    });

    it('lists a jurisdiction as of a date, as `proscribe list --format json` does', async () => {
      const res = await call(f, 'GET', '/listings?jurisdiction=un&asOf=2020-01-01', { as: 'viewer' });
      assert.equal(res.statusCode, 200, res.body);
      const byCli = await cli(['--db', f.db, 'list', '--jurisdiction', 'UN', '--as-of', '2020-01-01', '--format', 'json']);
      assert.deepEqual(res.json(), JSON.parse(byCli.stdout));
      assert.ok(res.json<{ organisations: { entity: { refs: string[] } }[] }>().organisations.some((o) => o.entity.refs.includes('un:QDe.118')));
      const pk = (d: string) => call(f, 'GET', `/listings?jurisdiction=PK&asOf=${d}`, { as: 'viewer' });
      assert.deepEqual((await pk('2020-08-18')).json<{ organisations: unknown[] }>().organisations, [], 'not yet banned the day before');
      assert.deepEqual((await pk('2020-08-19')).json<{ organisations: { entity: { name: string } }[] }>().organisations.map((o) => o.entity.name), ['Example Front']);
    });

    it('names the wrong listing field; refuses a caller without a key', async () => {
      assertError(await call(f, 'GET', '/listings', { as: 'viewer' }), 400, 'jurisdiction');
      assertError(await call(f, 'GET', '/listings?jurisdiction=Pakistan', { as: 'viewer' }), 400, 'jurisdiction');
      assertError(await call(f, 'GET', '/listings?jurisdiction=PK&asOf=2020-1-1', { as: 'viewer' }), 400, 'asOf');
      assertError(await call(f, 'GET', '/listings?jurisdiction=PK'), 401);
    });

    it('gives an entity profile, as `proscribe entity show --format json` does', async () => {
      const res = await call(f, 'GET', `/entities/${f.seeded.exampleFront}?asOf=2021-01-01`, { as: 'viewer' });
      assert.equal(res.statusCode, 200, res.body);
      const byCli = await cli(['--db', f.db, 'entity', 'show', String(f.seeded.exampleFront), '--as-of', '2021-01-01', '--format', 'json']);
      assert.equal(byCli.code, 0, byCli.stderr);
      assert.deepEqual(res.json(), JSON.parse(byCli.stdout));
      const body = res.json<{ listed: boolean; listings: { jurisdiction: string; inForce: boolean }[]; facts: { id: number; decisions: { by: string }[]; evidence: { excerpt: { sentence: string } | null }[] }[] }>();
      assert.equal(body.listed, true);
      assert.deepEqual(body.listings.map((l) => [l.jurisdiction, l.inForce]), [['PK', true]]);
      const ban = body.facts.find((x) => x.id === f.seeded.banFact)!;
      assert.deepEqual(ban.decisions.map((d) => d.by), ['seed']);
      assert.equal(ban.evidence[0]!.excerpt!.sentence, 'The Example Front was banned on Wednesday.');
    });

    it('answers a merged-away id with the entity it was merged into', async () => {
      const variant = await f.repo.createEntity('organisation', 'Example Front Brigade');
      await f.repo.addName(variant.id, { text: 'Example Front Brigade', type: 'primary' });
      await f.repo.mergeEntities(f.seeded.exampleFront, variant.id, 'test');
      const res = await call(f, 'GET', `/entities/${variant.id}`, { as: 'viewer' });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ entity: { id: number }; requestedId: number; mergedInto: { id: number } | null; names: { text: string }[] }>();
      assert.deepEqual([body.entity.id, body.requestedId, body.mergedInto?.id], [f.seeded.exampleFront, variant.id, f.seeded.exampleFront]);
      assert.ok(body.names.some((n) => n.text === 'Example Front Brigade'));
      // A merge made outside the API shows in search at the next version check: the variant's name finds the kept entity.
      const search = (await call(f, 'GET', `/entities?q=${encodeURIComponent('Example Front Brigade')}`, { as: 'viewer' })).json<{ results: { entity: { id: number }; matched_name: string }[] }>();
      assert.equal(search.results[0]!.entity.id, f.seeded.exampleFront);
      assert.equal(search.results[0]!.matched_name, 'Example Front Brigade');
    });

    it('searches entity names in any spelling, near matches included', async () => {
      const res = await call(f, 'GET', '/entities?q=lashkar%20taiba&limit=3', { as: 'viewer' });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ query: string; results: { entity: { id: number }; score: number; listed: boolean }[] }>();
      assert.equal(body.query, 'lashkar taiba');
      assert.equal(body.results[0]!.entity.id, f.seeded.lashkar);
      assert.ok(body.results.length <= 3);
      assertError(await call(f, 'GET', '/entities', { as: 'viewer' }), 400, 'q');
      assertError(await call(f, 'GET', '/entities?q=x&limit=500', { as: 'viewer' }), 400, 'limit');
      assertError(await call(f, 'GET', '/entities?q=x'), 401);
    });

    it('404s an unknown entity, 400s a bad id, 401s without a key', async () => {
      assertError(await call(f, 'GET', '/entities/999999', { as: 'viewer' }), 404, 'id');
      assertError(await call(f, 'GET', '/entities/-3', { as: 'viewer' }), 400, 'id');
      assertError(await call(f, 'GET', `/entities/${f.seeded.lashkar}?asOf=yesterday`, { as: 'viewer' }), 400, 'asOf');
      assertError(await call(f, 'GET', `/entities/${f.seeded.lashkar}`), 401);
    });

    it('streams the FtM and CSV exports with the bytes of `proscribe export`', async () => {
      const ftm = await call(f, 'GET', '/export/ftm', { as: 'viewer' });
      assert.equal(ftm.statusCode, 200);
      assert.match(String(ftm.headers['content-type']), /^application\/x-ndjson/);
      assert.equal(ftm.body, (await cli(['--db', f.db, 'export', 'ftm'])).stdout);
      assert.ok(ftm.body.split('\n').filter(Boolean).every((l) => typeof (JSON.parse(l) as { schema: string }).schema === 'string'));

      const csv = await call(f, 'GET', '/export/csv?asOf=2021-01-01', { as: 'viewer' });
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /proscribe-2021-01-01\.csv/);
      assert.equal(csv.body, (await cli(['--db', f.db, 'export', 'csv', '--as-of', '2021-01-01'])).stdout);
      assert.match(csv.body, /^entity_id,name,kind,/);
    });

    it('refuses an export without a key, and names a bad date', async () => {
      assertError(await call(f, 'GET', '/export/ftm'), 401);
      assertError(await call(f, 'GET', '/export/csv'), 401);
      assertError(await call(f, 'GET', '/export/csv?asOf=2021-13-01', { as: 'viewer' }), 400, 'asOf');
    });
  });
}
