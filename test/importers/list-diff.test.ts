import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { dedupeNames, diffLists, nameKey } from '../../src/importers/list-diff.js';
import type { ListEntry } from '../../src/importers/types.js';
import { parseUnXml } from '../../src/importers/un-xml.js';

function entry(ref: string, primaryName: string, aliases: string[], extra: Partial<ListEntry> = {}): ListEntry {
  return {
    ref, kind: 'organisation', primaryName, names: aliases.map((text) => ({ text, type: 'alias' as const })),
    listedOn: '2005-05-02', jurisdiction: 'UN', authority: 'UN Security Council', programs: ['Al-Qaida'], record: 1, ...extra,
  };
}

describe('diffLists', () => {
  it('reports added, removed and changed entries by ref', () => {
    const before = [entry('un:A', 'Alpha Army', ['AA']), entry('un:B', 'Beta Front', []), entry('un:C', 'Gamma Group', ['GG'])];
    const after = [
      entry('un:A', 'ALPHA ARMY', ['aa', 'Alpha Brigade']),
      entry('un:C', 'Gamma Group', ['GG'], { listedOn: '2006-01-01', programs: ['ISIL'] }),
      entry('un:D', 'Delta', []),
    ];
    const diff = diffLists(before, after);
    assert.deepEqual(diff.added.map((e) => e.ref), ['un:D']);
    assert.deepEqual(diff.removed.map((e) => e.ref), ['un:B']);
    assert.deepEqual(diff.changed, [
      { ref: 'un:A', addedNames: ['Alpha Brigade'], removedNames: [], changedFields: [] },
      { ref: 'un:C', addedNames: [], removedNames: [], changedFields: ['listedOn', 'programs'] },
    ]);
  });

  it('counts a renamed primary as a change with both names', () => {
    const diff = diffLists([entry('un:A', 'Old Name', [])], [entry('un:A', 'New Name', ['Old Name'])]);
    assert.deepEqual(diff.changed, [{ ref: 'un:A', addedNames: ['New Name'], removedNames: [], changedFields: ['primaryName'] }]);
    assert.deepEqual(diffLists([entry('un:A', 'Same', [])], [entry('un:A', 'Same', [])]), { added: [], removed: [], changed: [] });
  });

  it('compares the two real UN versions: 111 added, 201 removed, 56 changed', () => {
    const v2018 = parseUnXml(readFileSync('../shared/data/un-consolidated-2018-10-29.xml', 'utf8'), '2018');
    const v2026 = parseUnXml(readFileSync('../shared/data/un-consolidated-2026-02-27.xml', 'utf8'), '2026');
    const diff = diffLists(v2018.entries, v2026.entries);
    assert.equal(diff.added.length, 111);
    assert.equal(diff.removed.length, 201);
    assert.equal(diff.changed.length, 56);
    assert.equal(v2018.entries.length - diff.removed.length + diff.added.length, v2026.entries.length);
    assert.ok(diff.removed.some((e) => e.ref.startsWith('un:IQe.')), 'Iraq entities were delisted');
    assert.ok(!diff.removed.some((e) => e.ref === 'un:QDe.118'), 'Lashkar-e-Tayyiba is still listed');
  });
});

describe('name keys and dedupe', () => {
  it('ignores case, spacing and composition', () => {
    assert.equal(nameKey('  AL-QAIDA\n IN  Iraq '), 'al-qaida in iraq');
    assert.equal(nameKey('Qa\u0308ida'), nameKey('Qäida'));
  });

  it('drops the primary and empty names, keeps the first spelling, upgrades weak duplicates', () => {
    assert.deepEqual(dedupeNames('Alpha', [
      { text: 'ALPHA', type: 'alias' },
      { text: ' ', type: 'alias' },
      { text: 'Beta  Front', type: 'weak', quality: 'low' },
      { text: 'BETA FRONT', type: 'alias', quality: 'good' },
      { text: 'beta front', type: 'weak', quality: 'low' },
    ]), [{ text: 'Beta Front', type: 'alias', quality: 'good' }]);
  });
});
