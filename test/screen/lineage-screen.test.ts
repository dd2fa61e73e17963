import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApi } from '../../src/api/server.js';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

interface Hit {
  entity: { id: number; name: string };
  status: string;
  listed: boolean;
  linked_since?: string | null;
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
        const late = await make('Late Example Faction');
        const loopA = await make('Circular Alpha Brigade');
        const loopB = await make('Circular Beta Brigade');
        await accept(await repo.addFact({ subjectId: parent.id, predicate: 'proscribed', date: '2019-03', qualifiers: { jurisdiction: 'PK' }, extractor: 't', confidence: 1 }));
        await accept(await repo.addFact({
          subjectId: child.id, predicate: 'offshoot_of', objectId: parent.id, extractor: 't', confidence: 0.8,
          evidence: { documentId: doc.id, start: 0, end: 86, attribution: 'officials' },
        }));
        await accept(await repo.addFact({ subjectId: grandchild.id, predicate: 'front_for', objectId: child.id, extractor: 't', confidence: 0.7 }));
        // Split off in mid-2021: not flagged through its parent before it existed.
        await accept(await repo.addFact({ subjectId: late.id, predicate: 'offshoot_of', objectId: parent.id, date: '2021-06', extractor: 't', confidence: 0.7 }));
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

    it('flags an offshoot of a listed group as linked, never as listed itself, with the chain and its evidence', async () => {
      const hit = await top('Northern Example Front', '2023-01-01');
      assert.equal(hit.entity.name, 'Northern Example Front');
      assert.equal(hit.status, 'linked');
      assert.equal(hit.listed, false, 'an offshoot is not proscribed itself');
      assert.equal(hit.linked_since, '2019-03-01', 'flagged from the parent\'s ban');
      assert.deepEqual(hit.listings, []);
      assert.deepEqual(hit.via?.map((s) => [s.predicate, s.entity.name]), [['offshoot_of', 'Example Liberation Army']]);
      assert.equal(hit.via?.[0]?.evidence?.start, 0);
      assert.deepEqual(hit.via?.[0]?.listings?.map((l) => [l.jurisdiction, l.since]), [['PK', '2019-03-01']]);
    });

    it('follows a chain of two steps, and not before the parent was listed', async () => {
      const hit = await top('Example Welfare Trust', '2023-01-01');
      assert.deepEqual(hit.via?.map((s) => s.entity.name), ['Northern Example Front', 'Example Liberation Army']);
      const early = await top('Example Welfare Trust', '2018-01-01');
      assert.equal(early.status, 'not-listed');
      assert.equal(early.via, undefined);
    });

    it('does not flag an offshoot before the link began, and never before the parent\'s ban', async () => {
      assert.equal((await top('Late Example Faction', '2021-05-15')).status, 'not-listed', 'the split was in June 2021');
      const hit = await top('Late Example Faction', '2021-07-01');
      assert.equal(hit.status, 'linked');
      assert.equal(hit.linked_since, '2021-06-01');
    });

    it('says the same in screen, entity show, list and the API', async () => {
      const repo = await openStore(db);
      const app = await buildApi({ repo, workers: 1, uiDir: null, screenerTtlMs: 0 });
      try {
        for (const asOf of ['2018-01-01', '2021-05-15', '2023-01-01']) {
          const listed = JSON.parse((await cli(['--db', db, 'list', '--jurisdiction', 'PK', '--as-of', asOf, '--format', 'json'])).stdout) as {
            organisations: { entity: { id: number } }[]; linked: { entity: { id: number }; since: string | null }[];
          };
          const api = (await app.inject({ method: 'GET', url: `/listings?jurisdiction=PK&asOf=${asOf}` })).json<typeof listed>();
          assert.deepEqual(api, listed, `GET /listings is list --format json (${asOf})`);
          for (const name of ['Example Liberation Army', 'Northern Example Front', 'Example Welfare Trust', 'Late Example Faction', 'Circular Alpha Brigade']) {
            const hit = await top(name, asOf);
            const shown = JSON.parse((await cli(['--db', db, 'entity', 'show', String(hit.entity.id), '--as-of', asOf, '--format', 'json'])).stdout) as { status: string; listed: boolean };
            const profile = (await app.inject({ method: 'GET', url: `/entities/${hit.entity.id}?asOf=${asOf}` })).json<{ status: string }>();
            const screened = (await app.inject({ method: 'POST', url: '/screen', payload: { name, asOf } })).json<{ results: { hits: Hit[] }[] }>().results[0]!.hits[0]!;
            const inList = listed.organisations.some((o) => o.entity.id === hit.entity.id) ? 'listed' : listed.linked.some((o) => o.entity.id === hit.entity.id) ? 'linked' : 'not-listed';
            const where = `${name} on ${asOf}`;
            assert.equal(shown.status, hit.status, `entity show agrees with screen: ${where}`);
            assert.equal(profile.status, hit.status, `GET /entities agrees: ${where}`);
            assert.equal(screened.status, hit.status, `POST /screen agrees: ${where}`);
            assert.equal(inList, hit.status, `list agrees: ${where}`);
            assert.equal(shown.listed, hit.status === 'listed');
          }
        }
      } finally {
        await app.close();
        await repo.close();
      }
    });

    it('ends on a lineage cycle with nothing listed', async () => {
      const hit = await top('Circular Alpha Brigade', '2023-01-01');
      assert.equal(hit.status, 'not-listed');
    });
  });
}
