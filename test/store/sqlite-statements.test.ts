import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { withStatementCache } from '../../src/store/sqlite-statements.js';

function database() {
  const native = new BetterSqlite3(join(mkdtempSync(join(tmpdir(), 'proscribe-stmt-')), 'db.sqlite'));
  native.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES (\'a\'), (\'b\'), (\'c\');');
  return native;
}

test('a query prepared twice is prepared once', () => {
  const db = withStatementCache(database());
  const first = db.prepare('SELECT v FROM t WHERE id = ?');
  assert.equal(db.prepare('SELECT v FROM t WHERE id = ?'), first);
  assert.deepEqual(first.all([2]), [{ v: 'b' }]);
  db.close();
});

test('a statement still being iterated is not handed out again', () => {
  const db = withStatementCache(database());
  const sql = 'SELECT v FROM t ORDER BY id';
  const rows = db.prepare(sql).iterate([]);
  assert.deepEqual(rows.next().value, { v: 'a' });
  const again = db.prepare(sql);
  assert.deepEqual(again.all([]), [{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
  assert.deepEqual([...rows], [{ v: 'b' }, { v: 'c' }]);
  db.close();
});

test('the least recently used statement leaves when the cache is full', () => {
  const db = withStatementCache(database(), 2);
  const one = db.prepare('SELECT 1');
  const two = db.prepare('SELECT 2');
  assert.equal(db.prepare('SELECT 1'), one);
  db.prepare('SELECT 3');
  assert.equal(db.prepare('SELECT 1'), one);
  assert.notEqual(db.prepare('SELECT 2'), two);
  db.close();
});

test('a kept statement sees a schema change', () => {
  const native = database();
  const db = withStatementCache(native);
  assert.deepEqual(db.prepare('SELECT * FROM t WHERE id = 1').all([]), [{ id: 1, v: 'a' }]);
  native.exec('ALTER TABLE t ADD COLUMN w TEXT DEFAULT \'x\'');
  assert.deepEqual(db.prepare('SELECT * FROM t WHERE id = 1').all([]), [{ id: 1, v: 'a', w: 'x' }]);
  db.close();
});
