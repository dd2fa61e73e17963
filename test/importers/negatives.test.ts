import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseOfacSdnCsv } from '../../src/importers/ofac-sdn-csv.js';
import { parseUnXml } from '../../src/importers/un-xml.js';

const DATA = '../shared/data';

/** Case, accents, punctuation and spacing folded away. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

describe('bench/data/negatives.txt', () => {
  const negatives = readFileSync('bench/data/negatives.txt', 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

  it('has at least 120 distinct names', () => {
    assert.ok(negatives.length >= 120, `${negatives.length} names`);
    assert.equal(new Set(negatives.map(fold)).size, negatives.length, 'no duplicates');
  });

  it('has no name that is a listed name or alias in the UN and OFAC lists', () => {
    const lists = [
      parseUnXml(readFileSync(`${DATA}/un-consolidated-2018-10-29.xml`, 'utf8'), 'un-2018'),
      parseUnXml(readFileSync(`${DATA}/un-consolidated-2026-02-27.xml`, 'utf8'), 'un-2026'),
      parseOfacSdnCsv(readFileSync(`${DATA}/ofac-sdn-2024-05.csv`, 'utf8'), 'ofac-2024'),
      parseOfacSdnCsv(readFileSync(`${DATA}/ofac-sdn-2021-07/sdn.csv`, 'utf8'), 'ofac-2021', {
        alt: readFileSync(`${DATA}/ofac-sdn-2021-07/alt.csv`, 'utf8'),
      }),
    ];
    const listed = new Map<string, string>();
    for (const list of lists) {
      for (const entry of list.entries) {
        for (const name of [entry.primaryName, ...entry.names.map((n) => n.text)]) listed.set(fold(name), `${entry.ref} (${name})`);
      }
    }
    assert.ok(listed.has(fold('Lashkar-e-Tayyiba')) && listed.has(fold('Muhammad Ali')), 'the check sees listed names');
    const hits = negatives.filter((n) => listed.has(fold(n))).map((n) => `${n} = ${listed.get(fold(n))}`);
    assert.deepEqual(hits, []);
  });
});
