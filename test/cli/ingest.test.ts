import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

const SEED = '../shared/examples/seed-article.txt';
const FIXTURES = 'test/fixtures/documents';
const scratch = mkdtempSync(join(tmpdir(), 'proscribe-ingest-'));

function writeScratch(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

async function countsAt(db: string) {
  const repo = await openStore(db);
  try {
    return await repo.counts();
  } finally {
    await repo.close();
  }
}

for (const backend of testBackends()) {
  describe(`proscribe ingest on ${backend.name}`, { skip: backend.skip }, () => {
    let db: string;
    beforeEach(async () => {
      db = await backend.create();
    });
    after(() => backend.cleanup());

    it('stores the seed article once, dated from its corpus marker', async () => {
      const first = await cli(['--db', db, 'ingest', '--format', 'json', SEED]);
      assert.equal(first.code, 0, first.stderr);
      const a = JSON.parse(first.stdout) as { documents: { id: number; created: boolean; date: string; sha256: string }[] };
      assert.equal(a.documents.length, 1);
      assert.equal(a.documents[0]!.created, true);
      assert.equal(a.documents[0]!.date, '2020-08-19');
      assert.match(a.documents[0]!.sha256, /^[0-9a-f]{64}$/);

      const second = await cli(['--db', db, 'ingest', '--format', 'json', SEED]);
      const b = JSON.parse(second.stdout) as typeof a;
      assert.equal(b.documents[0]!.created, false);
      assert.equal(b.documents[0]!.id, a.documents[0]!.id);
      assert.equal((await countsAt(db)).documents, 1);

      const text = await cli(['--db', db, 'ingest', SEED]);
      assert.match(text.stdout, /^already stored: document \d+ dated 2020-08-19/);
    });

    it('treats the same text with other line endings and trailing spaces as the same document', async () => {
      const body = 'The Example Front was banned.\nIt is based in Example Province.';
      const p1 = writeScratch('lf.txt', body);
      const p2 = writeScratch('crlf.txt', body.replace(/\n/g, '  \r\n') + '\r\n\r\n');
      const r = await cli(['--db', db, 'ingest', '--date', '2024-01-02', '--format', 'json', p1, p2]);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { documents: { created: boolean }[] };
      assert.deepEqual(out.documents.map((d) => d.created), [true, false]);
    });

    it('ingests plain text with --date, JSON Lines, a directory and standard input', async () => {
      const plain = await cli(['--db', db, 'ingest', '--date', '2023-04-05', '--url', 'https://example.org/p', '--format', 'json', `${FIXTURES}/plain.txt`]);
      assert.equal(plain.code, 0, plain.stderr);
      assert.equal((JSON.parse(plain.stdout) as { documents: { date: string }[] }).documents[0]!.date, '2023-04-05');

      const jsonl = await cli(['--db', db, 'ingest', '--format', 'json', `${FIXTURES}/two-articles.jsonl`]);
      assert.equal(jsonl.code, 0, jsonl.stderr);
      const docs = (JSON.parse(jsonl.stdout) as { documents: { date: string; created: boolean }[] }).documents;
      assert.deepEqual(docs.map((d) => [d.date, d.created]), [['2023-03-01', true], ['2023-03-02', true]]);

      const dir = join(scratch, `dir-${backend.name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'a.txt'), ' date 2022-02-02 A new article about a ban.');
      writeFileSync(join(dir, 'notes.pdf'), 'not a document');
      const fromDir = await cli(['--db', db, 'ingest', '--format', 'json', dir]);
      assert.equal(fromDir.code, 0, fromDir.stderr);
      const dirOut = JSON.parse(fromDir.stdout) as { documents: unknown[]; skipped: string[] };
      assert.equal(dirOut.documents.length, 1);
      assert.deepEqual(dirOut.skipped, [join(dir, 'notes.pdf')]);

      const stdin = await cli(['--db', db, 'ingest', '--date', '2021-01-01', '-'], { stdin: 'Read from standard input.' });
      assert.equal(stdin.code, 0, stdin.stderr);
      assert.match(stdin.stdout, /stored: document \d+ dated 2021-01-01/);
      assert.equal((await countsAt(db)).documents, 5);
    });

    describe('bad input exits 2, names the file, line and field, and writes nothing', () => {
      const cases: { name: string; args: () => string[]; message: RegExp }[] = [
        {
          name: 'JSON Lines row missing text',
          args: () => [writeScratch('missing-text.jsonl', '{"date":"2020-01-01","text":"ok"}\n{"date":"2020-01-02","title":"no text"}\n')],
          message: /missing-text\.jsonl, line 2, field "text": is required/,
        },
        {
          name: 'JSON Lines row that is not JSON',
          args: () => [writeScratch('broken.jsonl', '{"date":"2020-01-01","text":"ok"}\n{"date": "2020-01-02", "text": \n')],
          message: /broken\.jsonl, line 2: not valid JSON/,
        },
        {
          name: 'JSON Lines row with an impossible date',
          args: () => [writeScratch('bad-date.jsonl', '{"date":"2020-02-30","text":"ok"}\n')],
          message: /bad-date\.jsonl, line 1, field "date": must be a calendar date/,
        },
        {
          name: 'corpus marker with a bad date',
          args: () => [writeScratch('bad-marker.txt', ' date 2020-13-01 Some article text.')],
          message: /bad-marker\.txt, line 1, field "date": "2020-13-01" is not a calendar date/,
        },
        {
          name: 'plain text without --date',
          args: () => [writeScratch('undated.txt', 'An article with no date at all.')],
          message: /undated\.txt, field "date": plain text has no publication date/,
        },
        {
          name: 'a bad --date flag',
          args: () => ['--date', '19-08-2020', writeScratch('ok.txt', 'Text.')],
          message: /field "date": "19-08-2020" is not a calendar date/,
        },
        {
          name: 'an unreadable path',
          args: () => [join(scratch, 'does-not-exist.txt')],
          message: /does-not-exist\.txt: cannot read: ENOENT/,
        },
        {
          name: 'a file that is not UTF-8 text',
          args: () => {
            const p = join(scratch, 'latin1.txt');
            writeFileSync(p, Buffer.from([0x20, 0x64, 0x61, 0x74, 0x65, 0x20, 0xff, 0xfe, 0x00]));
            return [p];
          },
          message: /latin1\.txt: not UTF-8 text/,
        },
        {
          name: 'a good file followed by a bad one (one transaction per call)',
          args: () => [SEED, writeScratch('empty-text.jsonl', '{"date":"2020-01-01","text":"   "}\n')],
          message: /empty-text\.jsonl, line 1, field "text": is empty/,
        },
      ];
      for (const c of cases) {
        it(c.name, async () => {
          await cli(['--db', db, 'ingest', `${FIXTURES}/plain.txt`, '--date', '2020-05-05']);
          const before = await countsAt(db);
          const r = await cli(['--db', db, 'ingest', ...c.args()]);
          assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`);
          assert.match(r.stderr, c.message);
          assert.deepEqual(await countsAt(db), before);
        });
      }
    });

    it('lists the organisations proscribed on a date from accepted facts', async () => {
      const repo = await openStore(db);
      try {
        const org = await repo.createEntity('organisation', 'Example Liberation Front', ['test:elf']);
        const f = await repo.addFact({ subjectId: org.id, predicate: 'proscribed', date: '2020-08-19', qualifiers: { jurisdiction: 'PK' }, extractor: 'test', confidence: 1 });
        await repo.decide({ factId: f.id, verdict: 'accepted', by: 'test' });
      } finally {
        await repo.close();
      }
      const r = await cli(['--db', db, 'list', '--jurisdiction', 'pk', '--as-of', '2021-06-01', '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { jurisdiction: string; organisations: { entity: { name: string; refs: string[] }; since: string }[] };
      assert.equal(out.jurisdiction, 'PK');
      assert.deepEqual(out.organisations.map((o) => [o.entity.name, o.entity.refs, o.since]), [['Example Liberation Front', ['test:elf'], '2020-08-19']]);
      const before = await cli(['--db', db, 'list', '--jurisdiction', 'PK', '--as-of', '2020-08-18', '--format', 'json']);
      assert.deepEqual((JSON.parse(before.stdout) as { organisations: unknown[] }).organisations, []);
      const bad = await cli(['--db', db, 'list', '--jurisdiction', 'PK', '--as-of', '2021-02-30']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /field "as-of"/);
    });
  });
}

describe('a database that cannot be opened exits 3 with the reason', () => {
  it('SQLite in a missing directory', async () => {
    const r = await cli(['--db', join(scratch, 'no-such-dir', 'x.sqlite'), 'list', '--jurisdiction', 'PK']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /cannot open SQLite database .*no-such-dir.* does not exist/);
  });
  it('a file that is not a SQLite database', async () => {
    const r = await cli(['--db', writeScratch('not-a-db.sqlite', 'this is plain text, not a database file at all'), 'list', '--jurisdiction', 'PK']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /cannot open SQLite database .*not-a-db\.sqlite: file is not a database/);
  });
  it('a PostgreSQL server that does not answer', async () => {
    const r = await cli(['--db', 'postgres://nobody:secret@127.0.0.1:1/none', 'list', '--jurisdiction', 'PK']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /cannot open PostgreSQL database postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/);
    assert.doesNotMatch(r.stderr, /secret/);
  });
  it('PROSCRIBE_DB is used when --db is absent', async () => {
    const r = await cli(['list', '--jurisdiction', 'PK'], { env: { PROSCRIBE_DB: join(scratch, 'missing', 'env.sqlite') } });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /env\.sqlite/);
  });
});
