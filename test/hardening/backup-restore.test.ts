import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { sqliteIntegrity, tableCounts } from './support/store.js';

const UN = 'test/fixtures/importers/un-small.xml';
const OFAC = 'test/fixtures/importers/ofac-sdn-small.csv';
const scratch = mkdtempSync(join(tmpdir(), 'proscribe-backup-'));
let n = 0;
const scratchFile = (name: string) => join(scratch, `${n++}-${name}`);

async function ok(args: string[], stdin?: string): Promise<string> {
  const r = await cli(args, stdin === undefined ? {} : { stdin });
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The organisations listed in a jurisdiction: the "fact" a restore must bring back. */
async function listed(db: string, jurisdiction: string): Promise<string[]> {
  const out = JSON.parse(await ok(['--db', db, 'list', '--jurisdiction', jurisdiction, '--as-of', '2026-06-01', '--format', 'json'])) as { organisations: { name: string }[] };
  return out.organisations.map((o) => o.name).sort();
}

for (const backend of testBackends()) {
  describe(`proscribe backup and restore on ${backend.name}`, { skip: backend.skip }, () => {
    let db: string;
    beforeEach(async () => {
      db = await backend.create();
      await ok(['--db', db, 'import', 'un-xml', UN]);
      await ok(['--db', db, 'ingest', '--no-extract', '--date', '2020-01-01', 'test/fixtures/documents/plain.txt']);
    });
    after(() => backend.cleanup());

    it('backs up, and a restore after changes brings back the earlier state; the store then works', async () => {
      const file = scratchFile('registry.backup');
      const counts = await tableCounts(db);
      const un = await listed(db, 'UN');
      assert.ok(un.length > 0);
      const backedUp = JSON.parse(await ok(['--db', db, 'backup', file, '--format', 'json'])) as { bytes: number; counts: { entities: number } };
      assert.ok(existsSync(file) && backedUp.bytes > 0);
      assert.equal(backedUp.counts.entities, counts.entities);

      // Changes after the backup: a second list and a document.
      await ok(['--db', db, 'import', 'ofac-sdn-csv', OFAC]);
      await ok(['--db', db, 'ingest', '--no-extract', '--date', '2021-01-01', '-'], 'A later article about the Example Front.');
      assert.ok((await listed(db, 'US')).length > 0);
      assert.notDeepEqual(await tableCounts(db), counts);

      const restored = await ok(['--db', db, 'restore', file]);
      assert.match(restored, /^restored .* from .*: 1 documents, 5 entities/);
      assert.deepEqual(await tableCounts(db), counts, 'every table as at the backup');
      assert.deepEqual(await listed(db, 'UN'), un);
      assert.deepEqual(await listed(db, 'US'), [], 'the OFAC import made after the backup is gone');

      // Usable afterwards: new rows get ids that do not collide with restored ones.
      await ok(['--db', db, 'import', 'ofac-sdn-csv', OFAC]);
      assert.ok((await listed(db, 'US')).length > 0);
      if (backend.name === 'sqlite') assert.deepEqual(sqliteIntegrity(db), ['ok']);
    });

    it('refuses a file that is not a backup, naming it, and leaves the database as it was', async () => {
      const good = scratchFile('good.backup');
      await ok(['--db', db, 'backup', good]);
      const foreignSqlite = scratchFile('other.sqlite');
      const other = new BetterSqlite3(foreignSqlite);
      other.exec('create table notes (id integer primary key, text text); insert into notes (text) values (\'hello\');');
      other.close();
      const truncated = scratchFile('truncated.backup');
      const bytes = readFileSync(good);
      writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const text = scratchFile('notes.txt');
      writeFileSync(text, 'this is not a backup\n');
      const empty = scratchFile('empty.backup');
      writeFileSync(empty, '');

      const counts = await tableCounts(db);
      const un = await listed(db, 'UN');
      const cases: [string, RegExp][] = [
        [text, /not a proscribe backup/],
        [empty, /not a proscribe backup/],
        [UN, /not a proscribe backup/],
        [truncated, /not a proscribe backup/],
        [foreignSqlite, backend.name === 'sqlite' ? /not a proscribe backup: a SQLite database without proscribe's tables/ : /SQLite backup and the database is PostgreSQL/],
        [join(scratch, 'missing.backup'), /cannot read the backup: ENOENT/],
        [scratch, /cannot read the backup: not a file/],
      ];
      for (const [file, message] of cases) {
        const r = await cli(['--db', db, 'restore', file]);
        assert.equal(r.code, 2, `${file}: ${r.stderr}`);
        assert.ok(r.stderr.startsWith(`proscribe: ${file}, field "file": `), r.stderr);
        assert.match(r.stderr, message);
        assert.deepEqual(await tableCounts(db), counts, `${file}: the database is unchanged`);
      }
      assert.deepEqual(await listed(db, 'UN'), un);
    });

    it('does not overwrite a file unless told to', async () => {
      const file = scratchFile('twice.backup');
      await ok(['--db', db, 'backup', file]);
      const again = await cli(['--db', db, 'backup', file]);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /field "file": the file exists: give --force to overwrite it/);
      await ok(['--db', db, 'import', 'ofac-sdn-csv', OFAC]);
      await ok(['--db', db, 'backup', '--force', file]);
      const counts = await tableCounts(db);
      await ok(['--db', db, 'restore', file]);
      assert.deepEqual(await tableCounts(db), counts, 'the second backup is the one kept');
    });
  });
}

describe('proscribe backup and restore, SQLite specifics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proscribe-backup-sqlite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one self-contained file, restores into a new database, and refuses a newer schema', async () => {
    const db = join(dir, 'live.sqlite');
    await ok(['--db', db, 'import', 'un-xml', UN]);
    const file = join(dir, 'one.backup');
    await ok(['--db', db, 'backup', file]);
    assert.ok(!existsSync(`${file}-wal`) && !existsSync(`${file}-shm`));
    const copy = new BetterSqlite3(file, { readonly: true });
    assert.equal(copy.pragma('journal_mode', { simple: true }), 'delete');
    copy.close();
    assert.deepEqual(sqliteIntegrity(file), ['ok']);

    const fresh = join(dir, 'fresh.sqlite');
    await ok(['--db', fresh, 'restore', file]);
    assert.deepEqual(await tableCounts(fresh), await tableCounts(db));

    // A backup made by a version with a migration this one does not have.
    const future = join(dir, 'future.backup');
    await ok(['--db', db, 'backup', future]);
    const edit = new BetterSqlite3(future);
    edit.prepare("insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2099-01-01T00:00:00.000Z')").run();
    edit.close();
    const counts = await tableCounts(fresh);
    const r = await cli(['--db', fresh, 'restore', future]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /made by a newer version of proscribe \(migrations 9999_from_the_future are unknown here\)/);
    assert.deepEqual(await tableCounts(fresh), counts);
  });

  it('backs up while another connection is in the middle of a write, taking only what is committed', async () => {
    const db = join(dir, 'busy.sqlite');
    await ok(['--db', db, 'import', 'un-xml', UN]);
    const committed = await tableCounts(db);
    const writer = new BetterSqlite3(db);
    try {
      writer.exec('BEGIN IMMEDIATE');
      writer.prepare("insert into entities (kind, name, created_at) values ('organisation', 'Uncommitted Front', '2020-01-01')").run();
      const file = join(dir, 'busy.backup');
      await ok(['--db', db, 'backup', file]);
      assert.deepEqual(await tableCounts(file), committed, 'the backup holds the committed state');
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('exits 3 when there is no database to back up', async () => {
    const r = await cli(['--db', join(dir, 'nothing-here.sqlite'), 'backup', join(dir, 'x.backup')]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /there is no database there/);
    assert.ok(!existsSync(join(dir, 'nothing-here.sqlite')), 'backing up does not create a database');
  });
});

after(() => rmSync(scratch, { recursive: true, force: true }));
