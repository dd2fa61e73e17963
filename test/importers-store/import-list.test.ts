import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { importList, type ImportSource } from '../../src/importers/import-list.js';
import type { ListEntry, ParsedList } from '../../src/importers/types.js';
import type { ListDefinition } from '../../src/lists/catalogue.js';
import { listingsAsOf } from '../../src/registry/registry.js';
import { openStore } from '../../src/store/open.js';
import type { Repository } from '../../src/store/repository.js';
import { testBackends } from '../support/backends.js';

function entry(ref: string, name: string, aliases: string[], listedOn: string | null): ListEntry {
  return {
    ref, kind: 'organisation', primaryName: name, names: aliases.map((text) => ({ text, type: 'alias' as const, quality: 'good' as const })),
    listedOn, jurisdiction: 'UN', authority: 'UN Security Council', programs: ['Al-Qaida'], record: 1,
  };
}

const TEST_LIST: ListDefinition = {
  id: 'tst-list', title: 'Test list', jurisdiction: 'UN', measure: 'sanctions', authority: 'UN Security Council', law: null,
  sourceUrl: null, format: 'un-xml', refPrefix: 'tst', notes: null,
};

function version(publishedOn: string, entries: ListEntry[]): [ParsedList, ImportSource] {
  return [
    { format: 'test', publishedOn, entries },
    { format: 'test', source: 'tst', list: TEST_LIST, sha256: `sha-${publishedOn}-${entries.map((e) => e.ref + e.names.length).join(',')}`, publishedOn, label: `test list ${publishedOn}` },
  ];
}

for (const backend of testBackends()) {
  describe(`list import on ${backend.name}`, { skip: backend.skip }, () => {
    let repo: Repository;
    beforeEach(async () => {
      repo = await openStore(await backend.create());
    });
    afterEach(() => repo.close());
    after(() => backend.cleanup());

    it('stores entries as entities with refs, names and accepted listing facts with the list as evidence', async () => {
      const summary = await importList(repo, ...version('2018-10-29', [
        entry('tst:A.1', 'Example Army', ['Example Brigade', 'EA'], '2005-03-01'),
        entry('tst:A.2', 'Other Front', [], '2010-01-02'),
      ]));
      assert.deepEqual(summary.added, ['tst:A.1', 'tst:A.2']);
      assert.equal(summary.namesAdded, 4);
      const a = await repo.findEntityByRef('tst:A.1');
      assert.ok(a);
      assert.deepEqual((await repo.namesOf(a.id)).map((n) => n.text), ['Example Army', 'Example Brigade', 'EA']);
      const [fact] = await repo.listFacts({ subjectId: a.id });
      assert.equal(fact?.status, 'accepted');
      assert.equal(fact?.date, '2005-03-01');
      assert.equal(fact?.qualifiers.jurisdiction, 'UN');
      assert.match(fact?.evidence[0]?.source ?? '', /test list 2018-10-29/);
      assert.deepEqual((await listingsAsOf(repo, { jurisdiction: 'UN', asOf: '2006-01-01' })).listed.map((l) => l.entity.name), ['Example Army']);
    });

    it('changes nothing when the same version is imported again', async () => {
      await importList(repo, ...version('2018-10-29', [entry('tst:A.1', 'Example Army', [], '2005-03-01')]));
      const before = await repo.counts();
      const again = await importList(repo, ...version('2018-10-29', [entry('tst:A.1', 'Example Army', [], '2005-03-01')]));
      assert.equal(again.unchanged, true);
      assert.deepEqual(await repo.counts(), before);
    });

    it('records what a newer version added, renamed and dropped, and a later re-listing', async () => {
      await importList(repo, ...version('2018-10-29', [
        entry('tst:A.1', 'Example Army', [], '2005-03-01'),
        entry('tst:A.2', 'Other Front', [], '2010-01-02'),
      ]));
      const v2 = await importList(repo, ...version('2026-02-27', [
        entry('tst:A.1', 'Example Army', ['Example Army of the South'], '2005-03-01'),
        entry('tst:A.3', 'New Group', [], '2024-07-07'),
      ]));
      assert.deepEqual(v2.added, ['tst:A.3']);
      assert.deepEqual(v2.delisted, ['tst:A.2']);
      assert.equal(v2.namesAdded, 2);
      const names = (day: string) => listingsAsOf(repo, { jurisdiction: 'UN', asOf: day }).then((ls) => ls.listed.map((l) => l.entity.name));
      assert.deepEqual(await names('2020-01-01'), ['Example Army', 'Other Front']);
      assert.deepEqual(await names('2026-03-01'), ['Example Army', 'New Group']);

      const v3 = await importList(repo, ...version('2026-06-01', [
        entry('tst:A.1', 'Example Army', ['Example Army of the South'], '2005-03-01'),
        entry('tst:A.2', 'Other Front', [], '2010-01-02'),
        entry('tst:A.3', 'New Group', [], '2024-07-07'),
      ]));
      assert.deepEqual(v3.relisted, ['tst:A.2']);
      assert.deepEqual(await names('2026-03-01'), ['Example Army', 'New Group']);
      assert.deepEqual(await names('2026-06-02'), ['Example Army', 'New Group', 'Other Front']);
      assert.equal((await repo.importRuns('tst')).length, 3);
    });

    it('ignores a version imported before and refuses one older than the last, writing nothing', async () => {
      await importList(repo, ...version('2018-10-29', [entry('tst:A.1', 'Example Army', [], '2005-03-01')]));
      await importList(repo, ...version('2026-02-27', [entry('tst:A.2', 'Other Front', [], '2020-01-01')]));
      const before = await repo.counts();
      const again = await importList(repo, ...version('2018-10-29', [entry('tst:A.1', 'Example Army', [], '2005-03-01')]));
      assert.equal(again.unchanged, true);
      await assert.rejects(importList(repo, ...version('2019-05-05', [entry('tst:A.1', 'Example Army', [], '2005-03-01')])), /older than the last imported one \(2026-02-27\)/);
      assert.deepEqual(await repo.counts(), before);
    });

    it('refuses an empty version instead of delisting everything, writing nothing', async () => {
      await importList(repo, ...version('2018-10-29', [entry('tst:A.1', 'Example Army', [], '2005-03-01')]));
      const before = await repo.counts();
      await assert.rejects(importList(repo, ...version('2019-01-01', [])), /has no entries/);
      assert.deepEqual(await repo.counts(), before);
    });
  });
}
