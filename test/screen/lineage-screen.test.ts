import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

interface Hit {
  entity: { name: string };
  listed: boolean;
  listings: unknown[];
  via?: { entity: { name: string }; predicate: string; evidence: { documentId: number | null; start: number | null } | null; listings?: { jurisdiction: string; since: string }[] }[];
}

for (const backend of testBackends()) {
  describe(`screening through lineage on ${backend.name}`, { skip: backend.skip }, () => {
    let db: string;
    before(async () => {
      db = await backend.create();
      const repo = await openStore(db);
      try {
        const doc = await repo.insertDocument({ sha256: 'lin', date: '2022-05-05', text: 'The Northern Example Front is an offshoot of the Example Liberation Army, officials said.' });
        const accept = async (f: { id: number }) => repo.decide({ factId: f.id, verdict: 'accepted', by: 'test' });
        const make = async (name: string) => {
          const e = await repo.createEntity('organisation', name);
          await repo.addName(e.id, { text: name, type: 'primary' });
          return e;
        };
        const parent = await make('Example Liberation Army');
        const child = await make('Northern Example Front');
        const grandchild = await make('Example Welfare Trust');
        const loopA = await make('Circular Alpha Brigade');
        const loopB = await make('Circular Beta Brigade');
        await accept(await repo.addFact({ subjectId: parent.id, predicate: 'proscribed', date: '2019-03', qualifiers: { jurisdiction: 'PK' }, extractor: 't', confidence: 1 }));
        await accept(await repo.addFact({
          subjectId: child.id, predicate: 'offshoot_of', objectId: parent.id, extractor: 't', confidence: 0.8,
          evidence: { documentId: doc.id, start: 0, end: 86, attribution: 'officials' },
        }));
        await accept(await repo.addFact({ subjectId: grandchild.id, predicate: 'front_for', objectId: child.id, extractor: 't', confidence: 0.7 }));
        await accept(await repo.addFact({ subjectId: loopA.id, predicate: 'successor_of', objectId: loopB.id, extractor: 't', confidence: 0.7 }));
        await accept(await repo.addFact({ subjectId: loopB.id, predicate: 'successor_of', objectId: loopA.id, extractor: 't', confidence: 0.7 }));
      } finally {
        await repo.close();
      }
    });
    after(() => backend.cleanup());

    const top = async (name: string, asOf: string): Promise<Hit> => {
      const r = await cli(['--db', db, 'screen', '--format', 'json', '--as-of', asOf, name]);
      assert.equal(r.code, 0, r.stderr);
      const hit = (JSON.parse(r.stdout) as { results: { hits: Hit[] }[] }).results[0]!.hits[0];
      assert.ok(hit, `a hit for ${name}`);
      return hit;
    };

    it('reports an offshoot of a listed group as listed, with the chain and its evidence', async () => {
      const hit = await top('Northern Example Front', '2023-01-01');
      assert.equal(hit.entity.name, 'Northern Example Front');
      assert.equal(hit.listed, true);
      assert.deepEqual(hit.listings, []);
      assert.deepEqual(hit.via?.map((s) => [s.predicate, s.entity.name]), [['offshoot_of', 'Example Liberation Army']]);
      assert.equal(hit.via?.[0]?.evidence?.start, 0);
      assert.deepEqual(hit.via?.[0]?.listings?.map((l) => [l.jurisdiction, l.since]), [['PK', '2019-03-01']]);
    });

    it('follows a chain of two steps, and not before the parent was listed', async () => {
      const hit = await top('Example Welfare Trust', '2023-01-01');
      assert.deepEqual(hit.via?.map((s) => s.entity.name), ['Northern Example Front', 'Example Liberation Army']);
      const early = await top('Example Welfare Trust', '2018-01-01');
      assert.equal(early.listed, false);
      assert.equal(early.via, undefined);
    });

    it('ends on a lineage cycle with nothing listed', async () => {
      const hit = await top('Circular Alpha Brigade', '2023-01-01');
      assert.equal(hit.listed, false);
    });
  });
}
