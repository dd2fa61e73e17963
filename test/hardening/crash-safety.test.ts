import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { cli } from '../support/cli.js';
import { type TestBackend, testBackends } from '../support/backends.js';
import { sqliteIntegrity, tableCounts } from './support/store.js';

/**
 * A real `proscribe` process killed with SIGKILL in the middle of its one write transaction
 * (an import of the OFAC list, an ingest of many articles): the database opens again, passes
 * its integrity check (SQLite), holds exactly the rows it held before, and the same command run
 * again completes, writing everything (so nothing of the killed run was left behind).
 *
 * "In the middle" is observed, not guessed from a delay: on SQLite, another connection cannot
 * take the write lock (the process has written and not committed); on PostgreSQL, the process's
 * backend has a transaction id (it has written) and is still in that transaction. The process
 * is killed only after that has held for a run of consecutive polls, and the test asserts it
 * died of the SIGKILL. If it finishes first (a fast machine), the input is made larger and the
 * attempt repeated on a fresh database; the test fails rather than pass without a kill.
 */

const scratch = mkdtempSync(join(tmpdir(), 'proscribe-crash-'));
const OFAC = '../shared/data/ofac-sdn-2024-05.csv';
/** Polls in a row that must see the transaction open before the kill. */
const SUSTAINED_POLLS = 8;
const POLL_MS = 25;

function spawnProscribe(args: string[]): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PROSCRIBE_DB: '' } });
  const err: Buffer[] = [];
  child.stderr!.on('data', (c: Buffer) => err.push(c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stderr: Buffer.concat(err).toString('utf8') }));
  });
  return { child, exited };
}

/** Whether a process other than this test has an open write transaction on the database. */
interface WriteProbe {
  writing(): Promise<boolean>;
  /** Resolves once no other process's transaction is left (PostgreSQL: the server has noticed the kill). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

async function probeFor(db: string, backend: TestBackend['name']): Promise<WriteProbe> {
  if (backend === 'sqlite') {
    const conn = new BetterSqlite3(db, { fileMustExist: true });
    conn.pragma('busy_timeout = 0');
    return {
      async writing() {
        try {
          conn.exec('BEGIN IMMEDIATE');
          conn.exec('ROLLBACK');
          return false;
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
          throw error;
        }
      },
      async settled() {},
      async close() {
        conn.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  const open = async () => Number((await client.query<{ n: string }>(
    "select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null and state in ('active', 'idle in transaction')",
  )).rows[0]!.n);
  return {
    async writing() {
      return (await open()) > 0;
    },
    async settled() {
      while ((await open()) > 0) await sleep(POLL_MS);
    },
    async close() {
      await client.end();
    },
  };
}

interface KillOutcome {
  /** Table counts before the killed run. */
  before: Record<string, number>;
  db: string;
  input: string;
}

/**
 * Run `args(input)` in a child process on a fresh seeded database and SIGKILL it mid-transaction.
 * Inputs grow with `scale` until a run is caught writing.
 */
async function killMidTransaction(
  backend: TestBackend,
  seed: (db: string) => Promise<void>,
  makeInput: (scale: number) => string,
  args: (input: string) => string[],
): Promise<KillOutcome> {
  const attempts: string[] = [];
  for (const scale of [1, 3, 9]) {
    const db = await backend.create();
    await seed(db);
    const before = await tableCounts(db);
    const input = makeInput(scale);
    const probe = await probeFor(db, backend.name);
    const { child, exited } = spawnProscribe(['--db', db, ...args(input)]);
    let finished = false;
    void exited.then(() => { finished = true; });
    let seen = 0;
    try {
      while (!finished && seen < SUSTAINED_POLLS) {
        seen = (await probe.writing()) ? seen + 1 : 0;
        if (seen < SUSTAINED_POLLS) await sleep(POLL_MS);
      }
      if (seen >= SUSTAINED_POLLS && !finished) child.kill('SIGKILL');
      const end = await exited;
      if (end.signal === 'SIGKILL') {
        await probe.settled();
        console.log(`crash safety on ${backend.name}: ${args(input).slice(0, 2).join(' ')} killed with SIGKILL at input scale ${scale}, mid-transaction for ${seen} polls in a row`);
        return { before, db, input };
      }
      attempts.push(`scale ${scale}: the process ended by itself (exit ${end.code}) before it was caught writing${end.stderr ? `: ${end.stderr.slice(0, 300)}` : ''}`);
    } finally {
      if (!finished) child.kill('SIGKILL');
      await probe.close();
    }
  }
  assert.fail(`no run was killed mid-transaction:\n${attempts.join('\n')}`);
}

/** OFAC's list with `scale` copies of every entry (ids shifted), `limit` lines of it. */
function ofacInput(scale: number, limit: number): string {
  const lines = readFileSync(OFAC, 'utf8').split('\x1a')[0]!.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, limit);
  const out: string[] = [];
  for (let copy = 0; copy < scale; copy++) {
    for (const line of lines) out.push(line.replace(/^(\d+),/, (_m, id: string) => `${Number(id) + copy * 10_000_000},`));
  }
  const path = join(scratch, `ofac-${scale}-${limit}-${Date.now()}.csv`);
  writeFileSync(path, `${out.join('\r\n')}\r\n`);
  return path;
}

/** A JSON Lines file of `count` distinct articles that extraction has something to do with. */
function articlesInput(count: number): string {
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = `Article ${i}. The Ministry of Interior on Wednesday banned the Example Front ${i}, an offshoot of Lashkar-e-Tayyiba, `
      + `under the Anti-Terrorism Act, an official said. The group ${i} operates in Example Province and is based in Lahore. `.repeat(4);
    rows.push(JSON.stringify({ date: '2020-08-19', url: `https://example.org/${i}`, title: `Ban ${i}`, text }));
  }
  const path = join(scratch, `articles-${count}-${Date.now()}.jsonl`);
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

async function seedWithUnList(db: string): Promise<void> {
  const r = await cli(['--db', db, 'import', 'un-xml', 'test/fixtures/importers/un-small.xml']);
  assert.equal(r.code, 0, r.stderr);
}

for (const backend of testBackends()) {
  describe(`killing a write halfway on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    const afterKill = async ({ before, db }: KillOutcome) => {
      if (backend.name === 'sqlite') assert.deepEqual(sqliteIntegrity(db), ['ok'], 'PRAGMA integrity_check');
      assert.deepEqual(await tableCounts(db), before, 'every table holds exactly the rows it held before');
    };

    it('an import of the OFAC list: rows as before, and the rerun imports every entry', async () => {
      // PostgreSQL writes row by row over a socket: a part of the list keeps the rerun short.
      const limit = backend.name === 'sqlite' ? Number.POSITIVE_INFINITY : 1000;
      const killed = await killMidTransaction(backend, seedWithUnList, (scale) => ofacInput(scale, limit), (input) => ['import', 'ofac-sdn-csv', input]);
      await afterKill(killed);

      const rerun = await cli(['--db', killed.db, 'import', 'ofac-sdn-csv', killed.input, '--format', 'json']);
      assert.equal(rerun.code, 0, rerun.stderr);
      const summary = JSON.parse(rerun.stdout) as { unchanged: boolean; entries: number; added: string[] };
      assert.equal(summary.unchanged, false);
      assert.ok(summary.entries > 0);
      assert.equal(summary.added.length, summary.entries, 'every entry is new: the killed run left none behind');
      const again = JSON.parse((await cli(['--db', killed.db, 'import', 'ofac-sdn-csv', killed.input, '--format', 'json'])).stdout) as { unchanged: boolean };
      assert.equal(again.unchanged, true, 'and the import is complete: a third run changes nothing');
      if (backend.name === 'sqlite') assert.deepEqual(sqliteIntegrity(killed.db), ['ok']);
    });

    it('an ingest of many articles with extraction: rows as before, and the rerun stores every article', async () => {
      const killed = await killMidTransaction(backend, seedWithUnList, (scale) => articlesInput(60 * scale), (input) => ['ingest', input]);
      await afterKill(killed);

      const rerun = await cli(['--db', killed.db, 'ingest', killed.input, '--format', 'json']);
      assert.equal(rerun.code, 0, rerun.stderr);
      const docs = (JSON.parse(rerun.stdout) as { documents: { created: boolean }[] }).documents;
      assert.ok(docs.length >= 60);
      assert.ok(docs.every((d) => d.created), 'every article is new: the killed run left none behind');
      const counts = await tableCounts(killed.db);
      assert.equal(counts.documents, killed.before.documents! + docs.length);
      assert.ok(counts.facts! > killed.before.facts!, 'extraction proposed facts');
      if (backend.name === 'sqlite') assert.deepEqual(sqliteIntegrity(killed.db), ['ok']);
    });
  });
}

after(() => rmSync(scratch, { recursive: true, force: true }));
