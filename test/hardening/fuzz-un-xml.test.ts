import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { findBadCharacter } from '../../src/documents/characters.js';
import { parseUnXml } from '../../src/importers/un-xml.js';
import type { ParsedList } from '../../src/importers/types.js';
import { isIsoDay } from '../../src/model/partial-date.js';
import { InputCounter, accepted, assertLocated, attempt, fuzzOptions, rejection } from './support/fuzz.js';
import { unCase, xmlSoup } from './support/un-xml.js';

/** What every parsed list satisfies: entries a store can take as they are. */
function assertUsable(list: ParsedList): void {
  const refs = new Set<string>();
  for (const e of list.entries) {
    assert.match(e.ref, /^un:\S+$/);
    assert.ok(!refs.has(e.ref), `${e.ref} once`);
    refs.add(e.ref);
    assert.match(e.primaryName, /[\p{L}\p{N}]/u, `${e.ref} has a name`);
    for (const n of [{ text: e.primaryName }, ...e.names]) {
      assert.notEqual(n.text.trim(), '', `${e.ref}: no empty name`);
      assert.equal(findBadCharacter(n.text, 'xml'), null, `${e.ref}: ${JSON.stringify(n.text)} holds no control character`);
    }
    if (e.listedOn !== null) assert.ok(isIsoDay(e.listedOn), `${e.ref} listedOn ${e.listedOn}`);
    assert.ok(Number.isInteger(e.record) && e.record >= 1);
  }
  if (list.publishedOn !== null) assert.ok(isIsoDay(list.publishedOn));
}

describe('fuzzing the UN consolidated list parser', () => {
  const counter = new InputCounter();
  const kinds = new Map<string, number>();
  after(() => {
    const tally = [...kinds].sort().map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(`fuzz UN XML: ${counter.total} generated inputs (${tally})`);
  });

  it('a valid list gives every record with its line; a broken one names the record, field and line', () => {
    fc.assert(fc.property(unCase, (c) => {
      counter.count();
      kinds.set(c.mutation, (kinds.get(c.mutation) ?? 0) + 1);
      const outcome = attempt(() => parseUnXml(c.xml, 'list.xml'));
      if (c.expect.ok) {
        const list = accepted(outcome);
        assertUsable(list);
        assert.equal(list.publishedOn, c.expect.publishedOn);
        assert.deepEqual(list.entries.map((e) => ({ ref: e.ref, kind: e.kind, line: e.record, listedOn: e.listedOn })), c.expect.entries);
        return;
      }
      const { field, line } = c.expect;
      const fields = field.split('|');
      if (fields.includes('ok') && outcome.ok) return assertUsable(outcome.value);
      const error = rejection(outcome, `${c.mutation}: field ${field}`);
      assertLocated(error, 'list.xml');
      assert.ok(fields.includes(error.location.field ?? ''), `${c.mutation}: expected field ${field}: ${error.message}`);
      if (line !== undefined) assert.equal(error.location.line, line, `${c.mutation}: ${error.message}`);
      if (field.includes('.') && field !== 'CONSOLIDATED_LIST.dateGenerated' && /^(INDIVIDUAL|ENTITY)\./.test(field)) {
        assert.match(error.message, /(INDIVIDUAL|ENTITY) #\d+/, 'a record fault names the record');
      }
    }), fuzzOptions(2500));
  });

  it('tag soup: entries or a located InputError, never another exception', () => {
    fc.assert(fc.property(xmlSoup, (xml) => {
      counter.count();
      const outcome = attempt(() => parseUnXml(xml, 'soup.xml'));
      if (outcome.ok) assertUsable(outcome.value);
      else assertLocated(outcome.error, 'soup.xml');
    }), fuzzOptions(1000));
  });
});
