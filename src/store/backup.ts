/**
 * Backing up the store to one file and restoring it from one.
 *
 * SQLite: SQLite's online backup API (better-sqlite3's `backup()`), a consistent copy taken
 * while other connections read and write, left as one self-contained file (rollback journal,
 * no -wal). Restoring copies the backup's pages into the live file with the same API, in one
 * write transaction: other connections see the old database or the restored one, never a mix,
 * and a restore cut short leaves the old one.
 *
 * PostgreSQL: `pg_dump --format=custom` of the store's schema; restoring turns the archive into
 * SQL with `pg_restore` (which reads the whole archive first, so a damaged one is refused before
 * anything is touched) and runs the script, behind a drop of the store's tables, with
 * `psql --single-transaction`: all of it commits or none of it. The tools come from the Debian
 * PostgreSQL client (`postgresql-client`); a password in the URL is handed over in PGPASSWORD,
 * not on a command line others can read.
 *
 * Before anything is written, a restore checks that the file is a proscribe backup of the same
 * kind of database (by its signature, its tables and its migrations, none newer than this
 * version knows) and refuses it with an InputError otherwise: the database is then left as it
 * was. A backup older than this version is restored and then migrated forward.
 */
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { DatabaseOpenError, InputError } from '../errors.js';
import { displayLocation, isPostgresUrl, openStore } from './open.js';

export type StoreCounts = Record<'documents' | 'entities' | 'names' | 'facts' | 'evidence' | 'decisions', number>;

export interface BackupSummary {
  backend: 'sqlite' | 'postgres';
  /** The database, as shown in messages (no password). */
  database: string;
  file: string;
  bytes: number;
  /** What the backup holds. */
  counts: StoreCounts;
}

export interface RestoreSummary {
  backend: 'sqlite' | 'postgres';
  database: string;
  file: string;
  /** What the database holds after the restore. */
  counts: StoreCounts;
}

/** Tables every proscribe database has; a file without them is not a backup of one. */
const CORE_TABLES = ['documents', 'entities', 'names', 'facts', 'evidence', 'decisions', 'kysely_migration'] as const;
const SQLITE_SIGNATURE = 'SQLite format 3\u0000';
const PG_SIGNATURE = 'PGDMP';

export async function backupStore(location: string, file: string, options: { force?: boolean } = {}): Promise<BackupSummary> {
  checkTarget(location, file, options.force === true);
  return isPostgresUrl(location) ? backupPostgres(location, file) : backupSqlite(location, file);
}

export async function restoreStore(location: string, file: string): Promise<RestoreSummary> {
  const kind = backupKind(file);
  if (isPostgresUrl(location)) {
    if (kind !== 'postgres') throw notABackup(file, kind === 'sqlite' ? 'it is a SQLite backup and the database is PostgreSQL' : 'it is not a pg_dump archive');
    return restorePostgres(location, file);
  }
  if (kind !== 'sqlite') throw notABackup(file, kind === 'postgres' ? 'it is a PostgreSQL backup (pg_dump) and the database is SQLite' : 'it is not a SQLite database file');
  return restoreSqlite(location, file);
}

// ---------------------------------------------------------------------------------------------
// Files

function notABackup(file: string, why: string): InputError {
  return new InputError(`not a proscribe backup: ${why}; the database was left as it was`, { file, field: 'file' });
}

function checkTarget(location: string, file: string, force: boolean): void {
  const target = resolve(file);
  if (!existsSync(dirname(target))) throw new InputError(`cannot write the backup: directory ${dirname(target)} does not exist`, { file, field: 'file' });
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new InputError('cannot write the backup: it is a directory', { file, field: 'file' });
    if (!force) throw new InputError('the file exists: give --force to overwrite it', { file, field: 'file' });
  }
  if (!isPostgresUrl(location) && resolve(location) === target) throw new InputError('the backup cannot be the database itself', { file, field: 'file' });
}

/** What a file is by its first bytes: a SQLite database, a pg_dump custom archive, or neither. */
function backupKind(file: string): 'sqlite' | 'postgres' | 'other' {
  let fd: number;
  try {
    if (!statSync(file).isFile()) throw new InputError('cannot read the backup: not a file', { file, field: 'file' });
    fd = openSync(file, 'r');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read the backup: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file, field: 'file' });
  }
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    const text = head.subarray(0, n).toString('latin1');
    if (text === SQLITE_SIGNATURE) return 'sqlite';
    if (text.startsWith(PG_SIGNATURE)) return 'postgres';
    return 'other';
  } finally {
    closeSync(fd);
  }
}

/** A file next to `path` for work in progress, unique to this process. */
function partialPath(path: string, what: string): string {
  return join(dirname(resolve(path)), `.${basename(path)}.${what}-${process.pid}-${Date.now()}`);
}

function removeSqliteFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

async function countsOf(location: string): Promise<StoreCounts> {
  const repo = await openStore(location);
  try {
    return await repo.counts();
  } finally {
    await repo.close();
  }
}

// ---------------------------------------------------------------------------------------------
// SQLite

function openSqliteFile(path: string, what: string, file = path): BetterSqlite3.Database {
  try {
    const db = new BetterSqlite3(path, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    // Reading the schema is what tells a database from any other file with the right signature.
    db.prepare('select count(*) from sqlite_master').get();
    return db;
  } catch (error) {
    throw new InputError(`not a proscribe backup: ${what} cannot be read as SQLite (${(error as Error).message}); the database was left as it was`, { file, field: 'file' });
  }
}

function sqliteTables(db: BetterSqlite3.Database): Set<string> {
  return new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
}

function sqliteCounts(db: BetterSqlite3.Database): StoreCounts {
  const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  return {
    documents: count('documents'), entities: count('entities'), names: count('names'),
    facts: count('facts'), evidence: count('evidence'), decisions: count('decisions'),
  };
}

function sqliteMigrations(db: BetterSqlite3.Database): string[] {
  return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
}

async function backupSqlite(location: string, file: string): Promise<BackupSummary> {
  const path = resolve(location);
  if (!existsSync(path)) throw new DatabaseOpenError(`cannot back up SQLite database ${location}: there is no database there`);
  let source: BetterSqlite3.Database;
  try {
    source = new BetterSqlite3(path, { fileMustExist: true });
    source.pragma('busy_timeout = 5000');
    const missing = CORE_TABLES.filter((t) => !sqliteTables(source).has(t));
    if (missing.length > 0) {
      source.close();
      throw new DatabaseOpenError(`cannot back up ${location}: not a proscribe database (no ${missing.join(', ')} table)`);
    }
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw error;
    throw new DatabaseOpenError(`cannot back up SQLite database ${location}: ${(error as Error).message}`, { cause: error });
  }
  const partial = partialPath(file, 'partial');
  try {
    // One step for the rest once the size is known: fewer restarts when other connections write.
    await source.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    removeSqliteFiles(partial);
    throw new DatabaseOpenError(`cannot back up SQLite database ${location}: ${(error as Error).message}`, { cause: error });
  } finally {
    source.close();
  }
  let counts: StoreCounts;
  try {
    const copy = new BetterSqlite3(partial, { fileMustExist: true });
    try {
      // The live database is in WAL mode; the backup is one file that needs nothing beside it.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy fails its check: ${String(check)}`);
      counts = sqliteCounts(copy);
    } finally {
      copy.close();
    }
    renameSync(partial, resolve(file));
  } catch (error) {
    removeSqliteFiles(partial);
    throw new DatabaseOpenError(`cannot back up SQLite database ${location}: ${(error as Error).message}`, { cause: error });
  }
  return { backend: 'sqlite', database: location, file, bytes: statSync(file).size, counts };
}

async function restoreSqlite(location: string, file: string): Promise<RestoreSummary> {
  // The live database, created and migrated if need be: what it knows of migrations is what
  // this version knows.
  await countsOf(location);
  const live = resolve(location);
  const known = (() => {
    const db = new BetterSqlite3(live, { fileMustExist: true });
    try {
      return new Set(sqliteMigrations(db));
    } finally {
      db.close();
    }
  })();

  // Checked and migrated on a copy, so the live database is touched only by the final copy.
  const staging = partialPath(location, 'restore');
  try {
    copyFileSync(file, staging);
    const copy = openSqliteFile(staging, 'the file', file);
    try {
      const tables = sqliteTables(copy);
      const missing = CORE_TABLES.filter((t) => !tables.has(t));
      if (missing.length > 0) throw notABackup(file, `a SQLite database without proscribe's tables (no ${missing.join(', ')})`);
      const integrity = copy.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw notABackup(file, `the database file is damaged (integrity check: ${String(integrity)})`);
      const newer = sqliteMigrations(copy).filter((m) => !known.has(m));
      if (newer.length > 0) throw notABackup(file, `it was made by a newer version of proscribe (migrations ${newer.join(', ')} are unknown here)`);
    } catch (error) {
      // A damaged file can open and then fail on the first page it cannot read.
      if (error instanceof InputError) throw error;
      throw notABackup(file, `the database file is damaged (${(error as Error).message})`);
    } finally {
      copy.close();
    }
    // Brings an older backup up to this version's schema.
    await countsOf(staging);
    const source = new BetterSqlite3(staging, { fileMustExist: true });
    try {
      await source.backup(live, { progress: () => 0x7fffffff });
    } catch (error) {
      throw new DatabaseOpenError(`cannot restore into SQLite database ${location}: ${(error as Error).message}; it was left as it was`, { cause: error });
    } finally {
      source.close();
    }
  } finally {
    removeSqliteFiles(staging);
  }
  return { backend: 'sqlite', database: location, file, counts: await countsOf(location) };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The URL without its password, and the password for PGPASSWORD. */
function connection(location: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(location);
  const password = decodeURIComponent(url.password);
  url.password = '';
  // Notices (`drop cascades to …`) are not news; warnings and errors still come through.
  const env: NodeJS.ProcessEnv = { ...process.env, PGCONNECT_TIMEOUT: process.env.PGCONNECT_TIMEOUT ?? '10', PGOPTIONS: `${process.env.PGOPTIONS ?? ''} -c client_min_messages=warning`.trim() };
  if (password) env.PGPASSWORD = password;
  return { url: url.toString(), env };
}

function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<ToolResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT'
        ? new DatabaseOpenError(`${tool} is not installed: install the PostgreSQL client tools (Debian: apt-get install postgresql-client)`)
        : error);
    });
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8').trim() }));
  });
}

/** The first lines of a tool's complaint, for a message. */
function firstLines(text: string): string {
  return text.split('\n').slice(0, 3).join(' / ');
}

async function backupPostgres(location: string, file: string): Promise<BackupSummary> {
  const shown = displayLocation(location);
  // Opening through the store checks the server is there and the schema is proscribe's.
  const counts = await countsOf(location);
  const { url, env } = connection(location);
  const partial = partialPath(file, 'partial');
  try {
    const r = await runTool('pg_dump', ['--format=custom', '--schema=public', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${url}`], env);
    if (r.code !== 0) throw new DatabaseOpenError(`cannot back up PostgreSQL database ${shown}: pg_dump: ${firstLines(r.stderr)}`);
    renameSync(partial, resolve(file));
  } finally {
    rmSync(partial, { force: true });
  }
  return { backend: 'postgres', database: shown, file, bytes: statSync(file).size, counts };
}

/** Data lines of one table in a pg_restore SQL script (the rows of its COPY). */
function copyRows(script: string, table: string): string[][] {
  const start = script.search(new RegExp(`^COPY public\\.${table} \\(.*\\) FROM stdin;$`, 'm'));
  if (start === -1) return [];
  const body = script.slice(script.indexOf('\n', start) + 1);
  const end = body.search(/^\\\.$/m);
  return (end === -1 ? body : body.slice(0, end)).split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

async function restorePostgres(location: string, file: string): Promise<RestoreSummary> {
  const shown = displayLocation(location);
  // Creates the schema if the database is new; its migrations are what this version knows.
  await countsOf(location);
  const { url, env } = connection(location);

  const list = await runTool('pg_restore', ['--list', file], env);
  if (list.code !== 0) throw notABackup(file, `pg_restore cannot read it (${firstLines(list.stderr)})`);
  const missing = CORE_TABLES.filter((t) => !new RegExp(`^\\d+; \\d+ \\d+ TABLE public ${t} `, 'm').test(list.stdout));
  if (missing.length > 0) throw notABackup(file, `a pg_dump archive without proscribe's tables (no ${missing.join(', ')})`);

  const scratch = partialPath(join(tmpdir(), basename(file)), 'restore');
  const script = `${scratch}.sql`;
  try {
    // The schema `public` itself is not restored: it is there already (the tables are what is replaced).
    const listFile = `${scratch}.list`;
    writeFileSync(listFile, list.stdout.split('\n').filter((l) => !/^\d+; \d+ \d+ (SCHEMA - public|COMMENT - SCHEMA public) /.test(l)).join('\n'));
    // The whole archive as SQL: a damaged or cut-off archive fails here, before the database is touched.
    const sql = await runTool('pg_restore', ['--no-owner', '--no-privileges', `--use-list=${listFile}`, `--file=${script}`, file], env);
    rmSync(listFile, { force: true });
    if (sql.code !== 0) throw notABackup(file, `the archive is damaged (pg_restore: ${firstLines(sql.stderr)})`);
    const text = readFileSync(script, 'utf8');
    const known = await postgresMigrations(location);
    const newer = copyRows(text, 'kysely_migration').map((row) => row[0]!).filter((m) => !known.has(m));
    if (newer.length > 0) throw notABackup(file, `it was made by a newer version of proscribe (migrations ${newer.join(', ')} are unknown here)`);

    // The store's tables go first, in the same transaction as the restore: the database is
    // the backup's afterwards, with no table of the old one left over, or it is unchanged.
    const prelude = `${scratch}-drop.sql`;
    writeFileSync(prelude, [
      'DO $$',
      'DECLARE t record;',
      'BEGIN',
      "  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP",
      "    EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', t.tablename);",
      '  END LOOP;',
      'END $$;',
      '',
    ].join('\n'));
    const run = await runTool('psql', ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--single-transaction', `--file=${prelude}`, `--file=${script}`, `--dbname=${url}`], env);
    rmSync(prelude, { force: true });
    if (run.code !== 0) {
      const why = run.stderr.split('\n').filter((l) => /ERROR|FATAL|could not/.test(l)).join(' / ') || firstLines(run.stderr);
      throw new DatabaseOpenError(`cannot restore into PostgreSQL database ${shown}: psql: ${why}; the database was left as it was`);
    }
  } finally {
    rmSync(script, { force: true });
  }
  // Migrates an older backup forward.
  return { backend: 'postgres', database: shown, file, counts: await countsOf(location) };
}

async function postgresMigrations(location: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    const r = await client.query<{ name: string }>('select name from kysely_migration');
    return new Set(r.rows.map((row) => row.name));
  } finally {
    await client.end();
  }
}
