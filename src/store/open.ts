import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { DatabaseOpenError } from '../errors.js';
import { KyselyRepository } from './kysely-repository.js';
import { migrateToLatest } from './migrations.js';
import { withStatementCache } from './sqlite-statements.js';
import type { Repository } from './repository.js';
import type { Database } from './schema.js';

export const DEFAULT_DB = 'proscribe.sqlite';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The location to report in messages: a URL loses its password. */
export function displayLocation(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** The database given by --db, else PROSCRIBE_DB, else ./proscribe.sqlite. */
export function resolveDbLocation(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.PROSCRIBE_DB ?? DEFAULT_DB;
}

async function openSqlite(path: string): Promise<Repository> {
  const file = resolve(path);
  if (!existsSync(dirname(file))) throw new DatabaseOpenError(`cannot open SQLite database ${path}: directory ${dirname(file)} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new DatabaseOpenError(`cannot open SQLite database ${path}: it is a directory`);
  let native: BetterSqlite3.Database;
  try {
    native = new BetterSqlite3(file);
    native.pragma('journal_mode = WAL');
    native.pragma('foreign_keys = ON');
    native.pragma('busy_timeout = 5000');
    native.pragma('synchronous = NORMAL');
  } catch (error) {
    throw new DatabaseOpenError(`cannot open SQLite database ${path}: ${(error as Error).message}`, { cause: error });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(native) }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw new DatabaseOpenError(`cannot open SQLite database ${path}: ${(error as Error).message}`, { cause: error });
  }
  return new KyselyRepository(db, 'sqlite', path, () => db.destroy());
}

async function openPostgres(url: string): Promise<Repository> {
  const shown = displayLocation(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
  } catch (error) {
    await db.destroy().catch(() => {});
    throw new DatabaseOpenError(`cannot open PostgreSQL database ${shown}: ${(error as Error).message}`, { cause: error });
  }
  return new KyselyRepository(db, 'postgres', shown, () => db.destroy());
}

/** Where each store was opened from, password included: `location` hides it, a worker thread needs it. */
const openedFrom = new WeakMap<Repository, string>();

/** Open (creating and migrating when needed) the store at a file path or a `postgres://` URL. */
export async function openStore(location: string): Promise<Repository> {
  const repo = isPostgresUrl(location) ? await openPostgres(location) : await openSqlite(location);
  openedFrom.set(repo, location);
  return repo;
}

/** The location to open the same database again from another thread (a PostgreSQL URL keeps its password). */
export function reopenLocation(repo: Repository): string {
  return openedFrom.get(repo) ?? repo.location;
}
