import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Repository } from '../../src/store/repository.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { withRepo } from '../support/repo.js';

const V1 = 'test/fixtures/lists/example-schedule.csv';
const V2 = 'test/fixtures/lists/example-schedule-v2.csv';
const HEADER = 'name,aliases,listed_on,delisted_on,law,authority,jurisdiction,notes,source_url,source_retrieved';

interface ListingsJson {
  lists: { id: string }[];
  organisations: { entity: { id: number; name: string }; listings: { list: string | null; measure: string; since: string | null; sinceAsStated: string | null }[] }[];
}

for (const backend of testBackends()) {
  describe(`list CSV import (import schedule) on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    const run = async (db: string, args: string[]) => {
      const r = await cli(['--db', db, ...args]);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      return r;
    };
    const listed = async (db: string, args: string[]): Promise<ListingsJson> => JSON.parse((await run(db, ['list', ...args, '--format', 'json'])).stdout) as ListingsJson;
    const names = async (db: string, args: string[]) => (await listed(db, args)).organisations.map((o) => o.entity.name);

    it('stores each row as an accepted ban (and lifting) of its list, with the row as evidence; two rows of one name are two periods', async () => {
      const db = await backend.create();
      const r = JSON.parse((await run(db, ['import', 'schedule', V1, '--list', 'xx-example', '--title', 'Example schedule', '--format', 'json'])).stdout) as {
        list: string; rows: number; entries: number; added: string[];
      };
      assert.equal(r.list, 'xx-example');
      assert.equal(r.rows, 5);
      assert.equal(r.entries, 4);
      assert.equal(r.added.length, 4);

      assert.deepEqual(await names(db, ['--list', 'xx-example', '--as-of', '2021-06-01']), ['Example Brigade', 'Example Liberation Army', 'Example Movement of Justice', 'Example Welfare Trust']);
      assert.deepEqual(await names(db, ['--list', 'xx-example', '--as-of', '2021-12-01']), ['Example Brigade', 'Example Liberation Army', 'Example Welfare Trust'], 'lifted on 2021-11-07');
      assert.ok((await names(db, ['--list', 'xx-example', '--as-of', '2025-11-01'])).includes('Example Movement of Justice'), 'banned again from 2025-10-24');
      assert.deepEqual(await names(db, ['--list', 'xx-example', '--as-of', '2015-06-01']), ['Example Brigade', 'Example Liberation Army'], 'a ban "in 2016" counts from 2016-01-01; an undated one always');
      const emj = (await listed(db, ['--jurisdiction', 'PK', '--as-of', '2025-11-01'])).organisations.find((o) => o.entity.name === 'Example Movement of Justice')!;
      assert.deepEqual(emj.listings.map((l) => [l.list, l.measure, l.since]), [['xx-example', 'ban', '2025-10-24']], 'a jurisdiction\'s listing names its list');

      await withRepo(db, async (repo) => {
        const ela = await repo.findEntityByRef('xx-example:example-liberation-army');
        assert.ok(ela);
        assert.deepEqual((await repo.namesOf(ela.id)).map((n) => [n.text, n.type]), [['Example Liberation Army', 'primary'], ['ELA', 'acronym'], ['Example Freedom Army', 'alias']]);
        const [ban] = await repo.listFacts({ subjectId: ela.id, predicate: 'proscribed' });
        assert.equal(ban?.status, 'accepted');
        assert.equal(ban?.date, '2012-03-10');
        assert.equal(ban?.qualifiers.list, 'xx-example');
        assert.equal(ban?.qualifiers.jurisdiction, 'PK');
        assert.equal(ban?.qualifiers.law, 'Example Act 1997, First Schedule');
        assert.equal(ban?.qualifiers.authority, 'Ministry of Example');
        assert.equal(ban?.evidence[0]?.source, 'https://example.org/notification-1');
        assert.equal(ban?.evidence[0]?.quote, 'Notified 2012-03-10.');
        assert.equal(ban?.qualifiers.list_row, 'example-schedule.csv:2');
        const list = await repo.getList('xx-example');
        assert.deepEqual([list?.title, list?.jurisdiction, list?.measure, list?.format], ['Example schedule', 'PK', 'ban', 'schedule']);
      });
    });

    it('changes nothing when the same file is imported again', async () => {
      const db = await backend.create();
      await run(db, ['import', 'schedule', V1, '--list', 'xx-example']);
      const before = await withRepo(db, (repo) => repo.counts());
      const again = JSON.parse((await run(db, ['import', 'schedule', V1, '--list', 'xx-example', '--format', 'json'])).stdout) as { unchanged: boolean };
      assert.equal(again.unchanged, true);
      assert.deepEqual(await withRepo(db, (repo) => repo.counts()), before);
    });

    it('records what a newer version adds, removes, delists and corrects, keeping the old facts as superseded', async () => {
      const db = await backend.create();
      await run(db, ['import', 'schedule', V1, '--list', 'xx-example', '--published-on', '2026-01-01']);
      const v2 = JSON.parse((await run(db, ['import', 'schedule', V2, '--list', 'xx-example', '--format', 'json'])).stdout) as {
        publishedOn: string; added: string[]; removed: string[]; delisted: string[]; relisted: string[]; corrected: { name: string; from: string; to: string }[]; namesAdded: number;
      };
      assert.equal(v2.publishedOn, '2026-06-01', 'the version is dated by its rows\' source_retrieved');
      assert.deepEqual(v2.added, ['New Example Front']);
      assert.deepEqual(v2.removed, ['Example Welfare Trust'], 'missing from the newer version');
      assert.deepEqual(v2.delisted, ['Example Brigade']);
      assert.deepEqual(v2.relisted, []);
      assert.deepEqual(v2.corrected.map((c) => [c.name, c.from, c.to]), [['Example Liberation Army', '2012-03-10', '2012-03-09']]);
      assert.equal(v2.namesAdded, 1 + 2, 'Army of Example, and the new group\'s names');

      assert.deepEqual(await names(db, ['--list', 'xx-example', '--as-of', '2026-07-01']), ['Example Liberation Army', 'Example Movement of Justice', 'New Example Front']);
      assert.ok((await names(db, ['--list', 'xx-example', '--as-of', '2026-05-01'])).includes('Example Welfare Trust'), 'removed only from the version\'s date');
      const ela = (await listed(db, ['--list', 'xx-example', '--as-of', '2026-07-01'])).organisations.find((o) => o.entity.name === 'Example Liberation Army')!;
      assert.equal(ela.listings[0]?.since, '2012-03-09');
      await withRepo(db, async (repo) => {
        const e = await repo.findEntityByRef('xx-example:example-liberation-army');
        const bans = await repo.listFacts({ subjectId: e!.id, predicate: 'proscribed' });
        assert.deepEqual(bans.map((f) => [f.date, f.status]), [['2012-03-10', 'rejected'], ['2012-03-09', 'accepted']]);
        const [decision] = (await repo.decisionsOf(bans[0]!.id)).slice(-1);
        assert.match(decision?.note ?? '', /superseded by list xx-example, example-schedule-v2\.csv .* line 2 gives 2012-03-09/);
      });

      const changes = JSON.parse((await run(db, ['list', 'changes', '--list', 'xx-example', '--from', '2021-01-01', '--to', '2026-12-31', '--format', 'json'])).stdout) as {
        changes: { day: string; change: string; entity: { name: string } }[]; undated: number; perYear: { year: number; added: number; removed: number; relisted: number }[];
      };
      assert.deepEqual(changes.changes.map((c) => [c.day, c.change, c.entity.name]), [
        ['2021-04-15', 'added', 'Example Movement of Justice'],
        ['2021-11-07', 'removed', 'Example Movement of Justice'],
        ['2025-10-24', 'relisted', 'Example Movement of Justice'],
        ['2026-05-02', 'removed', 'Example Brigade'],
        ['2026-05-20', 'added', 'New Example Front'],
        ['2026-06-01', 'removed', 'Example Welfare Trust'],
      ]);
      assert.equal(changes.undated, 1, 'Example Brigade has no listing date');
      assert.deepEqual(changes.perYear.find((y) => y.year === 2026), { year: 2026, added: 1, relisted: 0, removed: 2 });
    });

    it('refuses an older version than the last one imported', async () => {
      const db = await backend.create();
      await run(db, ['import', 'schedule', V2, '--list', 'xx-example']);
      const r = await cli(['--db', db, 'import', 'schedule', V1, '--list', 'xx-example', '--published-on', '2026-01-01']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /older than the last imported one \(2026-06-01\)/);
    });

    it('refuses a bad row naming the file, line and field, and writes nothing', async () => {
      const db = await backend.create();
      const dir = mkdtempSync(join(tmpdir(), 'proscribe-schedule-'));
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, `${HEADER}\nFine Group,,2020-01-01,,,,PK,,,\nBroken Group,,2020-31-01,,,,PK,,,\n`);
      const r = await cli(['--db', db, 'import', 'schedule', bad, '--list', 'xx-example']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /bad\.csv, line 3, field "listed_on": "2020-31-01" is not a date/);
      assert.deepEqual(await withRepo(db, (repo) => repo.counts()), { documents: 0, entities: 0, names: 0, facts: 0, evidence: 0, decisions: 0 });
      assert.deepEqual(await withRepo(db, (repo) => repo.lists()), []);
    });

    it('names the list after the file, knows the bundled lists, and keeps lists apart', async () => {
      const db = await backend.create();
      const dir = mkdtempSync(join(tmpdir(), 'proscribe-schedule-'));
      copyFileSync(V1, join(dir, 'pk-nacta-first-schedule.csv'));
      copyFileSync(V1, join(dir, 'my-bank-list.csv'));
      const nacta = JSON.parse((await run(db, ['import', 'schedule', join(dir, 'pk-nacta-first-schedule.csv'), '--format', 'json'])).stdout) as { list: string };
      assert.equal(nacta.list, 'pk-nacta');
      const own = JSON.parse((await run(db, ['import', 'schedule', join(dir, 'my-bank-list.csv'), '--measure', 'watch', '--format', 'json'])).stdout) as { list: string };
      assert.equal(own.list, 'my-bank-list');
      const lists = JSON.parse((await run(db, ['lists', '--format', 'json', '--as-of', '2022-01-01'])).stdout) as {
        lists: { list: { id: string; title: string; measure: string; sourceUrl: string | null }; entries: number; inForce: number; imports: number }[];
      };
      assert.deepEqual(lists.lists.map((l) => [l.list.id, l.list.measure, l.entries, l.inForce, l.imports]), [['my-bank-list', 'watch', 4, 3, 1], ['pk-nacta', 'ban', 4, 3, 1]]);
      assert.equal(lists.lists[1]!.list.sourceUrl, 'https://nacta.gov.pk/proscribed-organizations/');
      // PK's bans by default; the watch list is named as left out.
      const pk = await listed(db, ['--jurisdiction', 'PK', '--as-of', '2022-01-01']);
      assert.deepEqual(pk.lists.map((l) => l.id), ['pk-nacta']);
      assert.ok(pk.organisations.every((o) => o.listings.every((l) => l.list === 'pk-nacta')));
      const all = await listed(db, ['--jurisdiction', 'PK', '--as-of', '2022-01-01', '--measure', 'all']);
      assert.deepEqual(all.lists.map((l) => l.id), ['my-bank-list', 'pk-nacta']);
      const mismatch = await cli(['--db', db, 'import', 'schedule', join(dir, 'my-bank-list.csv'), '--list', 'pk-nacta', '--measure', 'sanctions']);
      assert.equal(mismatch.code, 2);
      assert.match(mismatch.stderr, /list pk-nacta is a ban list, not sanctions/);
    });

    it('takes the kinds of rows that are not organisations from a kinds file', async () => {
      const db = await backend.create();
      const dir = mkdtempSync(join(tmpdir(), 'proscribe-schedule-'));
      const csv = join(dir, 'ca-people.csv');
      writeFileSync(csv, `${HEADER}\nJohn Example,John Q. Example,2021-06-25,,,,CA,Individual.,,\nExample Front,,2021-06-25,,,,CA,,,\n`);
      const kinds = join(dir, 'kinds.csv');
      writeFileSync(kinds, 'list,name,kind\nca-people,John Example,person\nother-list,Example Front,person\n');
      await run(db, ['import', 'schedule', csv, '--kinds', kinds]);
      const people = await names(db, ['--list', 'ca-people', '--kinds', 'person', '--as-of', '2022-01-01']);
      assert.deepEqual(people, ['John Example']);
    });
  });
}
