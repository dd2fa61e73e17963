import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { militantDate, parseMappingMilitants, type MilitantLink } from '../../src/importers/mapping-militants.js';
import { inputError } from '../support/errors.js';

const FIXTURES = new URL('../fixtures/importers/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const REAL = '../shared/data/mapping-militants';

describe('parseMappingMilitants on small files', () => {
  const graph = parseMappingMilitants(fixture('mm-groups.csv'), fixture('mm-relationships.csv'), 'mm');
  const link = (id: number): MilitantLink => {
    const found = graph.links.find((l) => l.id === id);
    assert.ok(found, `link ${id}`);
    return found;
  };

  it('reads groups (trimmed names; id -99 set apart)', () => {
    assert.equal(graph.groups.length, 8);
    assert.deepEqual(graph.groups.find((g) => g.id === 113), { id: 113, name: 'Hizbul Islam', record: 9 });
    assert.deepEqual(graph.unidentified, ['Ansaroul Islam', 'Ambazonia Defense Forces']);
  });

  it('maps types to predicates in the right direction', () => {
    assert.deepEqual(graph.links.map((l) => [l.id, l.subject, l.predicate, l.object, l.symmetric]), [
      [1633, 'Al Shabaab', 'opposes', 'Hizbul Islam', true],
      [900, 'Al Qaeda in the Arabian Peninsula', 'successor_of', 'Al Qaeda in Yemen', false],
      [901, 'Al Qaeda', 'affiliated_with', 'Al Qaeda in the Arabian Peninsula', true],
      [902, 'Real Irish Republican Army', 'offshoot_of', 'Provisional Irish Republican Army', false],
      [903, 'The Islamic State', 'allied_with', 'Al Qaeda', true],
    ]);
    assert.equal(link(902).subjectId, 201);
    assert.equal(link(902).objectId, 200);
    assert.equal(link(902).type, 'spl');
    assert.equal(link(902).record, 5);
  });

  it('converts dates to ISO partial dates', () => {
    assert.deepEqual(graph.links.map((l) => l.date), ['2010-02-18', '2009-01-20', '2009', '1997-11', '2000-04']);
  });

  it('keeps the description as evidence, cleaned', () => {
    assert.equal(link(1633).description, 'Hizbul Islam fighters attacked the Somali border town of Dhobley, ousting Al Shabaab fighters.');
    assert.match(link(901).description ?? '', /the group’s core\.$/);
    assert.match(link(902).description ?? '', /the PIRA's ceasefires/);
    assert.equal(link(903).description, null);
  });

  it('rejects a bad date, an unknown type or group, naming file, line and field', () => {
    const date = inputError(() => parseMappingMilitants(fixture('mm-groups.csv'), fixture('mm-relationships-bad-date.csv'), 'mm'));
    assert.deepEqual(date.location, { file: 'mm/relationships.csv', line: 6, field: 'date' });
    assert.match(date.message, /relationship 903: date "2000-13-00"/);
    const type = inputError(() => parseMappingMilitants(fixture('mm-groups.csv'), fixture('mm-relationships-bad-type.csv'), 'mm'));
    assert.deepEqual(type.location, { file: 'mm/relationships.csv', line: 3, field: 'type' });
    const group = inputError(() => parseMappingMilitants(fixture('mm-groups.csv'), fixture('mm-relationships-unknown-group.csv'), 'mm'));
    assert.deepEqual(group.location, { file: 'mm/relationships.csv', line: 5, field: 'group1_id' });
    assert.match(group.message, /group1_id "777" is not a group/);
  });

  it('rejects files that are not these files, and empty files', () => {
    const swapped = inputError(() => parseMappingMilitants(fixture('mm-relationships.csv'), fixture('mm-groups.csv'), 'mm'));
    assert.deepEqual(swapped.location, { file: 'mm/groups.csv', line: 1, field: 'group_id' });
    const empty = inputError(() => parseMappingMilitants(fixture('mm-groups.csv'), fixture('empty.txt'), 'mm'));
    assert.equal(empty.location.file, 'mm/relationships.csv');
    const header = 'unique_id,type,group1_id,group2_id,date,description,group1_name,group2_name\n';
    const short = inputError(() => parseMappingMilitants(fixture('mm-groups.csv'), `${header}\n1633,riv,61,113,2/18/10,"split,\nover lines",Al Shabaab\n`, 'mm'));
    assert.deepEqual(short.location, { file: 'mm/relationships.csv', line: 3, field: 'group2_name' });
    assert.match(short.message, /unique_id 1633: not a Mapping Militants relationships\.csv: expected 8 columns \(unique_id, .*\), found 7/);
    const quote = inputError(() => parseMappingMilitants(fixture('mm-groups.csv'), `${header}1633,riv,61,113,2/18/10,"a "quoted" word",A,B\n`, 'mm'));
    assert.deepEqual(quote.location, { file: 'mm/relationships.csv', line: 2, field: 'description' });
    assert.match(quote.message, /unexpected "q" after a closing quote in the field description/);
  });

  it('reads every date form', () => {
    assert.equal(militantDate('2014-09-00'), '2014-09');
    assert.equal(militantDate('9/11/80'), '1980-09-11');
    assert.equal(militantDate('1/1/07'), '2007-01');
    assert.equal(militantDate(''), null);
    assert.equal(militantDate('2/30/10'), undefined);
    assert.equal(militantDate('2009-00-05'), undefined);
    assert.equal(militantDate('soon'), undefined);
  });
});

describe('parseMappingMilitants on the real files', () => {
  const graph = parseMappingMilitants(readFileSync(`${REAL}/groups.csv`, 'utf8'), readFileSync(`${REAL}/relationships.csv`, 'utf8'), REAL);

  it('reads 638 links between 258 identified groups', () => {
    assert.equal(graph.links.length, 638);
    assert.equal(graph.groups.length, 258);
    assert.equal(graph.unidentified.length, 5);
    const counts: Record<string, number> = {};
    for (const l of graph.links) counts[l.predicate] = (counts[l.predicate] ?? 0) + 1;
    assert.deepEqual(counts, { opposes: 169, allied_with: 193, successor_of: 62, offshoot_of: 90, affiliated_with: 124 });
  });

  it('has known lineage edges with their dates and evidence', () => {
    const find = (subject: string, predicate: string, object: string) =>
      graph.links.find((l) => l.subject === subject && l.predicate === predicate && l.object === object);
    const rira = find('Real Irish Republican Army', 'offshoot_of', 'Provisional Irish Republican Army');
    assert.ok(rira);
    assert.match(rira.description ?? '', /split from the Provisional Irish Republican Army/);
    const aqap = find('Al Qaeda in the Arabian Peninsula', 'successor_of', 'Al Qaeda in Yemen');
    assert.equal(aqap?.date, '2009-01-20');
    assert.ok(graph.links.every((l) => l.date === null || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(l.date)));
    assert.ok(graph.links.every((l) => !/\\'|&#0?39;|â\u0080/.test(l.description ?? '')), 'no escaping or mojibake left');
  });
});
