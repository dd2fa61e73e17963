import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../src/api/keys.js';
import { openStore } from '../../src/store/open.js';
import { testBackends } from '../support/backends.js';
import { type Seeded, seed } from '../api/helpers.js';

/**
 * Two real `proscribe serve` processes on one PostgreSQL database, as behind a load balancer:
 * what one of them writes, the other serves. Reads go to the database on every request; the
 * screening index is per process and reloads when the store's registry version moves, which
 * each server checks at most every 2 s (src/api/screener-cache.ts), so screening through the
 * other server is polled for, within a bound, rather than waited for blindly.
 */

interface Server {
  name: string;
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

async function serve(name: string, db: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, 'serve', '--port', '0', '--processes', '1', '--log-level', 'warn', '--workers', '1'], {
    env: { ...process.env, PROSCRIBE_DB: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`server ${name} exited with ${String(code)} before listening: ${err}`);
  });
  const listening = (async () => {
    for await (const line of createInterface({ input: child.stdout! })) {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) return m[1]!;
    }
    throw new Error(`server ${name} closed its output before listening: ${err}`);
  })();
  const url = await Promise.race([listening, exited]);
  exited.catch(() => {});
  return { name, child, url, stderr: () => err };
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exit = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  const [code] = await exit;
  assert.equal(code, 0, `server ${server.name} stopped cleanly: ${server.stderr()}`);
}

interface Reply<T> {
  status: number;
  body: T;
}

async function request<T>(server: Server, secret: string, method: string, path: string, body?: unknown | FormData): Promise<Reply<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
  let payload: string | FormData | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${server.url}${path}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await res.text();
  const json = /json/.test(res.headers.get('content-type') ?? '') ? (JSON.parse(text) as T) : (text as T);
  return { status: res.status, body: json };
}

/** Ask `probe` again until it says yes, at most `tries` times `everyMs` apart; return its last answer. */
async function pollUntil<T>(probe: () => Promise<T>, done: (value: T) => boolean, tries = 150, everyMs = 100): Promise<T> {
  let value = await probe();
  for (let i = 1; i < tries && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    value = await probe();
  }
  return value;
}

interface ScreenReply {
  results: { hits: { entity: { id: number }; listed: boolean; listings: { jurisdiction: string; since: string | null }[] }[] }[];
}
interface FactReply {
  fact: { status: string; decidedBy: string | null };
  decisions: { verdict: string; by: string }[];
}
interface JobReply {
  id: string;
  status: string;
  total: number | null;
  error: unknown;
  result: string | null;
}

const postgres = testBackends().find((b) => b.name === 'postgres')!;
const NAMES = ['Lashkar e Taiba', 'Al-Nusrah Front', 'Nobody Special Trading', 'Haramain Foundation Pakistan', 'Example Front'];
const BATCH_CSV = `id,name\n${Array.from({ length: 300 }, (_, i) => `${i},"${NAMES[i % NAMES.length]}${i % 7 === 0 ? ' Ltd' : ''}"`).join('\n')}\n`;

describe('two proscribe serve processes on one PostgreSQL database', { skip: postgres.skip }, () => {
  let db: string;
  let seeded: Seeded;
  const keys: Record<'analystA' | 'viewer' | 'admin' | 'doomed', string> = { analystA: '', viewer: '', admin: '', doomed: '' };
  let doomedId = 0;
  let a: Server | undefined;
  let b: Server | undefined;

  before(async () => {
    db = await postgres.create();
    const repo = await openStore(db);
    try {
      seeded = await seed(repo);
      keys.analystA = (await createApiKey(repo, 'analyst on A', 'analyst')).secret;
      keys.viewer = (await createApiKey(repo, 'viewer', 'viewer')).secret;
      keys.admin = (await createApiKey(repo, 'admin', 'admin')).secret;
      const doomed = await createApiKey(repo, 'doomed', 'viewer');
      keys.doomed = doomed.secret;
      doomedId = doomed.key.id;
    } finally {
      await repo.close();
    }
    [a, b] = await Promise.all([serve('A', db), serve('B', db)]);
    assert.notEqual(a.url, b.url, 'two processes, two ports');
  });
  after(async () => {
    await Promise.all([a, b].filter((s): s is Server => s !== undefined).map(stop));
    await postgres.cleanup();
  });

  it('a fact accepted through A reads as accepted through B at once, and B screens the entity as listed once it has reloaded', async () => {
    const screenOnB = () => request<ScreenReply>(b!, keys.viewer, 'POST', '/screen', { name: 'Example Front', asOf: '2021-01-01' });
    const first = await screenOnB();
    assert.equal(first.status, 200);
    // Screening covers the registry: an organisation known only through a proposal is not in it.
    assert.equal(first.body.results[0]!.hits.find((h) => h.entity.id === seeded.exampleFront), undefined, 'not screened while its ban is only proposed');
    assert.equal((await request<FactReply>(b!, keys.viewer, 'GET', `/facts/${seeded.banFact}`)).body.fact.status, 'proposed');

    const decided = await request<{ decisions: { by: string }[] }>(a!, keys.analystA, 'POST', `/facts/${seeded.banFact}/accept`, { note: 'checked the notification' });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    assert.equal(decided.body.decisions[0]!.by, 'analyst on A');

    // Facts are read from the database on each request: no waiting.
    const fact = await request<FactReply>(b!, keys.viewer, 'GET', `/facts/${seeded.banFact}`);
    assert.equal(fact.body.fact.status, 'accepted');
    assert.deepEqual(fact.body.decisions.map((d) => [d.verdict, d.by]), [['accepted', 'analyst on A']]);

    // Screening reloads B's index when the registry version moves (checked at most every 2 s).
    const screened = await pollUntil(screenOnB, (r) => r.body.results[0]!.hits.some((h) => h.entity.id === seeded.exampleFront && h.listed));
    const listed = screened.body.results[0]!.hits.find((h) => h.entity.id === seeded.exampleFront);
    assert.equal(listed?.listed, true, 'B screens Example Front as listed within 15 s of the decision on A');
    assert.deepEqual(listed.listings.map((l) => [l.jurisdiction, l.since]), [['PK', '2020-08-19']]);
    const listings = await request<{ organisations: { entity: { id: number } }[] }>(b!, keys.viewer, 'GET', '/listings?jurisdiction=PK&asOf=2021-01-01');
    assert.ok(listings.body.organisations.some((o) => o.entity.id === seeded.exampleFront), 'and lists it in PK');
  });

  it('a key revoked through B is refused by A on its next request', async () => {
    assert.equal((await request(a!, keys.doomed, 'GET', '/facts')).status, 200);
    assert.equal((await request(b!, keys.admin, 'DELETE', `/keys/${doomedId}`)).status, 200);
    const refused = await request<{ error: { message: string } }>(a!, keys.doomed, 'GET', '/facts');
    assert.equal(refused.status, 401);
    assert.match(refused.body.error.message, /revoked/);
  });

  it('batch jobs submitted to both servers at the same time both complete, and either server answers for either job', async () => {
    const submit = (server: Server) => {
      const form = new FormData();
      form.append('asOf', '2021-01-01');
      form.append('file', new Blob([BATCH_CSV], { type: 'text/csv' }), `names-${server.name}.csv`);
      return request<JobReply>(server, keys.viewer, 'POST', '/screen/jobs', form);
    };
    const [onA, onB] = await Promise.all([submit(a!), submit(b!)]);
    assert.deepEqual([onA.status, onB.status], [202, 202], JSON.stringify([onA.body, onB.body]));

    const finish = (server: Server, id: string) => pollUntil(
      () => request<JobReply>(server, keys.viewer, 'GET', `/screen/jobs/${id}`),
      (r) => r.body.status === 'done' || r.body.status === 'failed',
      600,
    );
    const [doneA, doneB] = await Promise.all([finish(a!, onA.body.id), finish(b!, onB.body.id)]);
    for (const done of [doneA, doneB]) {
      assert.equal(done.body.status, 'done', JSON.stringify(done.body.error));
      assert.equal(done.body.total, 300);
    }
    const [csvA, csvB] = await Promise.all([
      request<string>(a!, keys.viewer, 'GET', doneA.body.result!),
      request<string>(b!, keys.viewer, 'GET', doneB.body.result!),
    ]);
    assert.equal(csvA.status, 200);
    assert.equal(csvA.body.split('\n').filter((l) => l !== '').length, 301, 'a header and 300 rows');
    assert.equal(csvA.body, csvB.body, 'the same file screened on the same registry gives the same result');
    assert.match(csvA.body, /\n4,Example Front,\d+,true,true,/, 'both screened the accepted listing');

    // Jobs are in the database: the other server answers for them, result included.
    const crossed = await request<JobReply>(b!, keys.viewer, 'GET', `/screen/jobs/${onA.body.id}`);
    assert.equal(crossed.status, 200);
    assert.equal(crossed.body.status, 'done');
    assert.equal((await request<string>(a!, keys.viewer, 'GET', doneB.body.result!)).body, csvB.body, 'B\'s result read through A');
  });
});
