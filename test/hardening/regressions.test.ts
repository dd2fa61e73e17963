import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { normaliseText } from '../../src/documents/normalise.js';
import { parseDocuments } from '../../src/documents/parse.js';
import { parseOfacSdnCsv, remarkAliases } from '../../src/importers/ofac-sdn-csv.js';
import { expandUnName, parseUnXml } from '../../src/importers/un-xml.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { inputError } from '../support/errors.js';
import { accepted, attempt } from './support/fuzz.js';
import { tableCounts } from './support/store.js';

/** The bugs the fuzzers found, one test each, so that they stay fixed. */

const unList = (body: string, head = '') => `<?xml version="1.0"?>\n${head}<CONSOLIDATED_LIST dateGenerated="2020-01-01">\n<ENTITIES>\n${body}\n</ENTITIES>\n</CONSOLIDATED_LIST>\n`;
const unEntity = (name: string, ref = 'QDe.001') => `<ENTITY><FIRST_NAME>${name}</FIRST_NAME><REFERENCE_NUMBER>${ref}</REFERENCE_NUMBER></ENTITY>`;
const sdnRow = (id: string, name: string, remarks = '-0-') => `${id},"${name}",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"${remarks}"`;

describe('ingest formats: fixed faults', () => {
  it('normalising a line of many blanks before a letter is linear (it was quadratic: seconds for 100 kB)', () => {
    const text = `a${' \t'.repeat(200_000)}b  \nc\t`;
    assert.equal(accepted(attempt(() => normaliseText(text))), `a${' \t'.repeat(200_000)}b\nc`);
  });

  it('a NUL or an unpaired surrogate written as a JSON escape is refused with its line and field (PostgreSQL refused the NUL: exit 1)', () => {
    const rows = [
      ['{"date":"2020-01-01","text":"a\\u0000b"}', 'text', /contains a NUL character \(U\+0000\)/],
      ['{"date":"2020-01-01","text":"ok","title":"t\\u0000"}', 'title', /NUL/],
      ['{"date":"2020-01-01","text":"ok","url":"https://x.org/\\u0000"}', 'url', /NUL/],
      ['{"date":"2020-01-01","text":"ok","url":"https://x.org/\\nnext"}', 'url', /a control character \(U\+000A\)/],
      ['{"date":"2020-01-01","text":"a\\ud800b"}', 'text', /an unpaired surrogate \(U\+D800\)/],
    ] as const;
    for (const [row, field, message] of rows) {
      const error = inputError(() => parseDocuments(`{"date":"2020-01-01","text":"fine"}\n${row}\n`, 'in.jsonl'));
      assert.deepEqual([error.location.line, error.location.field], [2, field], error.message);
      assert.match(error.message, message);
    }
    const plain = inputError(() => parseDocuments('line one\nline \ud83d two', 'p.txt', { date: '2020-01-01' }));
    assert.deepEqual([plain.location.line, plain.location.field], [2, 'text']);
    const url = inputError(() => parseDocuments('text', 'p.txt', { date: '2020-01-01', url: 'https://x.org/\u0000' }));
    assert.equal(url.location.field, 'url');
  });

  it('says a field of the wrong type is of the wrong type, not missing', () => {
    const date = inputError(() => parseDocuments('{"date":20200101,"text":"x"}', 'in.jsonl'));
    assert.match(date.message, /field "date": must be a string YYYY-MM-DD, not a number/);
    const text = inputError(() => parseDocuments('{"date":"2020-01-01","text":["x"]}', 'in.jsonl'));
    assert.match(text.message, /field "text": must be a string, not an array/);
    const missing = inputError(() => parseDocuments('{"date":"2020-01-01"}', 'in.jsonl'));
    assert.match(missing.message, /field "text": is required/);
  });

  it('takes a byte-order mark as encoding, not text, from any caller', () => {
    assert.equal(parseDocuments('\ufeff{"date":"2020-01-01","text":"x"}', 'in.jsonl')[0]!.text, 'x');
    assert.equal(parseDocuments('\ufeff date 2020-01-01 text', 'in.txt')[0]!.date, '2020-01-01');
  });

  it('names a line for a JSON Lines file without documents', () => {
    assert.equal(inputError(() => parseDocuments('\n\n', 'in.jsonl')).location.line, 1);
  });
});

describe('UN list: fixed faults', () => {
  it('refuses entity declarations: billion laughs, external and internal entities', () => {
    const laughs = '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n';
    for (const head of [laughs, '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n', '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x "Evil">]>\n']) {
      const error = inputError(() => parseUnXml(unList(unEntity('A &c;'), head), 'list.xml'));
      assert.deepEqual([error.location.line, error.location.field], [2, 'xml']);
      assert.match(error.message, /entity declarations \(<!ENTITY …>\) are not accepted/);
    }
  });

  it('refuses references XML does not define, instead of keeping "&foo" as part of a name', () => {
    for (const [name, message] of [
      ['A &foo; B', /undefined entity "&foo;"/], ['A &constructor; B', /undefined entity/], ['A &#0; B', /character reference "&#0;" is not a character XML allows/],
      ['A &#x110000; B', /not a character XML allows/], ['A &#xD800;', /not a character XML allows/],
    ] as const) {
      const error = inputError(() => parseUnXml(unList(unEntity(name)), 'list.xml'));
      assert.deepEqual([error.location.line, error.location.field], [4, 'xml'], error.message);
      assert.match(error.message, message);
    }
    // What XML and the parser's HTML table define still reads.
    assert.equal(parseUnXml(unList(unEntity('CAF&#201; &amp; &lt;CO&gt;&nbsp;&#x41;')), 'list.xml').entries[0]!.primaryName, 'CAFÉ & <CO> A');
  });

  it('refuses characters XML does not allow (a NUL reached PostgreSQL)', () => {
    for (const ch of ['\u0000', '\u0001', '\uffff', '\ud800']) {
      const error = inputError(() => parseUnXml(unList(unEntity(`A${ch}B`)), 'list.xml'));
      assert.deepEqual([error.location.line, error.location.field], [4, 'xml'], error.message);
    }
  });

  it('refuses what it would have dropped without a word: a second root, unknown or misplaced elements', () => {
    const second = inputError(() => parseUnXml(`${unList(unEntity('A'))}<CONSOLIDATED_LIST><ENTITIES>${unEntity('B', 'QDe.002')}</ENTITIES></CONSOLIDATED_LIST>`, 'list.xml'));
    assert.equal(second.location.line, 7);
    const typo = inputError(() => parseUnXml(unList(`${unEntity('A')}\n<ENTTY><FIRST_NAME>B</FIRST_NAME></ENTTY>`), 'list.xml'));
    assert.deepEqual([typo.location.line, typo.location.field], [5, 'ENTITIES.ENTTY']);
    const misplaced = inputError(() => parseUnXml(unList(`${unEntity('A')}\n<INDIVIDUAL><FIRST_NAME>B</FIRST_NAME></INDIVIDUAL>`), 'list.xml'));
    assert.deepEqual([misplaced.location.line, misplaced.location.field], [5, 'ENTITIES.INDIVIDUAL']);
    const section = inputError(() => parseUnXml(unList(unEntity('A')).replace('</CONSOLIDATED_LIST>', '<VESSELS/>\n</CONSOLIDATED_LIST>'), 'list.xml'));
    assert.deepEqual([section.location.line, section.location.field], [6, 'CONSOLIDATED_LIST.VESSELS']);
  });

  it('counts record lines past processing instructions that mention record tags', () => {
    const xml = unList(`<?note <ENTITY> ?>\n${unEntity('A')}`);
    assert.equal(parseUnXml(xml, 'list.xml').entries[0]!.record, 5);
  });

  it('refuses a name of punctuation only', () => {
    const error = inputError(() => parseUnXml(unList(unEntity('()')), 'list.xml'));
    assert.deepEqual([error.location.line, error.location.field], [4, 'ENTITY.FIRST_NAME']);
  });

  it('expands long and deeply bracketed names in linear time, without running out of stack', () => {
    const nested = `A ${'('.repeat(50_000)}B${')'.repeat(50_000)}`;
    assert.ok(accepted(attempt(() => expandUnName(nested, 'alias'))).length >= 1);
    const leading = `${'('.repeat(20_000)}Name${')'.repeat(20_000)}`;
    assert.deepEqual(accepted(attempt(() => expandUnName(leading, 'alias'))).map((n) => n.text).slice(0, 1).map((t) => t.replace(/[()]/g, '')), ['Name']);
    for (const junk of [',', '(', '"', ';']) {
      accepted(attempt(() => parseUnXml(unList(unEntity(`Name ${junk.repeat(100_000)} x`)), 'list.xml')));
    }
  });
});

describe('OFAC SDN CSV: fixed faults', () => {
  it('reads remarks with many unclosed a.k.a.s in linear time, with the same names', () => {
    const remarks = `${"a.k.a. 'x ".repeat(20_000)}a.k.a. 'LAST'.`;
    assert.deepEqual(accepted(attempt(() => remarkAliases(remarks))).map((n) => n.text), [`x ${"a.k.a. 'x ".repeat(19_999)}a.k.a. 'LAST`.replace(/\s+/g, ' ').trim()]);
    assert.deepEqual(remarkAliases("DOB 1950; a.k.a. 'ONE'; f.k.a. \"TWO\"; a.k.a. 'THREE'.").map((n) => [n.text, n.type]), [['ONE', 'weak'], ['TWO', 'previous'], ['THREE', 'weak']]);
  });

  it('refuses a control character in a cell with its line and column, and an unpaired surrogate with its line', () => {
    const nul = inputError(() => parseOfacSdnCsv(`${sdnRow('1', 'A')}\n${sdnRow('2', 'B\u0000C')}\n`, 'sdn.csv'));
    assert.deepEqual([nul.location.line, nul.location.field], [2, 'SDN_Name']);
    assert.match(nul.message, /holds a NUL character/);
    const surrogate = inputError(() => parseOfacSdnCsv(`${sdnRow('1', 'A')}\n${sdnRow('2', 'B\ud800')}\n`, 'sdn.csv'));
    assert.equal(surrogate.location.line, 2);
    assert.match(surrogate.message, /unpaired surrogate/);
  });
});

for (const backend of testBackends()) {
  describe(`fixed faults through the CLI on ${backend.name}`, { skip: backend.skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'proscribe-regress-'));
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await backend.cleanup();
    });

    it('a NUL in a JSON Lines document or a list name exits 2 and writes nothing (it was exit 1 on PostgreSQL)', async () => {
      const db = await backend.create();
      const first = await cli(['--db', db, 'ingest', '--no-extract', '--date', '2020-01-01', '-'], { stdin: 'A first document.' });
      assert.equal(first.code, 0, first.stderr);
      const before = await tableCounts(db);
      const doc = await cli(['--db', db, 'ingest', '-'], { stdin: '{"date":"2020-01-01","text":"fine"}\n{"date":"2020-01-01","text":"a\\u0000b"}\n' });
      assert.equal(doc.code, 2, doc.stderr);
      assert.match(doc.stderr, /^proscribe: -, line 2, field "text": contains a NUL character/);
      const xml = join(dir, `nul-${backend.name}.xml`);
      writeFileSync(xml, unList(unEntity('A&#0;B')));
      const list = await cli(['--db', db, 'import', 'un-xml', xml]);
      assert.equal(list.code, 2, list.stderr);
      const csv = join(dir, `nul-${backend.name}.csv`);
      writeFileSync(csv, `${sdnRow('1', 'A\u0000')}\n`);
      const sdn = await cli(['--db', db, 'import', 'ofac-sdn-csv', csv]);
      assert.equal(sdn.code, 2, sdn.stderr);
      assert.match(sdn.stderr, /line 1, field "SDN_Name"/);
      assert.deepEqual(await tableCounts(db), before);
    });

    // Found by the CLI fuzzer: PostgreSQL refused such an id with "out of range for type integer" (exit 1).
    it('an id past the integer range is bad input, exit 2, on every database', async () => {
      const db = await backend.create();
      for (const args of [['entity', 'show', '99999999999999999999'], ['review', 'accept', '--by', 'a', '2147483648']]) {
        const r = await cli(['--db', db, ...args]);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      }
    });
  });
}
