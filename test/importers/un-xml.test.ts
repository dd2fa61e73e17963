import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ListEntry, ListName } from '../../src/importers/types.js';
import { expandUnName, isAcronymOf, parseUnXml } from '../../src/importers/un-xml.js';
import { inputError } from '../support/errors.js';

const FIXTURES = new URL('../fixtures/importers/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const UN_2018 = '../shared/data/un-consolidated-2018-10-29.xml';
const UN_2026 = '../shared/data/un-consolidated-2026-02-27.xml';

function byRef(entries: ListEntry[], ref: string): ListEntry {
  const entry = entries.find((e) => e.ref === ref);
  assert.ok(entry, `${ref} is parsed`);
  return entry;
}

function named(entry: ListEntry, text: string): ListName | undefined {
  return entry.names.find((n) => n.text === text);
}

describe('parseUnXml on a small list', () => {
  const list = parseUnXml(fixture('un-small.xml'), 'un-small.xml');

  it('reads every individual and entity with its ref, kind, date, programs and the list date', () => {
    assert.equal(list.format, 'un-xml');
    assert.equal(list.publishedOn, '2026-02-27');
    assert.deepEqual(list.entries.map((e) => [e.ref, e.kind]), [
      ['un:QDi.263', 'person'], ['un:QDi.364', 'person'],
      ['un:QDe.118', 'organisation'], ['un:QDe.137', 'organisation'], ['un:QDe.104', 'organisation'],
    ]);
    const saeed = byRef(list.entries, 'un:QDi.263');
    assert.equal(saeed.primaryName, 'HAFIZ MUHAMMAD SAEED');
    assert.equal(saeed.listedOn, '2008-12-10');
    assert.equal(saeed.jurisdiction, 'UN');
    assert.equal(saeed.authority, 'UN Security Council');
    assert.deepEqual(saeed.programs, ['Al-Qaida']);
    assert.equal(saeed.record, 4, 'record is the line of the <INDIVIDUAL> start tag');
    assert.equal(byRef(list.entries, 'un:QDe.104').record, 137);
  });

  it('keeps the day of a LISTED_ON written with a time-zone offset', () => {
    assert.equal(byRef(list.entries, 'un:QDi.364').listedOn, '2015-04-07');
  });

  it('maps alias qualities: Good → alias/good, Low → weak/low, a.k.a. → alias, f.k.a. → previous', () => {
    const saeed = byRef(list.entries, 'un:QDi.263');
    assert.deepEqual(named(saeed, 'Hafiz Mohammad Sayid'), { text: 'Hafiz Mohammad Sayid', type: 'alias', quality: 'good' });
    assert.deepEqual(named(saeed, 'Hafiz Ji'), { text: 'Hafiz Ji', type: 'weak', quality: 'low' });
    const nusrah = byRef(list.entries, 'un:QDe.137');
    assert.deepEqual(named(nusrah, 'Al-Qaida in Syria'), { text: 'Al-Qaida in Syria', type: 'previous' });
    assert.deepEqual(named(byRef(list.entries, 'un:QDe.118'), 'Army of the Pure'), { text: 'Army of the Pure', type: 'alias' });
  });

  it('splits names joined with ";", skips empty aliases and dedupes case-insensitively keeping the stronger', () => {
    const saeed = byRef(list.entries, 'un:QDi.263');
    assert.deepEqual(saeed.names.map((n) => n.text), [
      'حافظ محمد سعید', 'Hafiz Mohammad Sayid', 'Hafiz Saeed', 'Hafez Mohammad Saeed', 'Hafiz Ji',
    ]);
    // "HAFIZ SAEED" (Low) repeats "Hafiz Saeed" (Good): one name, still a good alias.
    assert.deepEqual(named(saeed, 'Hafiz Saeed'), { text: 'Hafiz Saeed', type: 'alias', quality: 'good' });
    const let_ = byRef(list.entries, 'un:QDe.118');
    assert.equal(let_.names.filter((n) => n.text.toLowerCase() === 'lashkar-e-toiba').length, 1);
    assert.ok(!let_.names.some((n) => n.text === ''), 'no empty names');
  });

  it('gives NAME_ORIGINAL_SCRIPT as a translation and "original script:" notes as names', () => {
    assert.deepEqual(named(byRef(list.entries, 'un:QDi.263'), 'حافظ محمد سعید'), { text: 'حافظ محمد سعید', type: 'translation' });
    const atabiev = byRef(list.entries, 'un:QDi.364');
    assert.equal(atabiev.primaryName, 'ISLAM SEIT-UMAROVICH ATABIEV');
    assert.deepEqual(named(atabiev, 'Абу Джихад'), { text: 'Абу Джихад', type: 'weak', quality: 'low' });
    assert.deepEqual(named(atabiev, 'Islam Atabiev'), { text: 'Islam Atabiev', type: 'alias', quality: 'good' });
    assert.deepEqual(named(atabiev, 'Islam Seit Atabiev'), { text: 'Islam Seit Atabiev', type: 'previous', quality: 'good' });
  });

  it('expands a script name with its transliterations, and acronyms', () => {
    const nusrah = byRef(list.entries, 'un:QDe.137');
    assert.deepEqual(nusrah.names.map((n) => [n.text, n.type]), [
      ['جبهة النصرة لأهل الشام', 'translation'],
      ['Hay’at Tahrir al-Sham', 'alias'],
      ['HTS', 'acronym'],
      ['هيئة تحرير الشام', 'alias'],
      ['Hayat Tahrir al-Sham', 'alias'],
      ['Assembly for the Liberation of Syria', 'alias'],
      ['جبهة النصرة', 'alias'],
      ['the Victory Front', 'alias'],
      ['Jabhat al-Nusrah', 'alias'],
      ['Al-Qaida in Syria', 'previous'],
    ]);
    const let_ = byRef(list.entries, 'un:QDe.118');
    assert.ok(named(let_, 'Falah-i-Insaniat Foundation'));
    assert.deepEqual(named(let_, 'FIF'), { text: 'FIF', type: 'acronym' });
  });

  it('keeps a parenthesis that is part of the name', () => {
    const haramain = byRef(list.entries, 'un:QDe.104');
    assert.equal(haramain.primaryName, 'AL-HARAMAIN FOUNDATION (PAKISTAN)');
    assert.deepEqual(haramain.names, []);
  });

  it('decodes character references and CDATA, reads a lone alias, and finds record lines past comments', () => {
    const xml = [
      '<?xml version="1.0"?>',
      '<!-- an old <ENTITY> kept for reference',
      '     <INDIVIDUAL> -->',
      "<CONSOLIDATED_LIST dateGenerated='2020-01-02'>",
      '<ENTITIES>',
      '  <ENTITY><DATAID>1</DATAID><FIRST_NAME>CAF&#201; &amp; CO</FIRST_NAME>',
      '    <REFERENCE_NUMBER>QDe.001</REFERENCE_NUMBER><LISTED_ON>2001-10-06</LISTED_ON>',
      '    <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Caf&#xE9; <![CDATA[R&D <Co>]]></ALIAS_NAME></ENTITY_ALIAS>',
      '  </ENTITY>',
      '  <ENTITY><FIRST_NAME>X</FIRST_NAME><REFERENCE_NUMBER>0012</REFERENCE_NUMBER></ENTITY>',
      '</ENTITIES>',
      '</CONSOLIDATED_LIST>',
    ].join('\n');
    const parsed = parseUnXml(xml, 'inline.xml');
    assert.equal(parsed.publishedOn, '2020-01-02');
    assert.deepEqual(parsed.entries.map((e) => [e.ref, e.primaryName, e.record, e.listedOn]), [
      ['un:QDe.001', 'CAFÉ & CO', 6, '2001-10-06'],
      ['un:0012', 'X', 10, null],
    ]);
    assert.deepEqual(parsed.entries[0]!.names, [{ text: 'Café R&D <Co>', type: 'alias' }]);
  });
});

describe('expandUnName', () => {
  const texts = (raw: string) => expandUnName(raw, 'alias', 'good').map((n) => `${n.type}:${n.text}`);

  it('drops notes glued to a name', () => {
    assert.deepEqual(texts('Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no.03825239, date of issue 4 May 2014)'), ['alias:Safia Farkash Mohammed Al-Hadad']);
    assert.deepEqual(texts('Mohammad Ishaq Akhund born in 1963'), ['alias:Mohammad Ishaq Akhund']);
    assert.deepEqual(texts('Hilarion Santos, III (third)'), ['alias:Hilarion Santos, III']);
    assert.deepEqual(texts('EL PARA (COMBAT NAME)'), ['alias:EL PARA']);
    assert.deepEqual(texts('"MUKHTAR, Shaykh"'), ['alias:MUKHTAR, Shaykh']);
    assert.deepEqual(texts(') Abdelrahman Mouhamad Zafir al Dabissi Juhan'), ['alias:Abdelrahman Mouhamad Zafir al Dabissi Juhan']);
    assert.deepEqual(texts('Ezatullah Haqqani (previously listed as)'), ['previous:Ezatullah Haqqani']);
    assert.deepEqual(texts('شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)'), ['alias:شبكة أنصار المجاهدين', 'alias:Ansar al-Mujahideen Network']);
  });

  it('splits enumerations and nested lists', () => {
    assert.deepEqual(texts('Mohammed Sabet; Mohammad Sabet b) M. Javad Kareemi Sabet'), ['alias:Mohammed Sabet', 'alias:Mohammad Sabet', 'alias:M. Javad Kareemi Sabet']);
    assert.deepEqual(texts('أنصار الشريعة بليبيا (Ansar al Charia in Libya (ASL))'), ['alias:أنصار الشريعة بليبيا', 'alias:Ansar al Charia in Libya', 'acronym:ASL']);
    assert.deepEqual(texts('Islamic State In Iraq And the Levant In South-East Asia (ISIL-SEA, ISIL-South East Asia)'), [
      'alias:Islamic State In Iraq And the Levant In South-East Asia', 'acronym:ISIL-SEA', 'alias:ISIL-South East Asia',
    ]);
    assert.deepEqual(texts('(Sheikh) Musa Hilal'), ['alias:Musa Hilal', 'alias:Sheikh Musa Hilal']);
  });

  it('never splits on commas or inside a name', () => {
    assert.deepEqual(texts('AL-BASHAER TRADING COMPANY, LTD'), ['alias:AL-BASHAER TRADING COMPANY, LTD']);
    assert.deepEqual(texts('LEADER (HONG KONG) INTERNATIONAL'), ['alias:LEADER (HONG KONG) INTERNATIONAL']);
    assert.deepEqual(texts('STATE ESTABLISHMENT FOR MIDDLE AREA (ROADS'), ['alias:STATE ESTABLISHMENT FOR MIDDLE AREA (ROADS']);
  });

  it('tells acronyms from other parentheses', () => {
    assert.ok(isAcronymOf('AQAP', 'AL-QAIDA IN THE ARABIAN PENINSULA'));
    assert.ok(isAcronymOf('JuA', 'JAMAAT-UL-AHRAR'));
    assert.ok(isAcronymOf('GSPC', 'Le Groupe Salafiste pour La Prédication et le Combat'));
    assert.ok(!isAcronymOf('PAKISTAN', 'AL-HARAMAIN FOUNDATION'));
    assert.ok(!isAcronymOf('NGO', 'TOUS POUR LA PAIX ET LE DEVELOPPEMENT'));
    assert.ok(!isAcronymOf('Butaev', 'Lom-ali Butayev'));
  });
});

describe('parseUnXml rejects a bad file whole, naming the record and field', () => {
  it('an entity without REFERENCE_NUMBER', () => {
    const error = inputError(() => parseUnXml(fixture('un-missing-ref.xml'), 'un-missing-ref.xml'));
    assert.deepEqual(error.location, { file: 'un-missing-ref.xml', line: 114, field: 'ENTITY.REFERENCE_NUMBER' });
    assert.match(error.message, /^un-missing-ref\.xml, line 114, field "ENTITY\.REFERENCE_NUMBER": ENTITY #2 \(DATAID 110447\): REFERENCE_NUMBER is missing/);
  });

  it('an unparseable LISTED_ON', () => {
    const error = inputError(() => parseUnXml(fixture('un-bad-date.xml'), 'un-bad-date.xml'));
    assert.deepEqual(error.location, { file: 'un-bad-date.xml', line: 50, field: 'INDIVIDUAL.LISTED_ON' });
    assert.match(error.message, /QDi\.364.*"07\/04\/2015" is not a date/);
  });

  it('an entity without a name', () => {
    const error = inputError(() => parseUnXml(fixture('un-no-name.xml'), 'un-no-name.xml'));
    assert.deepEqual(error.location, { file: 'un-no-name.xml', line: 137, field: 'ENTITY.FIRST_NAME' });
    assert.match(error.message, /QDe\.104 has no name/);
  });

  it('a reference number used twice', () => {
    const error = inputError(() => parseUnXml(fixture('un-duplicate-ref.xml'), 'un-duplicate-ref.xml'));
    assert.equal(error.location.line, 137);
    assert.match(error.message, /un:QDe\.118 is listed twice \(first at line 76\)/);
  });

  it('a truncated file', () => {
    const error = inputError(() => parseUnXml(fixture('un-truncated.xml'), 'un-truncated.xml'));
    assert.equal(error.location.field, 'xml');
    assert.match(error.message, /not well-formed XML/);
  });

  it('a file that is not XML at all, another XML list, an empty file', () => {
    const csv = inputError(() => parseUnXml(fixture('ofac-sdn-small.csv'), 'sdn.csv'));
    assert.deepEqual([csv.location.file, csv.location.line, csv.location.field], ['sdn.csv', 1, 'xml']);
    const other = inputError(() => parseUnXml(fixture('un-wrong-root.xml'), 'sdn.xml'));
    assert.match(other.message, /not a UN consolidated list: the root element is <sdnList>/);
    assert.equal(other.location.line, 2);
    const empty = inputError(() => parseUnXml(fixture('empty.txt'), 'empty.txt'));
    assert.match(empty.message, /^empty\.txt, line 1: the file is empty/);
    inputError(() => parseUnXml('   \n', 'blank.xml'));
  });
});

describe('parseUnXml on the real lists', () => {
  const v2018 = parseUnXml(readFileSync(UN_2018, 'utf8'), UN_2018);
  const v2026 = parseUnXml(readFileSync(UN_2026, 'utf8'), UN_2026);

  it('reads all 390 entities and 703 individuals of 2018-10-29, and 273 + 730 of 2026-02-27', () => {
    const count = (entries: ListEntry[], kind: string) => entries.filter((e) => e.kind === kind).length;
    assert.equal(v2018.publishedOn, '2018-10-29');
    assert.equal(count(v2018.entries, 'organisation'), 390);
    assert.equal(count(v2018.entries, 'person'), 703);
    assert.equal(v2026.publishedOn, '2026-02-27');
    assert.equal(count(v2026.entries, 'organisation'), 273);
    assert.equal(count(v2026.entries, 'person'), 730);
  });

  it('has Lashkar-e-Tayyiba (QDe.118) with its aliases', () => {
    const let_ = byRef(v2018.entries, 'un:QDe.118');
    assert.equal(let_.primaryName, 'LASHKAR-E-TAYYIBA');
    assert.equal(let_.kind, 'organisation');
    assert.equal(let_.listedOn, '2005-05-02');
    assert.deepEqual(let_.programs, ['Al-Qaida']);
    for (const alias of ['Lashkar-e-Toiba', 'Army of the Pure', 'Jamaat-ud-Dawa', 'LET', 'Paasban-e-Kashmir', 'Falah-i-Insaniat Foundation']) {
      assert.ok(named(let_, alias), `alias ${alias}`);
    }
    assert.deepEqual(named(let_, 'FIF'), { text: 'FIF', type: 'acronym' });
    assert.ok(let_.names.length >= 25);
  });

  it('strips whitespace from reference numbers and the time zone from dates', () => {
    assert.ok(v2018.entries.every((e) => /^un:[A-Z]{2}[ei]\.\d{3}$/.test(e.ref)), 'refs like un:QDe.118');
    assert.equal(byRef(v2018.entries, 'un:KPi.034').kind, 'person');
    assert.equal(byRef(v2018.entries, 'un:TAe.014').listedOn, '2015-03-27');
    assert.ok(v2026.entries.every((e) => e.listedOn === null || /^\d{4}-\d{2}-\d{2}$/.test(e.listedOn)));
  });

  it('splits names packed into one alias', () => {
    const soleimani = byRef(v2026.entries, 'un:IRi.039');
    assert.deepEqual(named(soleimani, 'Qasem Sulaymani'), { text: 'Qasem Sulaymani', type: 'alias', quality: 'good' });
    assert.deepEqual(named(soleimani, 'Sardar Soleimani'), { text: 'Sardar Soleimani', type: 'weak', quality: 'low' });
    const baghdadi = byRef(v2026.entries, 'un:QDi.299');
    assert.ok(named(baghdadi, 'Abu Bakr al-Baghdadi'));
    assert.ok(named(baghdadi, 'أبو بكر البغدادي الحسيني القريشي'));
    const nusrah = byRef(v2026.entries, 'un:QDe.137');
    assert.ok(named(nusrah, 'Hayat Tahrir al-Sham'));
    assert.ok(named(nusrah, 'Jabhat Fateh Al-Sham'));
  });

  it('leaves no note, bracket or separator in any name', () => {
    for (const entry of [...v2018.entries, ...v2026.entries]) {
      for (const name of entry.names) {
        assert.doesNotMatch(name.text, /;|original script|passport|\bborn\b|^[\s,:)\]]|[\s,:(]$/i, `${entry.ref}: ${name.text}`);
      }
    }
  });
});
