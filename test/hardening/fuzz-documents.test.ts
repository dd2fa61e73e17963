import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { findBadCharacter } from '../../src/documents/characters.js';
import { normaliseText } from '../../src/documents/normalise.js';
import { parseDocuments } from '../../src/documents/parse.js';
import { readInputs } from '../../src/documents/read-inputs.js';
import { isIsoDay } from '../../src/model/partial-date.js';
import type { DocumentInput } from '../../src/model/types.js';
import { anyContent, jsonLinesCase, textCase } from './support/documents.js';
import { InputCounter, accepted, assertLocated, attempt, fuzzOptions, rejection } from './support/fuzz.js';

/** What every accepted document satisfies, whatever the input was. */
function assertStorable(docs: DocumentInput[], origin: string): void {
  assert.ok(docs.length > 0, 'at least one document');
  for (const d of docs) {
    assert.ok(isIsoDay(d.date), `date ${d.date}`);
    assert.notEqual(normaliseText(d.text), '', 'the text is not empty once normalised');
    for (const value of [d.text, d.title, d.url]) if (value) assert.equal(findBadCharacter(value, 'storable'), null, 'no NUL or unpaired surrogate');
    assert.ok(d.origin.startsWith(origin), `origin ${d.origin}`);
  }
}

describe('fuzzing the ingest formats', () => {
  const counter = new InputCounter();
  after(() => console.log(`fuzz ingest formats: ${counter.total} generated inputs`));

  it('JSON Lines: the documents of a good file; the line (and field) of the one broken row', () => {
    fc.assert(fc.property(jsonLinesCase, (c) => {
      counter.count();
      const outcome = attempt(() => parseDocuments(c.content, 'in.jsonl'));
      if (c.badLine === undefined) {
        const docs = accepted(outcome);
        assertStorable(docs, 'in.jsonl');
        const expected = c.lines.flatMap((l, i) => (l.doc ? [{ ...l.doc, origin: `in.jsonl:${i + 1}` }] : []));
        assert.deepEqual(docs, expected);
        return;
      }
      const error = rejection(outcome, `line ${c.badLine} is broken`);
      assertLocated(error, 'in.jsonl');
      assert.equal(error.location.line, c.badLine, error.message);
      if (c.badField) assert.equal(error.location.field, c.badField, error.message);
      else assert.equal(error.location.field, undefined, error.message);
    }), fuzzOptions(2500));
  });

  it('corpus and plain text: the document, or the field (and line) at fault', () => {
    fc.assert(fc.property(textCase, (c) => {
      counter.count();
      const outcome = attempt(() => parseDocuments(c.content, c.origin, c.options));
      if (c.expect.ok) {
        const docs = accepted(outcome);
        assertStorable(docs, c.origin);
        assert.equal(docs.length, 1);
        assert.equal(docs[0]!.date, c.expect.date);
        assert.equal(docs[0]!.url, c.expect.url);
        return;
      }
      const error = rejection(outcome, `field ${c.expect.field}`);
      assertLocated(error, c.origin);
      assert.equal(error.location.field, c.expect.field, error.message);
      if (c.expect.line !== undefined) assert.equal(error.location.line, c.expect.line, error.message);
    }), fuzzOptions(2000));
  });

  it('anything at all: storable documents or a located InputError, never another exception', () => {
    fc.assert(fc.property(anyContent, ({ content, origin, date, format }) => {
      counter.count();
      const outcome = attempt(() => parseDocuments(content, origin, { ...(date !== undefined ? { date } : {}), ...(format ? { format } : {}) }));
      if (outcome.ok) assertStorable(outcome.value, origin);
      else assertLocated(outcome.error, origin);
    }), fuzzOptions(2000));
  });

  it('normaliseText: idempotent, LF only, no trailing blanks, no run of blank lines, nothing but whitespace changed', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.constantFrom(' ', '\t', '\n', '\r', '\r\n', 'a', 'e\u0301', '\u00a0', '\u2028', 'ب', '  x  '), { maxLength: 60 }).map((a) => a.join('')),
    );
    fc.assert(fc.property(text, (raw) => {
      counter.count();
      const once = normaliseText(raw);
      assert.equal(normaliseText(once), once, 'idempotent');
      assert.ok(!once.includes('\r'), 'no CR');
      assert.ok(!/[ \t]\n|[ \t]$/.test(once), 'no trailing blanks');
      assert.ok(!once.includes('\n\n\n'), 'at most one blank line in a row');
      assert.equal(once.replace(/\s/g, ''), raw.normalize('NFC').replace(/\s/g, ''), 'only whitespace differs from NFC');
    }), fuzzOptions(1500));
  });

  it('files as bytes (invalid UTF-8, BOMs, NULs): read and parsed, or a located InputError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proscribe-fuzz-bytes-'));
    try {
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        fc.tuple(fc.constantFrom('\ufeff date 2020-01-01 ', '{"date":"2020-01-01","text":"', ' date 2020-02-30 ', ''), fc.uint8Array({ maxLength: 40 }), fc.constantFrom('ok"}\n', ' text.', ''))
          .map(([head, middle, tail]) => Buffer.concat([Buffer.from(head), middle, Buffer.from(tail)])),
      );
      let n = 0;
      await fc.assert(fc.asyncProperty(bytes, fc.constantFrom('a.txt', 'b.jsonl', 'c.md'), async (content, name) => {
        counter.count();
        const path = join(dir, `${n++}-${name}`);
        writeFileSync(path, content);
        let files;
        try {
          files = (await readInputs([path])).files;
        } catch (error) {
          assert.ok(error instanceof Error && error.name === 'InputError', `readInputs threw ${String(error)}`);
          assert.match(error.message, /not UTF-8 text/);
          return;
        }
        for (const f of files) {
          const outcome = attempt(() => parseDocuments(f.content, f.origin, { date: '2020-01-01' }));
          if (outcome.ok) assertStorable(outcome.value, path);
          else assertLocated(outcome.error, path);
        }
      }), fuzzOptions(300));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
