import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { findBadCharacter } from '../../src/documents/characters.js';
import { parseOfacSdnCsv } from '../../src/importers/ofac-sdn-csv.js';
import type { ParsedList } from '../../src/importers/types.js';
import { InputCounter, accepted, assertLocated, attempt, fuzzOptions, rejection } from './support/fuzz.js';
import { csvSoup, ofacCase } from './support/ofac.js';

function assertUsable(list: ParsedList): void {
  const refs = new Set<string>();
  for (const e of list.entries) {
    assert.match(e.ref, /^ofac:\d+$/);
    assert.ok(!refs.has(e.ref), `${e.ref} once`);
    refs.add(e.ref);
    for (const n of [{ text: e.primaryName }, ...e.names]) {
      assert.notEqual(n.text.trim(), '', `${e.ref}: no empty name`);
      assert.equal(findBadCharacter(n.text, 'xml'), null, `${e.ref}: ${JSON.stringify(n.text)} holds no control character`);
    }
    assert.ok(Number.isInteger(e.record) && e.record >= 1);
  }
}

describe('fuzzing the OFAC SDN CSV parser', () => {
  const counter = new InputCounter();
  const kinds = new Map<string, number>();
  after(() => {
    const tally = [...kinds].sort().map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(`fuzz OFAC CSV: ${counter.total} generated inputs (${tally})`);
  });

  it('a valid file gives every record with its line; a broken one names the file, line and field', () => {
    fc.assert(fc.property(ofacCase, (c) => {
      counter.count();
      kinds.set(c.mutation, (kinds.get(c.mutation) ?? 0) + 1);
      const outcome = attempt(() => parseOfacSdnCsv(c.csv, 'sdn.csv', c.alt === undefined ? {} : { alt: c.alt, altOrigin: 'alt.csv' }));
      if (c.expect.ok) {
        const list = accepted(outcome);
        assertUsable(list);
        assert.deepEqual(list.entries.map((e) => ({ ref: e.ref, kind: e.kind, line: e.record })), c.expect.entries);
        return;
      }
      const error = rejection(outcome, c.mutation);
      const file = c.expect.file === 'alt' ? 'alt.csv' : 'sdn.csv';
      assertLocated(error, file);
      if (c.expect.line !== undefined && c.expect.orLater) assert.ok((error.location.line ?? 0) >= c.expect.line, `${c.mutation}: not before line ${c.expect.line}: ${error.message}`);
      else if (c.expect.line !== undefined) assert.equal(error.location.line, c.expect.line, `${c.mutation}: ${error.message}`);
      if (c.expect.field !== undefined) assert.equal(error.location.field, c.expect.field, `${c.mutation}: ${error.message}`);
    }), fuzzOptions(2500));
  });

  it('CSV soup: entries or a located InputError, never another exception', () => {
    fc.assert(fc.property(csvSoup, fc.option(csvSoup, { nil: undefined }), (csv, alt) => {
      counter.count();
      const outcome = attempt(() => parseOfacSdnCsv(csv, 'sdn.csv', alt === undefined ? {} : { alt, altOrigin: 'alt.csv' }));
      if (outcome.ok) assertUsable(outcome.value);
      else assertLocated(outcome.error, outcome.error.location.file === 'alt.csv' ? 'alt.csv' : 'sdn.csv');
    }), fuzzOptions(1000));
  });
});
