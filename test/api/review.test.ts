import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { testBackends } from '../support/backends.js';
import { type ApiFixture, assertError, call, startApi } from './helpers.js';

interface FactJson {
  id: number;
  status: string;
  subject: { id: number; name: string };
  object: unknown;
  objectLiteral: string | null;
  decidedBy: string | null;
  evidence: { documentId: number | null; start: number | null; end: number | null; document: { id: number } | null; excerpt: { sentence: string; highlight: { start: number; end: number } } | null }[];
}

for (const backend of testBackends()) {
  describe(`review through the API on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture;
    beforeEach(async () => {
      await f?.close();
      f = await startApi(backend);
    });
    after(async () => {
      await f?.close();
      await backend.cleanup();
    });

    it('lists proposals with entity names and evidence sentences, page by page', async () => {
      const res = await call(f, 'GET', '/facts', { as: 'viewer' });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ facts: FactJson[]; hasMore: boolean }>();
      assert.deepEqual(body.facts.map((x) => x.id), [f.seeded.banFact, f.seeded.basedInFact]);
      assert.equal(body.hasMore, false);
      const ban = body.facts[0]!;
      assert.deepEqual([ban.status, ban.subject.name], ['proposed', 'Example Front']);
      assert.equal(ban.evidence[0]!.document!.id, f.seeded.documentId);
      assert.equal(ban.evidence[0]!.excerpt!.sentence, 'The Example Front was banned on Wednesday.');
      assert.equal(body.facts[1]!.objectLiteral, 'Example Province');

      const page1 = (await call(f, 'GET', '/facts?limit=1', { as: 'viewer' })).json<{ facts: FactJson[]; hasMore: boolean }>();
      const page2 = (await call(f, 'GET', '/facts?limit=1&offset=1', { as: 'viewer' })).json<{ facts: FactJson[]; hasMore: boolean }>();
      assert.deepEqual([page1.facts.map((x) => x.id), page1.hasMore], [[f.seeded.banFact], true]);
      assert.deepEqual([page2.facts.map((x) => x.id), page2.hasMore], [[f.seeded.basedInFact], false]);
      const accepted = (await call(f, 'GET', '/facts?status=accepted&limit=500', { as: 'viewer' })).json<{ facts: FactJson[] }>();
      assert.ok(accepted.facts.length > 0 && accepted.facts.every((x) => x.status === 'accepted'), 'the imported listings are accepted');
      const ofEntity = (await call(f, 'GET', `/facts?entityId=${f.seeded.exampleFront}&predicate=based_in`, { as: 'viewer' })).json<{ facts: FactJson[] }>();
      assert.deepEqual(ofEntity.facts.map((x) => x.id), [f.seeded.basedInFact]);
    });

    it('accepts and rejects, recording the key name as who decided, and shows the history', async () => {
      const acc = await call(f, 'POST', `/facts/${f.seeded.banFact}/accept`, { as: 'analyst', payload: { note: 'gazette checked' } });
      assert.equal(acc.statusCode, 200, acc.body);
      assert.deepEqual(acc.json<{ decisions: { verdict: string; by: string; note: string }[] }>().decisions.map((d) => [d.verdict, d.by, d.note]), [['accepted', 'analyst-key', 'gazette checked']]);
      const rej = await call(f, 'POST', `/facts/${f.seeded.banFact}/reject`, { as: 'admin', payload: { note: 'wrong date' } });
      assert.equal(rej.statusCode, 200, rej.body);

      const shown = await call(f, 'GET', `/facts/${f.seeded.banFact}`, { as: 'viewer' });
      assert.equal(shown.statusCode, 200, shown.body);
      const body = shown.json<{ fact: FactJson; decisions: { verdict: string; by: string }[] }>();
      assert.equal(body.fact.status, 'rejected');
      assert.equal(body.fact.decidedBy, 'admin-key');
      assert.deepEqual(body.decisions.map((d) => [d.verdict, d.by]), [['accepted', 'analyst-key'], ['rejected', 'admin-key']]);
    });

    it('decides many facts in one call, all or none', async () => {
      const unknown = assertError(await call(f, 'POST', '/decisions', { as: 'analyst', payload: { ids: [f.seeded.banFact, 99999], verdict: 'accepted' } }), 404, 'ids');
      assert.match(unknown.error.message, /99999/);
      assert.deepEqual(await f.repo.decisionsOf(f.seeded.banFact), [], 'the known id in the same call was not decided either');
      const res = await call(f, 'POST', '/decisions', { as: 'analyst', payload: { ids: [f.seeded.banFact, f.seeded.basedInFact], verdict: 'rejected', note: 'not this group' } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json<{ decisions: unknown[] }>().decisions.length, 2);
      assert.deepEqual((await call(f, 'GET', '/facts', { as: 'viewer' })).json<{ facts: unknown[] }>().facts, []);
    });

    it('names the wrong field: a rejection without a note, a bad status, a bad id, a bad verdict', async () => {
      assertError(await call(f, 'POST', `/facts/${f.seeded.banFact}/reject`, { as: 'analyst', payload: {} }), 400, 'note');
      assertError(await call(f, 'POST', '/decisions', { as: 'analyst', payload: { ids: [f.seeded.banFact], verdict: 'rejected' } }), 400, 'note');
      assertError(await call(f, 'POST', '/decisions', { as: 'analyst', payload: { ids: [], verdict: 'accepted' } }), 400, 'ids');
      assertError(await call(f, 'POST', '/decisions', { as: 'analyst', payload: { ids: [1], verdict: 'maybe' } }), 400, 'verdict');
      assertError(await call(f, 'GET', '/facts?status=maybe', { as: 'viewer' }), 400, 'status');
      assertError(await call(f, 'GET', '/facts?limit=0', { as: 'viewer' }), 400, 'limit');
      assertError(await call(f, 'GET', '/facts/0', { as: 'viewer' }), 400, 'id');
      assertError(await call(f, 'POST', '/facts/x/accept', { as: 'analyst' }), 400, 'id');
    });

    it('404s unknown facts; 401 without a key; 403 for a viewer deciding', async () => {
      assertError(await call(f, 'GET', '/facts/99999', { as: 'viewer' }), 404, 'id');
      assertError(await call(f, 'POST', '/facts/99999/accept', { as: 'analyst' }), 404, 'id');
      assertError(await call(f, 'POST', '/facts/99999/reject', { as: 'analyst', payload: { note: 'no' } }), 404, 'id');
      assertError(await call(f, 'GET', '/facts'), 401);
      assertError(await call(f, 'GET', `/facts/${f.seeded.banFact}`), 401);
      assertError(await call(f, 'POST', `/facts/${f.seeded.banFact}/accept`, { as: 'viewer' }), 403);
      assertError(await call(f, 'POST', `/facts/${f.seeded.banFact}/reject`, { as: 'viewer', payload: { note: 'x' } }), 403);
      assertError(await call(f, 'POST', '/decisions', { as: 'viewer', payload: { ids: [f.seeded.banFact], verdict: 'accepted' } }), 403);
      assert.equal((await f.repo.decisionsOf(f.seeded.banFact)).length, 0);
    });
  });
}
