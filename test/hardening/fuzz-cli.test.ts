import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { anyContent, badDay, jsonLinesCase, textCase, validDay } from './support/documents.js';
import { InputCounter, fuzzOptions } from './support/fuzz.js';
import { ofacCase } from './support/ofac.js';
import { tableCounts } from './support/store.js';
import { unCase } from './support/un-xml.js';

/**
 * The CLI as a script sees it, on a real database: whatever the arguments and inputs, the exit
 * code is 0, 2 (bad input, with a message) or 3 (the database), never 1 (a crash); and a call
 * that fails leaves every table of the database exactly as it was.
 */

const scratch = mkdtempSync(join(tmpdir(), 'proscribe-fuzz-cli-'));
let fileNo = 0;

/** An input file for one case, in the scratch folder. */
type Input = { kind: 'file'; name: string; content: string | Uint8Array } | { kind: 'stdin'; content: string } | { kind: 'path'; path: string };

interface CliCase {
  args: string[];
  inputs: Input[];
  label: string;
}

const formatOpt = fc.option(fc.constantFrom<readonly string[]>(['--format', 'json'], ['--format', 'text'], ['--format', 'xml'], ['--format']), { nil: undefined });
const dayOpt = (flag: string) => fc.option(fc.oneof(validDay, badDay, fc.constant('')).map((d) => [flag, d]), { nil: undefined });
const token = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('-', '--', '-h', '--help', '--version', '--no-extract', '--limit', '-1', '0', '1e9', 'NaN', '99999999999999999999', '--as-of', '--threshold', '2', '--by', '', ' '),
).filter((t) => !['serve', 'bootstrap', 'keys'].includes(t.trim()) && !t.startsWith('--db') && !t.startsWith('--output') && !t.startsWith('--input') && !t.startsWith('--job-dir') && !t.startsWith('--import-dir'));
// Ids past PostgreSQL's integer range included: they once reached the database as they were (exit 1 there).
const id = fc.oneof(fc.nat(40).map(String), fc.constantFrom('-1', 'abc', '1.5', '0x1', '', '2147483647', '2147483648', '99999999999999999999'));
const flat = (parts: (readonly string[] | undefined)[]): string[] => parts.flatMap((p) => [...(p ?? [])]);

const documentInput: fc.Arbitrary<Input> = fc.oneof(
  jsonLinesCase.map((c): Input => ({ kind: 'file', name: 'docs.jsonl', content: c.content })),
  textCase.map((c): Input => ({ kind: 'file', name: c.origin, content: c.content })),
  anyContent.map((c): Input => ({ kind: 'stdin', content: c.content })),
  fc.uint8Array({ maxLength: 64 }).map((b): Input => ({ kind: 'file', name: 'bytes.txt', content: b })),
  fc.constantFrom<Input>({ kind: 'path', path: join(scratch, 'missing.txt') }, { kind: 'path', path: scratch }, { kind: 'path', path: '' }),
);

const ingest: fc.Arbitrary<CliCase> = fc
  .record({
    inputs: fc.array(documentInput, { minLength: 1, maxLength: 3 }),
    date: dayOpt('--date'),
    url: fc.option(fc.oneof(fc.webUrl(), fc.string({ maxLength: 6 })).map((u) => ['--url', u]), { nil: undefined }),
    inputFormat: fc.option(fc.constantFrom('corpus', 'text', 'jsonl', 'pdf', '').map((f) => ['--input-format', f]), { nil: undefined }),
    extract: fc.option(fc.constant<readonly string[]>(['--no-extract']), { nil: undefined }),
    format: formatOpt,
    command: fc.constantFrom('ingest', 'extract'),
  })
  .map(({ inputs, date, url, inputFormat, extract, format, command }) => ({
    args: [command, ...flat(command === 'ingest' ? [date, url, inputFormat, extract, format] : [date, format])],
    inputs,
    label: command,
  }));

const listImport: fc.Arbitrary<CliCase> = fc.oneof(
  fc.record({ c: unCase, published: dayOpt('--published-on'), format: formatOpt }).map(({ c, published, format }) => ({
    args: ['import', 'un-xml', ...flat([published, format])], inputs: [{ kind: 'file' as const, name: 'list.xml', content: c.xml }], label: `import un-xml (${c.mutation})`,
  })),
  fc.record({ c: ofacCase, published: dayOpt('--published-on'), format: formatOpt }).map(({ c, published, format }) => ({
    args: ['import', 'ofac-sdn-csv', ...flat([published, format])], inputs: [{ kind: 'file' as const, name: 'sdn.csv', content: c.csv }], label: `import ofac (${c.mutation})`,
  })),
  fc.record({ format: fc.constantFrom('un-xml', 'ofac-sdn-csv', 'ftm', 'mapping-militants', 'uk-hmt', ''), input: documentInput }).map(({ format, input }) => ({
    args: ['import', format], inputs: [input], label: `import ${format} (other input)`,
  })),
);

const reads: fc.Arbitrary<CliCase> = fc.oneof(
  fc.record({ j: fc.constantFrom('PK', 'UN', 'US', 'gb', 'XX', '', 'PAK'), asOf: dayOpt('--as-of'), format: formatOpt })
    .map(({ j, asOf, format }) => ({ args: ['list', '--jurisdiction', j, ...flat([asOf, format])], inputs: [], label: 'list' })),
  fc.record({ names: fc.array(fc.oneof(fc.constantFrom('Lashkar-e-Toiba', 'HIZBALLAH', 'Banco Nacional', ''), fc.string({ unit: 'grapheme', maxLength: 20 })), { maxLength: 3 }),
    asOf: dayOpt('--as-of'), threshold: fc.option(fc.constantFrom('0.5', '2', '-1', 'x', '').map((t) => ['--threshold', t]), { nil: undefined }),
    limit: fc.option(fc.constantFrom('1', '0', '-3', 'many', '1e3').map((t) => ['--limit', t]), { nil: undefined }), format: formatOpt })
    .map(({ names, asOf, threshold, limit, format }) => ({ args: ['screen', ...flat([asOf, threshold, limit, format]), ...(names.length ? ['--', ...names] : [])], inputs: [], label: 'screen' })),
  fc.record({ status: fc.option(fc.constantFrom('proposed', 'accepted', 'rejected', 'maybe').map((s) => ['--status', s]), { nil: undefined }),
    limit: fc.option(fc.constantFrom('1', '0', '-1', 'x').map((t) => ['--limit', t]), { nil: undefined }), format: formatOpt })
    .map(({ status, limit, format }) => ({ args: ['review', 'list', ...flat([status, limit, format])], inputs: [], label: 'review list' })),
  fc.record({ verdict: fc.constantFrom('accept', 'reject'), ids: fc.array(id, { maxLength: 3 }), note: fc.option(fc.string({ maxLength: 8 }).map((n) => ['--note', n]), { nil: undefined }),
    by: fc.option(fc.constantFrom('analyst', '').map((b) => ['--by', b]), { nil: undefined }) })
    .map(({ verdict, ids, note, by }) => ({ args: ['review', verdict, ...flat([note, by ?? ['--by', 'fuzz']]), ...ids], inputs: [], label: `review ${verdict}` })),
  fc.record({ sub: fc.constantFrom('show', 'merge', 'split'), ids: fc.array(id, { maxLength: 3 }), asOf: dayOpt('--as-of') })
    .map(({ sub, ids, asOf }) => ({ args: ['entity', sub, ...(sub === 'show' ? flat([asOf]) : ['--by', 'fuzz']), ...ids], inputs: [], label: `entity ${sub}` })),
  fc.record({ what: fc.constantFrom('csv', 'ftm', 'xml'), asOf: dayOpt('--as-of') })
    .map(({ what, asOf }) => ({ args: ['export', what, ...(what === 'csv' ? flat([asOf]) : [])], inputs: [], label: `export ${what}` })),
  fc.array(token, { maxLength: 5 }).map((args) => ({ args, inputs: [], label: 'random' })),
  fc.tuple(fc.constantFrom('ingest', 'import', 'list', 'screen', 'review', 'entity', 'export', 'extract'), fc.array(token, { maxLength: 4 }))
    .map(([command, rest]) => ({ args: [command, ...rest], inputs: [], label: `${command} (random arguments)` })),
);

const cliCase: fc.Arbitrary<CliCase> = fc.oneof({ weight: 3, arbitrary: ingest }, { weight: 3, arbitrary: listImport }, { weight: 4, arbitrary: reads });

/** The argv of a case, its input files written out, and the standard input. */
function materialise(c: CliCase, db: string): { argv: string[]; stdin?: string } {
  const paths: string[] = [];
  let stdin: string | undefined;
  for (const input of c.inputs) {
    if (input.kind === 'stdin') {
      stdin = input.content;
      paths.push('-');
    } else if (input.kind === 'path') {
      paths.push(input.path);
    } else {
      const dir = join(scratch, `case-${fileNo++}`);
      mkdirSync(dir);
      const path = join(dir, input.name === '-' ? 'stdin.txt' : input.name);
      writeFileSync(path, input.content);
      paths.push(path);
    }
  }
  return { argv: ['--db', db, ...c.args, ...paths], ...(stdin !== undefined ? { stdin } : {}) };
}

const SEED = ['--no-extract'];

for (const backend of testBackends()) {
  describe(`fuzzing the CLI on ${backend.name}`, { skip: backend.skip }, () => {
    const counter = new InputCounter();
    const codes = new Map<number, number>();
    let db: string;
    before(async () => {
      db = await backend.create();
      // Something for review, screening and lists to work on.
      for (const args of [
        ['import', 'un-xml', 'test/fixtures/importers/un-small.xml'],
        ['import', 'ofac-sdn-csv', 'test/fixtures/importers/ofac-sdn-small.csv'],
        ['ingest', '../shared/examples/seed-article.txt'],
        ['ingest', ...SEED, '--date', '2020-01-01', 'test/fixtures/documents/plain.txt'],
      ]) {
        const r = await cli(['--db', db, ...args]);
        assert.equal(r.code, 0, r.stderr);
      }
    });
    after(async () => {
      console.log(`fuzz CLI on ${backend.name}: ${counter.total} generated calls (exit codes: ${[...codes].sort().map(([c, n]) => `${c}: ${n}`).join(', ')})`);
      await backend.cleanup();
    });

    it('exits 0, 2 or 3, never 1; a failed call names what is wrong and changes no table', async () => {
      await fc.assert(fc.asyncProperty(cliCase, async (c) => {
        counter.count();
        const { argv, stdin } = materialise(c, db);
        const before = await tableCounts(db);
        const r = await cli(argv, stdin !== undefined ? { stdin } : {});
        codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
        assert.ok([0, 2, 3].includes(r.code), `${c.label}: exit ${r.code}: ${r.stderr.slice(0, 800)}`);
        if (r.code === 0) return;
        // Our errors, commander's ("error: unknown option"), or the usage of a command given without its subcommand.
        assert.match(r.stderr, /^(proscribe: |error: |Usage: ).+/m, `${c.label}: a message on stderr`);
        assert.doesNotMatch(r.stderr, /unexpected error|\n\s+at /, `${c.label}: no stack trace`);
        assert.deepEqual(await tableCounts(db), before, `${c.label}: exit ${r.code} left the database as it was (${r.stderr.slice(0, 200)})`);
      }), fuzzOptions(backend.name === 'sqlite' ? 300 : 60));
    });
  });
}

after(() => rmSync(scratch, { recursive: true, force: true }));
