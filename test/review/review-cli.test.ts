import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

for (const backend of testBackends()) {
  describe(`proscribe review on ${backend.name}`, { skip: backend.skip }, () => {
    let db: string;
    let factIds: number[];
    beforeEach(async () => {
      db = await backend.create();
      const repo = await openStore(db);
      try {
        const doc = await repo.insertDocument({ sha256: 'r1', date: '2020-08-19', text: 'The Example Front was banned on Wednesday.' });
        const org = await repo.createEntity('organisation', 'Example Front');
        const f1 = await repo.addFact({
          subjectId: org.id, predicate: 'proscribed', date: '2020-08-19', qualifiers: { jurisdiction: 'PK' },
          evidence: { documentId: doc.id, start: 0, end: 41, attribution: 'notification' }, extractor: 'rule:test', confidence: 0.9,
        });
        const f2 = await repo.addFact({ subjectId: org.id, predicate: 'based_in', objectLiteral: 'Example Province', extractor: 'rule:test', confidence: 0.5 });
        factIds = [f1.id, f2.id];
      } finally {
        await repo.close();
      }
    });
    after(() => backend.cleanup());

    const decisions = async () => {
      const repo = await openStore(db);
      try {
        return (await repo.counts()).decisions;
      } finally {
        await repo.close();
      }
    };

    it('lists proposals, accepts one and rejects one with a note, recording who decided', async () => {
      const listed = await cli(['--db', db, 'review', 'list', '--format', 'json']);
      assert.equal(listed.code, 0, listed.stderr);
      assert.deepEqual((JSON.parse(listed.stdout) as { facts: { id: number }[] }).facts.map((f) => f.id), factIds);

      const acc = await cli(['--db', db, 'review', 'accept', String(factIds[0]), '--by', 'analyst-1', '--note', 'gazette checked', '--format', 'json']);
      assert.equal(acc.code, 0, acc.stderr);
      const rej = await cli(['--db', db, 'review', 'reject', String(factIds[1]), '--note', 'wrong province'], { env: { PROSCRIBE_USER: 'analyst-2' } });
      assert.equal(rej.code, 0, rej.stderr);
      assert.match(rej.stdout, /rejected by analyst-2/);

      const accepted = JSON.parse((await cli(['--db', db, 'review', 'list', '--status', 'accepted', '--format', 'json'])).stdout) as { facts: { id: number; decidedBy: string }[] };
      assert.deepEqual(accepted.facts.map((f) => [f.id, f.decidedBy]), [[factIds[0], 'analyst-1']]);
      const listing = JSON.parse((await cli(['--db', db, 'list', '--jurisdiction', 'PK', '--as-of', '2020-09-01', '--format', 'json'])).stdout) as { organisations: unknown[] };
      assert.equal(listing.organisations.length, 1);
      const text = await cli(['--db', db, 'review', 'list']);
      assert.match(text.stdout, /^0 proposed facts/);
    });

    it('refuses a rejection without a note, an unknown id or a bad status, deciding nothing', async () => {
      const noNote = await cli(['--db', db, 'review', 'reject', String(factIds[0])]);
      assert.equal(noNote.code, 2);
      assert.match(noNote.stderr, /field "note"/);
      const unknown = await cli(['--db', db, 'review', 'accept', String(factIds[0]), '99999', '--by', 'a']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /no fact with id 99999/);
      assert.equal(await decisions(), 0, 'the valid id in the same call was not decided either');
      assert.equal((await cli(['--db', db, 'review', 'accept', 'abc'])).code, 2);
      assert.equal((await cli(['--db', db, 'review', 'list', '--status', 'maybe'])).code, 2);
    });
  });
}
