import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

for (const backend of testBackends()) {
  describe(`CSV export on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    it('writes one row per listing period and a row for an offshoot known only through lineage', async () => {
      const db = await backend.create();
      const repo = await openStore(db);
      try {
        await repo.transaction(async (tx) => {
          const accepted = async (f: Parameters<typeof tx.addFact>[0]) => tx.decide({ factId: (await tx.addFact(f)).id, verdict: 'accepted', by: 't' });
          const party = await tx.createEntity('organisation', 'Tehreek-e-Example, "Reformed"');
          await tx.addName(party.id, { text: 'Tehreek-e-Example, "Reformed"', type: 'primary' });
          await tx.addName(party.id, { text: 'TEX', type: 'acronym' });
          const q = { jurisdiction: 'PK', authority: 'Ministry of Interior', law: 'Anti-Terrorism Act, 1997' };
          await accepted({ subjectId: party.id, predicate: 'proscribed', date: '2021-04-15', qualifiers: q, extractor: 't', confidence: 0.9 });
          await accepted({ subjectId: party.id, predicate: 'delisted', date: '2021-11', qualifiers: q, extractor: 't', confidence: 0.9 });
          await accepted({ subjectId: party.id, predicate: 'proscribed', date: '2025-10-24', qualifiers: q, extractor: 't', confidence: 0.9 });
          const wing = await tx.createEntity('organisation', 'Example Youth Wing');
          await accepted({ subjectId: wing.id, predicate: 'offshoot_of', objectId: party.id, extractor: 't', confidence: 0.7 });
          await tx.addFact({ subjectId: (await tx.createEntity('organisation', 'Only Proposed')).id, predicate: 'proscribed', qualifiers: q, extractor: 't', confidence: 0.5 });
        });
      } finally {
        await repo.close();
      }
      const r = await cli(['--db', db, 'export', 'csv', '--as-of', '2022-01-01']);
      assert.equal(r.code, 0, r.stderr);
      const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
      const party = rows.filter((row) => row.name === 'Tehreek-e-Example, "Reformed"');
      assert.deepEqual(party.map((row) => [row.jurisdiction, row.listed_from, row.listed_until, row.in_force]), [
        ['PK', '2021-04-15', '2021-11', 'false'],
        ['PK', '2025-10-24', '', 'false'],
      ]);
      assert.equal(party[0]!.aliases, 'TEX');
      assert.equal(party[0]!.law, 'Anti-Terrorism Act, 1997');
      const wing = rows.find((row) => row.name === 'Example Youth Wing');
      assert.equal(wing?.lineage, 'offshoot_of Tehreek-e-Example, "Reformed"');
      assert.equal(wing?.jurisdiction, '');
      assert.ok(!rows.some((row) => row.name === 'Only Proposed'), 'proposals are not the registry');
      const later = parse((await cli(['--db', db, 'export', 'csv', '--as-of', '2025-11-01'])).stdout, { columns: true }) as Record<string, string>[];
      assert.deepEqual(later.filter((row) => (row.name ?? '').startsWith('Tehreek')).map((row) => row.in_force), ['false', 'true']);
    });
  });
}
