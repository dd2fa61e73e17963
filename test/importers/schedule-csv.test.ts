import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { InputError } from '../../src/errors.js';
import { parseSchedule, scheduleKey } from '../../src/importers/schedule-csv.js';

const FILE = 'test/fixtures/lists/example-schedule.csv';
const HEADER = 'name,aliases,listed_on,delisted_on,law,authority,jurisdiction,notes,source_url,source_retrieved';

function rejects(csv: string, line: number, field: string | undefined, message: RegExp): void {
  assert.throws(() => parseSchedule(csv, 'bad.csv'), (error: unknown) => {
    assert.ok(error instanceof InputError, String(error));
    assert.equal(error.location.file, 'bad.csv');
    assert.equal(error.location.line, line, error.message);
    assert.equal(error.location.field, field, error.message);
    assert.match(error.message, message);
    return true;
  });
}

describe('list CSV (schedule) parser', () => {
  it('reads one entry per organisation, each row a period, with aliases typed', () => {
    const parsed = parseSchedule(readFileSync(FILE, 'utf8'), FILE);
    assert.equal(parsed.jurisdiction, 'PK');
    assert.equal(parsed.rows, 5);
    assert.deepEqual(parsed.entries.map((e) => e.name), ['Example Liberation Army', 'Example Movement of Justice', 'Example Welfare Trust', 'Example Brigade']);
    const emj = parsed.entries[1]!;
    assert.deepEqual(emj.rows.map((r) => [r.listedOn, r.delistedOn, r.line]), [['2021-04-15', '2021-11-07', 3], ['2025-10-24', null, 4]]);
    const ela = parsed.entries[0]!;
    assert.deepEqual(ela.aliases, [{ text: 'ELA', type: 'acronym' }, { text: 'Example Freedom Army', type: 'alias' }]);
    assert.deepEqual(parsed.entries[3]!.aliases, [{ text: 'Example Brigade Group', type: 'previous' }], '"(former)" is a previous name');
    assert.equal(ela.rows[0]!.sourceUrl, 'https://example.org/notification-1');
    assert.equal(ela.rows[0]!.law, 'Example Act 1997, First Schedule');
    assert.equal(parsed.entries[2]!.rows[0]!.listedOn, '2016', 'a partial date is kept as written');
    assert.equal(parsed.retrievedOn, null);
  });

  it('keys a name across spellings of case, accents and punctuation', () => {
    assert.equal(scheduleKey('Lashkar-e-Tayyaba'), 'lashkar-e-tayyaba');
    assert.equal(scheduleKey("Hay'at Tahrir al-Sham"), 'hayat-tahrir-al-sham');
    assert.equal(scheduleKey('Cártel del Golfo'), 'cartel-del-golfo');
    assert.equal(scheduleKey('Cártel del Golfo'), scheduleKey('CARTEL DEL GOLFO'));
  });

  it('takes kinds from a kind column or from the kinds given', () => {
    const csv = `${HEADER},kind\nJohn Example,,2021-06-25,,,,CA,An individual.,,,person\nExample Front,,2021-06-25,,,,CA,,,,\n`;
    assert.deepEqual(parseSchedule(csv, 'k.csv').entries.map((e) => e.kind), ['person', 'organisation']);
    const plain = `${HEADER}\nJohn Example,,2021-06-25,,,,CA,An individual.,,\n`;
    assert.equal(parseSchedule(plain, 'k.csv', { kinds: new Map([['John Example', 'person']]) }).entries[0]!.kind, 'person');
  });

  it('refuses bad rows naming the line and the field', () => {
    const row = (cells: string) => `${HEADER}\nFine Group,,2020-01-01,,,,PK,,,\n${cells}\n`;
    rejects(row(',,2020-01-01,,,,PK,,,'), 3, 'name', /no name/);
    rejects(row('Group,,2020-13-01,,,,PK,,,'), 3, 'listed_on', /not a date/);
    rejects(row('Group,,2020-02-30,,,,PK,,,'), 3, 'listed_on', /not a date/);
    rejects(row('Group,,2020-01-01,2019-12-31,,,PK,,,'), 3, 'delisted_on', /before it was listed/);
    rejects(row('Group,,2020-01-01,,,,Pakistan,,,'), 3, 'jurisdiction', /not a jurisdiction code/);
    rejects(row('Group,,2020-01-01,,,,GB,,,'), 3, 'jurisdiction', /differs from PK on line 2/);
    rejects(row('Group,,2020-01-01,,,,PK,,,yesterday'), 3, 'source_retrieved', /not a date/);
    rejects(row('Group\u0000,,2020-01-01,,,,PK,,,'), 3, 'name', /NUL/);
    rejects(`${HEADER}\nGroup,,2019-01-01,,,,PK,,,\nGroup,,2021-01-01,,,,PK,,,\n`, 3, 'listed_on', /no delisted_on: the periods of one name may not overlap/);
    rejects(`${HEADER}\nGroup,,2019-01-01,2020-06-01,,,PK,,,\nGroup,,2020-01-01,,,,PK,,,\n`, 3, 'listed_on', /before its delisting on 2020-06-01/);
    rejects(`${HEADER},kind\nGroup,,2019-01-01,,,,PK,,,,army\n`, 2, 'kind', /kind "army"/);
  });

  it('refuses a file that is not a list CSV', () => {
    rejects('', 1, undefined, /empty/);
    rejects(`${HEADER}\n`, 1, undefined, /no rows/);
    rejects('name,listed_on\nGroup,2020\n', 1, 'aliases', /lacks aliases/);
    rejects(`${HEADER},comment\nGroup,,2020,,,,PK,,,,x\n`, 1, 'comment', /unknown column "comment"/);
    rejects('name,name\nx,y\n', 1, 'name', /appears twice/);
  });
});
