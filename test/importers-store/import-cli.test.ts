import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

const FIX = 'test/fixtures/importers';

for (const backend of testBackends()) {
  describe(`proscribe import on ${backend.name}`, { skip: backend.skip }, () => {
    let db: string;
    before(async () => {
      db = await backend.create();
      const r = await cli(['--db', db, 'import', 'ofac-sdn-csv', `${FIX}/ofac-sdn-small.csv`, '--published-on', '2024-05-01', '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
    });
    after(() => backend.cleanup());

    const counts = async () => {
      const repo = await openStore(db);
      try {
        return await repo.counts();
      } finally {
        await repo.close();
      }
    };

    const bad: [string, string, RegExp][] = [
      ['un-xml', `${FIX}/un-bad-date.xml`, /un-bad-date\.xml, line \d+, field "[^"]*LISTED_ON[^"]*"/],
      ['un-xml', `${FIX}/un-missing-ref.xml`, /un-missing-ref\.xml, line \d+, field "[^"]*REFERENCE_NUMBER[^"]*"/],
      ['un-xml', `${FIX}/un-truncated.xml`, /un-truncated\.xml/],
      ['ofac-sdn-csv', `${FIX}/ofac-bad-columns.csv`, /ofac-bad-columns\.csv, line \d+/],
      ['ofac-sdn-csv', `${FIX}/ofac-bad-entnum.csv`, /ofac-bad-entnum\.csv, line \d+, field "ent_num"/],
      ['ofac-sdn-csv', `${FIX}/does-not-exist.csv`, /does-not-exist\.csv: cannot read: ENOENT/],
      ['frobnicate-list', `${FIX}/un-small.xml`, /unknown list format "frobnicate-list"/],
    ];
    for (const [format, file, message] of bad) {
      it(`rejects ${file.split('/').pop()} as ${format} with exit 2, naming the record, and writes nothing`, async () => {
        const before = await counts();
        const r = await cli(['--db', db, 'import', format, file]);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, message);
        assert.deepEqual(await counts(), before);
      });
    }

    it('rejects a bad --published-on', async () => {
      const r = await cli(['--db', db, 'import', 'un-xml', `${FIX}/un-small.xml`, '--published-on', '2024-13-01']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /field "published-on"/);
    });
  });
}
