import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import type { Repository } from '../../src/store/repository.js';
import { Screener } from '../../src/screen/screener.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

interface Seeded {
  listed: number;
  variant: number;
  person: number;
  variantFact: number;
}

/** A listed group, a spelling variant from the news with an accepted lineage fact of its own, and a person. */
async function seed(repo: Repository): Promise<Seeded> {
  return repo.transaction(async (tx) => {
    const listed = await tx.createEntity('organisation', 'Jaish-e-Nasr', ['test:1']);
    await tx.addName(listed.id, { text: 'Jaish-e-Nasr', type: 'primary' });
    const ban = await tx.addFact({ subjectId: listed.id, predicate: 'proscribed', date: '2019-03-01', qualifiers: { jurisdiction: 'PK' }, extractor: 'test', confidence: 1 });
    await tx.decide({ factId: ban.id, verdict: 'accepted', by: 'analyst' });
    const variant = await tx.createEntity('organisation', 'Jaish al-Nasr');
    await tx.addName(variant.id, { text: 'Jaish al-Nasr', type: 'spelling' });
    const parent = await tx.createEntity('organisation', 'Harakat Example');
    const lineage = await tx.addFact({ subjectId: variant.id, predicate: 'offshoot_of', objectId: parent.id, extractor: 'test', confidence: 0.7 });
    await tx.decide({ factId: lineage.id, verdict: 'accepted', by: 'analyst' });
    const person = await tx.createEntity('person', 'Abu Example');
    return { listed: listed.id, variant: variant.id, person: person.id, variantFact: lineage.id };
  });
}

for (const backend of testBackends()) {
  describe(`entity merge and split on ${backend.name}`, { skip: backend.skip }, () => {
    let db: string;
    let ids: Seeded;
    beforeEach(async () => {
      db = await backend.create();
      const repo = await openStore(db);
      try {
        ids = await seed(repo);
      } finally {
        await repo.close();
      }
    });
    after(() => backend.cleanup());

    const withRepo = async <T>(work: (repo: Repository) => Promise<T>): Promise<T> => {
      const repo = await openStore(db);
      try {
        return await work(repo);
      } finally {
        await repo.close();
      }
    };

    it('folds a variant into the registry entity: names, facts and refs follow, and screening finds it', async () => {
      const merged = await cli(['--db', db, 'entity', 'merge', String(ids.listed), String(ids.variant), '--by', 'analyst', '--note', 'same group', '--format', 'json']);
      assert.equal(merged.code, 0, merged.stderr);
      await withRepo(async (repo) => {
        assert.deepEqual((await repo.namesOf(ids.listed)).map((n) => n.text).sort(), ['Jaish al-Nasr', 'Jaish-e-Nasr']);
        assert.equal((await repo.getEntity(ids.variant))?.id, ids.listed, 'the variant id reads as the kept entity');
        const facts = await repo.listFacts({ subjectId: ids.listed });
        assert.ok(facts.some((f) => f.id === ids.variantFact && f.subjectId === ids.listed), 'the variant\'s fact is the kept entity\'s now');
        assert.equal(await repo.resolveEntityId(ids.variant), ids.listed);
        const screener = await Screener.load(repo);
        const hit = screener.screen('Jaish al Nasr', { asOf: '2020-01-01' }).hits[0];
        assert.equal(hit?.entity.id, ids.listed);
        assert.equal(hit?.listed, true);
      });
      const show = JSON.parse((await cli(['--db', db, 'entity', 'show', String(ids.variant), '--format', 'json'])).stdout) as {
        entity: { id: number }; mergedInto: { id: number } | null; merges: { entityId: number }[]; lineage: { parents: { entity: { name: string } }[] };
      };
      assert.equal(show.entity.id, ids.listed);
      assert.equal(show.mergedInto?.id, ids.listed);
      assert.deepEqual(show.merges.map((m) => m.entityId), [ids.variant]);
      assert.deepEqual(show.lineage.parents.map((p) => p.entity.name), ['Harakat Example']);
    });

    it('splits a merge back exactly, keeping the merge in the history', async () => {
      const before = await withRepo(async (repo) => ({ names: await repo.namesOf(ids.listed), facts: await repo.listFacts({ entityId: ids.listed }) }));
      assert.equal((await cli(['--db', db, 'entity', 'merge', String(ids.listed), String(ids.variant), '--by', 'a'])).code, 0);
      const split = await cli(['--db', db, 'entity', 'split', String(ids.variant), '--by', 'b', '--note', 'different group after all']);
      assert.equal(split.code, 0, split.stderr);
      await withRepo(async (repo) => {
        assert.deepEqual(await repo.namesOf(ids.listed), before.names);
        assert.deepEqual(await repo.listFacts({ entityId: ids.listed }), before.facts);
        assert.equal((await repo.getEntity(ids.variant))?.name, 'Jaish al-Nasr');
        const history = await repo.merges(ids.variant);
        assert.equal(history.length, 1);
        assert.equal(history[0]?.undoneBy, 'b');
        assert.equal(history[0]?.undoNote, 'different group after all');
      });
    });

    it('follows chains and refuses cycles, kinds that differ, unknown ids and double merges, writing nothing', async () => {
      const third = await withRepo(async (repo) => (await repo.createEntity('organisation', 'Third Name')).id);
      assert.equal((await cli(['--db', db, 'entity', 'merge', String(ids.variant), String(third), '--by', 'a'])).code, 0);
      assert.equal((await cli(['--db', db, 'entity', 'merge', String(ids.listed), String(ids.variant), '--by', 'a'])).code, 0);
      await withRepo(async (repo) => assert.equal(await repo.resolveEntityId(third), ids.listed, 'a chain reads as its end'));
      const merges = async () => withRepo((repo) => repo.merges());
      const count = (await merges()).length;
      const refused: [string[], RegExp][] = [
        [[String(third), String(ids.listed)], /fold it into itself/],
        [[String(ids.listed), String(ids.person)], /already merged|cannot merge person/],
        [[String(ids.person), String(ids.listed)], /cannot merge/],
        [[String(ids.listed), '999999'], /no entity with id 999999/],
        [[String(ids.listed), 'x'], /not an entity id/],
        [[String(ids.listed), String(ids.variant)], /already merged/],
      ];
      for (const [args, message] of refused) {
        const r = await cli(['--db', db, 'entity', 'merge', ...args, '--by', 'a']);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, message);
      }
      // A call folding two entities where the second is refused folds neither.
      const other = await withRepo(async (repo) => (await repo.createEntity('organisation', 'Fourth Name')).id);
      const partial = await cli(['--db', db, 'entity', 'merge', String(ids.listed), String(other), String(ids.person), '--by', 'a']);
      assert.equal(partial.code, 2);
      assert.equal((await merges()).length, count, 'nothing written');
      const notMerged = await cli(['--db', db, 'entity', 'split', String(ids.listed), '--by', 'a']);
      assert.equal(notMerged.code, 2);
      assert.match(notMerged.stderr, /not merged/);
    });

    it('shows an unknown entity as not found', async () => {
      const r = await cli(['--db', db, 'entity', 'show', '424242']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no entity with id 424242/);
    });
  });
}
