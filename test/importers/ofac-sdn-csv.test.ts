import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  firstLastOrder, parseOfacSdnCsv, readCsv, remarkAliases, splitPrograms,
} from '../../src/importers/ofac-sdn-csv.js';
import type { ListEntry } from '../../src/importers/types.js';
import { inputError } from '../support/errors.js';

const FIXTURES = new URL('../fixtures/importers/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const OFAC_2024 = '../shared/data/ofac-sdn-2024-05.csv';
const OFAC_2021 = '../shared/data/ofac-sdn-2021-07';

function byRef(entries: ListEntry[], ref: string): ListEntry {
  const entry = entries.find((e) => e.ref === ref);
  assert.ok(entry, `${ref} is parsed`);
  return entry;
}

describe('parseOfacSdnCsv on a small sdn.csv', () => {
  const list = parseOfacSdnCsv(fixture('ofac-sdn-small.csv'), 'sdn.csv');

  it('reads every row (ignoring the final \\x1a) with ref, kind, programs and line', () => {
    assert.equal(list.format, 'ofac-sdn-csv');
    assert.equal(list.publishedOn, null);
    assert.deepEqual(list.entries.map((e) => [e.ref, e.kind, e.record]), [
      ['ofac:36', 'organisation', 1], ['ofac:306', 'organisation', 2], ['ofac:3754', 'person', 3], ['ofac:4243', 'vessel', 4],
      ['ofac:4697', 'organisation', 5], ['ofac:15431', 'aircraft', 6], ['ofac:41920', 'organisation', 7],
    ]);
    const hizballah = byRef(list.entries, 'ofac:4697');
    assert.deepEqual(hizballah.programs, ['FTO', 'SDGT', 'SYRIA']);
    assert.equal(hizballah.listedOn, null);
    assert.equal(hizballah.jurisdiction, 'US');
    assert.equal(hizballah.authority, 'US Treasury OFAC');
    assert.deepEqual(byRef(list.entries, 'ofac:36').names, []);
  });

  it('takes weak a.k.a.s and f.k.a.s from the remarks, quotes inside names included', () => {
    assert.deepEqual(byRef(list.entries, 'ofac:306').names, [{ text: 'BNC', type: 'weak', quality: 'low' }]);
    assert.deepEqual(byRef(list.entries, 'ofac:4243').names, [
      { text: 'ANA I', type: 'previous', quality: 'low' }, { text: 'SAND SWAN', type: 'previous', quality: 'low' },
    ]);
    // 'lh' repeats 'LH': deduped.
    assert.deepEqual(byRef(list.entries, 'ofac:4697').names.map((n) => n.text), ['LH', 'FOREIGN RELATIONS DEPARTMENT']);
    assert.ok(byRef(list.entries, 'ofac:3754').names.some((n) => n.text === "ABU-'UMAR"));
  });

  it('reads n.k.a., double-quoted names, and drops a name cut off by the 1000-character limit', () => {
    assert.deepEqual(byRef(list.entries, 'ofac:41920').names.map((n) => [n.text, n.type]), [['LGOK', 'weak'], ['LEBEDINSKY GOK', 'weak']]);
  });

  it('keeps "LAST, First" as primary and adds "First LAST" as a spelling', () => {
    const marzook = byRef(list.entries, 'ofac:3754');
    assert.equal(marzook.primaryName, 'ABU MARZOOK, Mousa Mohammed');
    assert.deepEqual(marzook.names[0], { text: 'Mousa Mohammed ABU MARZOOK', type: 'spelling' });
  });
});

describe('parseOfacSdnCsv with alt.csv (the three-file form)', () => {
  const dir = new URL('ofac-sdn-3file/', FIXTURES);
  const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');
  const list = parseOfacSdnCsv(read('sdn.csv'), 'ofac-sdn-3file/sdn.csv', { alt: read('alt.csv'), add: read('add.csv') });

  it('takes aliases from alt.csv (aka, nka → alias; fka → previous) besides the weak ones in remarks', () => {
    assert.deepEqual(byRef(list.entries, 'ofac:306').names, [
      { text: 'NATIONAL BANK OF CUBA', type: 'alias', quality: 'good' }, { text: 'BNC', type: 'weak', quality: 'low' },
    ]);
    assert.deepEqual(byRef(list.entries, 'ofac:4697').names.slice(0, 2), [
      { text: 'PARTY OF GOD', type: 'alias', quality: 'good' }, { text: 'LEBANESE HIZBALLAH', type: 'alias', quality: 'good' },
    ]);
    // "ANA I" is in alt.csv (fka) and in the remarks: one name, the strong one.
    assert.deepEqual(byRef(list.entries, 'ofac:4243').names, [
      { text: 'ANA I', type: 'previous', quality: 'good' }, { text: 'SAND SWAN', type: 'previous', quality: 'low' },
    ]);
  });

  it('reorders individuals\' alt names too', () => {
    const names = byRef(list.entries, 'ofac:3754').names.map((n) => `${n.type}:${n.text}`);
    assert.deepEqual(names, [
      'spelling:Mousa Mohammed ABU MARZOOK', 'alias:MARZUK, Musa Abu', 'alias:ABU-MARZUQ, Dr. Musa', "weak:ABU-'UMAR",
      'alias:Musa Abu MARZUK', 'alias:Dr. Musa ABU-MARZUQ',
    ]);
  });

  it('rejects an alt.csv row with an unknown type or entity, naming alt.csv, the line and field', () => {
    const badType = inputError(() => parseOfacSdnCsv(read('sdn.csv'), 'x/sdn.csv', { alt: fixture('ofac-alt-bad-type.csv') }));
    assert.deepEqual(badType.location, { file: 'x/alt.csv', line: 3, field: 'alt_type' });
    assert.match(badType.message, /ent_num 3754: alt_type "xka" is not aka, fka or nka/);
    const unknown = inputError(() => parseOfacSdnCsv(read('sdn.csv'), 'x/sdn.csv', { alt: fixture('ofac-alt-unknown-ent.csv'), altOrigin: 'ALT' }));
    assert.deepEqual(unknown.location, { file: 'ALT', line: 2, field: 'ent_num' });
  });
});

describe('parseOfacSdnCsv rejects a bad file whole, naming the line and field', () => {
  it('a row with the wrong number of columns', () => {
    const error = inputError(() => parseOfacSdnCsv(fixture('ofac-bad-columns.csv'), 'bad.csv'));
    assert.deepEqual(error.location, { file: 'bad.csv', line: 3, field: 'Remarks' });
    assert.match(error.message, /^bad\.csv, line 3, field "Remarks": ent_num 3754: not an OFAC SDN CSV.*expected 12 columns.*found 11/);
  });

  it('a non-numeric ent_num', () => {
    const error = inputError(() => parseOfacSdnCsv(fixture('ofac-bad-entnum.csv'), 'bad.csv'));
    assert.deepEqual(error.location, { file: 'bad.csv', line: 5, field: 'ent_num' });
    assert.match(error.message, /ent_num "X4697" is not a number/);
  });

  it('an unknown SDN_Type', () => {
    const error = inputError(() => parseOfacSdnCsv(fixture('ofac-bad-type.csv'), 'bad.csv'));
    assert.deepEqual(error.location, { file: 'bad.csv', line: 2, field: 'SDN_Type' });
    assert.match(error.message, /ent_num 306: SDN_Type "bank"/);
  });

  it('an unclosed quote', () => {
    const error = inputError(() => parseOfacSdnCsv(fixture('ofac-unclosed-quote.csv'), 'bad.csv'));
    assert.deepEqual(error.location, { file: 'bad.csv', line: 6, field: 'Remarks' });
    assert.match(error.message, /the quoted field Remarks of the record on line 6 runs to line 7 and is followed by "L": an unclosed quote/);
  });

  it('a file that is not CSV, or empty', () => {
    const xml = inputError(() => parseOfacSdnCsv(fixture('un-small.xml'), 'un.xml'));
    assert.deepEqual([xml.location.file, xml.location.line], ['un.xml', 1]);
    assert.match(xml.message, /not an OFAC SDN CSV/);
    const empty = inputError(() => parseOfacSdnCsv(fixture('empty.txt'), 'empty.csv'));
    assert.match(empty.message, /^empty\.csv, line 1: the file is empty/);
    inputError(() => parseOfacSdnCsv('\x1a', 'eof-only.csv'));
  });
});

describe('OFAC helpers', () => {
  it('split programs, reorder names, read remarks', () => {
    assert.deepEqual(splitPrograms('SDGT] [IRGC'), ['SDGT', 'IRGC']);
    assert.deepEqual(splitPrograms('[SDGT] [IRGC]'), ['SDGT', 'IRGC']);
    assert.deepEqual(splitPrograms(''), []);
    assert.equal(firstLastOrder('AL-WALID, Mahfouz Ould'), 'Mahfouz Ould AL-WALID');
    assert.equal(firstLastOrder('SMITH, John, Jr.'), null);
    assert.equal(firstLastOrder('HIZBALLAH'), null);
    assert.deepEqual(remarkAliases("DOB 1951; a.k.a. ''AHMED THE TANZANIAN''; f.k.a. 'X Y'."), [
      { text: 'AHMED THE TANZANIAN', type: 'weak', quality: 'low' }, { text: 'X Y', type: 'previous', quality: 'low' },
    ]);
  });

  it('reads quoted CSV fields with commas, doubled quotes and line breaks, and counts lines', () => {
    assert.deepEqual(readCsv('\ufeff1,"a, b","say ""hi"""\r\n\r\n2,"two\nlines",x\n3,,\n4," y ",\rz,"q\r\nr\r\ns",\n', 'f', 'csv'), [
      { cells: ['1', 'a, b', 'say "hi"'], line: 1 },
      { cells: ['2', 'two\nlines', 'x'], line: 3 },
      { cells: ['3', '', ''], line: 5 },
      { cells: ['4', ' y ', ''], line: 6 },
      { cells: ['z', 'q\r\nr\r\ns', ''], line: 7 },
    ]);
    assert.deepEqual(readCsv('a,b\n"x\ny",2\n', 'f', 'csv', ['one', 'two']), [
      { cells: { one: 'a', two: 'b' }, line: 1 },
      { cells: { one: 'x\ny', two: '2' }, line: 2 },
    ]);
  });

  it('rejects bad quoting and column counts, naming the line and column', () => {
    assert.throws(() => readCsv('1,a"b\n', 'f', 'csv'), /f, line 1: not csv: a quote inside the unquoted field \(field 2\)/);
    assert.throws(() => readCsv('1,"a"b\n', 'f', 'csv'), /line 1: not csv: unexpected "b" after a closing quote/);
    // Without columns, the first line is the header: it names the columns.
    assert.throws(() => readCsv('n,text\n\n2,"abc\n3,y\n', 'f', 'csv'), /f, line 3, field "text": not csv: the quoted field text of the record on line 3 is never closed/);
    const unclosed = inputError(() => readCsv('1,x,y\n2,"abc,y\n3,"z",w\n', 'f', 'csv', ['n', 'text', 'other']));
    assert.deepEqual(unclosed.location, { file: 'f', line: 2, field: 'text' });
    assert.match(unclosed.message, /the quoted field text of the record on line 2 runs to line 3 and is followed by "z": an unclosed quote\?/);
    const short = inputError(() => readCsv('1,x,y\n\n2,x\n', 'f', 'csv', ['n', 'text', 'other']));
    assert.deepEqual(short.location, { file: 'f', line: 3, field: 'other' });
    assert.match(short.message, /n 2: not csv: expected 3 columns \(n, text, other\), found 2/);
    const long = inputError(() => readCsv('h1,h2\n1,2\n3,4,5\n', 'f', 'csv'));
    assert.deepEqual(long.location, { file: 'f', line: 3, field: 'h2' });
    assert.match(long.message, /h1 3: not csv: expected 2 columns \(h1, h2\), found 3/);
  });
});

describe('parseOfacSdnCsv on the real lists', () => {
  it('reads the May 2024 SDN CSV: 14,965 entries by kind, with remarks aliases', () => {
    const list = parseOfacSdnCsv(readFileSync(OFAC_2024, 'utf8'), OFAC_2024);
    assert.equal(list.entries.length, 14965);
    const kinds: Record<string, number> = {};
    for (const e of list.entries) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
    assert.deepEqual(kinds, { organisation: 6884, person: 6854, vessel: 851, aircraft: 376 });
    const hizballah = byRef(list.entries, 'ofac:4697');
    assert.equal(hizballah.primaryName, 'HIZBALLAH');
    assert.deepEqual(hizballah.programs, ['FTO', 'SDGT', 'SYRIA']);
    assert.ok(hizballah.names.some((n) => n.text === 'EXTERNAL SECURITY ORGANIZATION' && n.type === 'weak'));
    const weak = list.entries.reduce((sum, e) => sum + e.names.filter((n) => n.quality === 'low').length, 0);
    assert.ok(weak > 3500, `remarks aliases read: ${weak}`);
    assert.ok(list.entries.every((e) => /^ofac:\d+$/.test(e.ref) && e.primaryName !== ''));
  });

  it('reads the July 2021 three files: aliases from alt.csv', () => {
    const read = (name: string) => readFileSync(`${OFAC_2021}/${name}`, 'utf8');
    const list = parseOfacSdnCsv(read('sdn.csv'), `${OFAC_2021}/sdn.csv`, { alt: read('alt.csv') });
    assert.equal(list.entries.length, 8976);
    const hizballah = byRef(list.entries, 'ofac:4697');
    assert.deepEqual(hizballah.names.find((n) => n.text === 'PARTY OF GOD'), { text: 'PARTY OF GOD', type: 'alias', quality: 'good' });
    assert.deepEqual(hizballah.names.find((n) => n.text === 'LH'), { text: 'LH', type: 'weak', quality: 'low' });
    const strong = list.entries.reduce((sum, e) => sum + e.names.filter((n) => n.quality === 'good').length, 0);
    assert.ok(strong >= 11000, `alt.csv names read: ${strong}`);
  });
});
