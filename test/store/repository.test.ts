import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { InputError } from '../../src/errors.js';
import { listingsAsOf } from '../../src/registry/registry.js';
import { openStore } from '../../src/store/open.js';
import type { Repository } from '../../src/store/repository.js';
import { testBackends } from '../support/backends.js';

for (const backend of testBackends()) {
  describe(`repository on ${backend.name}`, { skip: backend.skip }, () => {
    let repo: Repository;
    beforeEach(async () => {
      repo = await openStore(await backend.create());
    });
    afterEach(async () => {
      await repo.close();
    });
    after(() => backend.cleanup());

    it('stores a document once per hash and finds it again', async () => {
      const doc = await repo.insertDocument({ sha256: 'abc', date: '2020-08-19', text: 'Some text.', url: 'https://example.org/a' });
      assert.equal((await repo.findDocumentBySha('abc'))?.id, doc.id);
      assert.equal((await repo.getDocument(doc.id))?.url, 'https://example.org/a');
      await assert.rejects(repo.insertDocument({ sha256: 'abc', date: '2020-08-19', text: 'Other' }));
      assert.equal((await repo.counts()).documents, 1);
    });

    it('keeps entities with external refs and names', async () => {
      const e = await repo.createEntity('organisation', 'Example Front', ['un:QDe.999']);
      await repo.addName(e.id, { text: 'Example Front', type: 'primary' });
      await repo.addName(e.id, { text: 'EF', type: 'acronym' });
      assert.deepEqual((await repo.findEntityByRef('un:QDe.999'))?.refs, ['un:QDe.999']);
      assert.deepEqual((await repo.namesOf(e.id)).map((n) => [n.text, n.type]), [['Example Front', 'primary'], ['EF', 'acronym']]);
      const pages = [];
      for await (const page of repo.allNames({ pageSize: 1 })) pages.push(page);
      assert.equal(pages.length, 2);
      await assert.rejects(repo.createEntity('organisation', 'Dup', ['un:QDe.999']));
    });

    it('gives screening only the registry: entities with an accepted fact, without names of unaccepted facts', async () => {
      const listed = await repo.createEntity('organisation', 'Listed Group');
      const proposed = await repo.createEntity('organisation', 'Proposed Group');
      await repo.addName(listed.id, { text: 'Listed Group', type: 'primary' });
      await repo.addName(proposed.id, { text: 'Proposed Group', type: 'primary' });
      const ban = await repo.addFact({ subjectId: listed.id, predicate: 'proscribed', extractor: 't', confidence: 1 });
      await repo.decide({ factId: ban.id, verdict: 'accepted', by: 't' });
      await repo.addFact({ subjectId: proposed.id, predicate: 'proscribed', extractor: 't', confidence: 1 });
      const spelling = await repo.addFact({ subjectId: listed.id, predicate: 'alias', objectLiteral: 'Listed Grup', extractor: 't', confidence: 0.6 });
      await repo.addName(listed.id, { text: 'Listed Grup', type: 'spelling', factId: spelling.id });
      const names = async (registryOnly: boolean) => {
        const out: string[] = [];
        for await (const page of repo.allNames({ registryOnly })) out.push(...page.map((n) => `${n.text}/${n.kind}`));
        return out.sort();
      };
      assert.deepEqual(await names(false), ['Listed Group/organisation', 'Listed Grup/organisation', 'Proposed Group/organisation']);
      assert.deepEqual(await names(true), ['Listed Group/organisation']);
      await repo.decide({ factId: spelling.id, verdict: 'accepted', by: 't' });
      assert.deepEqual(await names(true), ['Listed Group/organisation', 'Listed Grup/organisation']);
    });

    it('records facts with evidence, and decisions as history without editing the fact', async () => {
      const doc = await repo.insertDocument({ sha256: 'd1', date: '2020-08-19', text: 'X was banned.' });
      const x = await repo.createEntity('organisation', 'X');
      const fact = await repo.addFact({
        subjectId: x.id, predicate: 'proscribed', date: '2016-12',
        qualifiers: { jurisdiction: 'PK', authority: 'Ministry of Interior' },
        evidence: { documentId: doc.id, start: 0, end: 13, attribution: 'notification' },
        extractor: 'test', confidence: 0.9,
      });
      assert.equal(fact.status, 'proposed');
      assert.deepEqual(fact.evidence, [{ documentId: doc.id, start: 0, end: 13, attribution: 'notification', source: null }]);
      assert.equal(fact.qualifiers.authority, 'Ministry of Interior');

      await repo.decide({ factId: fact.id, verdict: 'accepted', by: 'analyst-a', note: 'matches the gazette' });
      assert.equal((await repo.getFact(fact.id))?.status, 'accepted');
      await repo.decide({ factId: fact.id, verdict: 'rejected', by: 'analyst-b', note: 'wrong group' });
      const now = await repo.getFact(fact.id);
      assert.equal(now?.status, 'rejected');
      assert.equal(now?.decidedBy, 'analyst-b');
      assert.equal(now?.date, '2016-12', 'the fact itself is unchanged');
      assert.deepEqual((await repo.decisionsOf(fact.id)).map((d) => [d.verdict, d.by, d.note]), [
        ['accepted', 'analyst-a', 'matches the gazette'],
        ['rejected', 'analyst-b', 'wrong group'],
      ]);
      assert.equal((await repo.listFacts({ status: 'proposed' })).length, 0);
      assert.equal((await repo.listFacts({ status: 'rejected' })).length, 1);
      assert.equal((await repo.listFacts({ documentId: doc.id })).length, 1);
    });

    it('rejects a malformed fact or decision with the field named', async () => {
      const x = await repo.createEntity('organisation', 'X');
      await assert.rejects(
        repo.addFact({ subjectId: x.id, predicate: 'proscribed', date: '2016-13', extractor: 't', confidence: 1 }),
        (e: unknown) => e instanceof InputError && e.location.field === 'date',
      );
      await assert.rejects(
        repo.addFact({ subjectId: x.id, predicate: 'proscribed', extractor: 't', confidence: 1.5 }),
        (e: unknown) => e instanceof InputError && e.location.field === 'confidence',
      );
      await assert.rejects(repo.decide({ factId: 999, verdict: 'accepted', by: 'a' }), InputError);
      assert.equal((await repo.counts()).facts, 0);
    });

    it('rolls back every write of a failed transaction', async () => {
      const before = await repo.counts();
      await assert.rejects(repo.transaction(async (tx) => {
        const e = await tx.createEntity('organisation', 'Half Written');
        await tx.addName(e.id, { text: 'Half Written', type: 'primary' });
        await tx.insertDocument({ sha256: 'h', date: '2020-01-01', text: 't' });
        throw new Error('fail halfway');
      }), /fail halfway/);
      assert.deepEqual(await repo.counts(), before);
    });

    it('derives listings in time: a ban lifted and re-imposed is two periods', async () => {
      const org = await repo.createEntity('organisation', 'Example Movement');
      const other = await repo.createEntity('organisation', 'Never Accepted');
      const add = async (subjectId: number, predicate: 'proscribed' | 'delisted', date: string, verdict?: 'accepted' | 'rejected') => {
        const f = await repo.addFact({ subjectId, predicate, date, qualifiers: { jurisdiction: 'PK' }, extractor: 'test', confidence: 1 });
        if (verdict) await repo.decide({ factId: f.id, verdict, by: 'test' });
        return f;
      };
      await add(org.id, 'proscribed', '2021-04-15', 'accepted');
      await add(org.id, 'delisted', '2021-11', 'accepted');
      await add(org.id, 'proscribed', '2025-10-24', 'accepted');
      await add(other.id, 'proscribed', '2019-01-01', 'rejected');
      await add(other.id, 'proscribed', '2019-01-02');
      const on = async (day: string) => (await listingsAsOf(repo, { jurisdiction: 'PK', asOf: day })).listed.map((l) => l.entity.name);
      assert.deepEqual(await on('2021-04-14'), []);
      assert.deepEqual(await on('2021-06-01'), ['Example Movement']);
      assert.deepEqual(await on('2021-11-15'), ['Example Movement'], 'a lifting "in November" is only certain after November');
      assert.deepEqual(await on('2022-01-01'), []);
      assert.deepEqual(await on('2025-11-01'), ['Example Movement']);
      assert.deepEqual((await listingsAsOf(repo, { jurisdiction: 'GB', asOf: '2025-11-01' })).listed, []);
      const [listing] = (await listingsAsOf(repo, { jurisdiction: 'PK', asOf: '2025-11-01' })).listed;
      assert.equal(listing?.listings[0]?.since, '2025-10-24');
      assert.equal(listing?.listings[0]?.list, null, 'a ban with no list is a reported ban');
    });
  });
}
