import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { isPostgresUrl } from '../../../src/store/open.js';

/**
 * The row count of every table of a database, read with the drivers directly (not through the
 * repository under test): "unchanged" means every table, the import runs and the migration
 * bookkeeping included, not only the ones `counts()` reports.
 */
export async function tableCounts(location: string): Promise<Record<string, number>> {
  if (isPostgresUrl(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
      );
      const out: Record<string, number> = {};
      for (const { name } of tables.rows) {
        const r = await client.query<{ n: string }>(`select count(*) as n from "${name.replace(/"/g, '""')}"`);
        out[name] = Number(r.rows[0]!.n);
      }
      return out;
    } finally {
      await client.end();
    }
  }
  const db = new BetterSqlite3(location, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
    const out: Record<string, number> = {};
    for (const { name } of tables) out[name] = (db.prepare(`select count(*) as n from "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    return out;
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` of a SQLite file: `['ok']` when sound. */
export function sqliteIntegrity(path: string): string[] {
  const db = new BetterSqlite3(path, { fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
}
