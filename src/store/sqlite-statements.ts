import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * A better-sqlite3 connection for Kysely that keeps its prepared statements. Kysely's SQLite
 * driver prepares every query afresh, which under API load cost a tenth of the server's time
 * (the key lookup and the screener's version check run on every request). A statement still
 * being iterated (a streamed export) is busy and cannot be run again, so a busy hit is
 * answered with a fresh statement. SQLite re-prepares a kept statement itself after a schema
 * change, so migrations need no flush.
 */
export function withStatementCache(native: BetterSqlite3.Database, capacity = 256): SqliteDatabase {
  // A Map iterates in insertion order: deleting and re-inserting on use makes it an LRU.
  const kept = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => native.close(),
    prepare(sql: string) {
      const hit = kept.get(sql);
      if (hit !== undefined) {
        if (hit.busy) return native.prepare(sql);
        kept.delete(sql);
        kept.set(sql, hit);
        return hit;
      }
      const statement = native.prepare(sql);
      kept.set(sql, statement);
      if (kept.size > capacity) kept.delete(kept.keys().next().value!);
      return statement;
    },
  };
}
