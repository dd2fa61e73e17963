import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { isPostgresUrl } from '../../src/store/open.js';
import { enqueue } from '../../src/jobs/job-queue.js';
import { addMonitor, runMonitor } from '../../src/monitor/monitor.js';
import { Screener } from '../../src/screen/screener.js';
import { type ApiFixture, assertError, call, type CallOptions, type KeyName } from '../api/helpers.js';

/**
 * What the database holds, read around the store (straight from SQLite or PostgreSQL): its
 * tables, and for each its row count and a digest of every row. Two equal states mean the
 * requests in between wrote nothing at all (an update in place, such as a revocation, changes
 * the digest though not the count).
 */
export interface DbState {
  tables: string[];
  rows: Record<string, { count: number; digest: string }>;
}

function digestRows(rows: unknown[]): string {
  const lines = rows.map((r) => JSON.stringify(r)).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export async function dbState(location: string): Promise<DbState> {
  const out: DbState = { tables: [], rows: {} };
  if (isPostgresUrl(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
      );
      for (const { table_name: t } of tables.rows) {
        out.tables.push(t);
        // Table names come from the catalogue, not from a request.
        const rows = (await client.query(`select * from "${t}"`)).rows;
        out.rows[t] = { count: rows.length, digest: digestRows(rows) };
      }
    } finally {
      await client.end();
    }
    return out;
  }
  const db = new BetterSqlite3(location, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
    for (const { name } of tables) {
      out.tables.push(name);
      const rows = db.prepare(`select * from "${name}"`).all();
      out.rows[name] = { count: rows.length, digest: digestRows(rows) };
    }
  } finally {
    db.close();
  }
  return out;
}

/** The tables every proscribe database has; an attack that dropped one would show here. */
export const CORE_TABLES = ['api_keys', 'decisions', 'documents', 'entities', 'entity_merges', 'entity_refs', 'evidence', 'facts', 'import_runs', 'names'];

export function assertCoreTables(state: DbState): void {
  assert.deepEqual(CORE_TABLES.filter((t) => !state.tables.includes(t)), [], 'every table is still there');
}

/** Rows added per table between two states (0 for a table that did not change in size). */
export function growth(before: DbState, after: DbState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of after.tables) {
    const d = after.rows[t]!.count - (before.rows[t]?.count ?? 0);
    if (d !== 0) out[t] = d;
  }
  return out;
}

/** Wait until no background job is queued or running: what earlier requests queued has been done, and writes nothing more. */
export async function settled(f: ApiFixture): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const busy = await f.repo.kysely.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'running']).limit(1).executeTakeFirst();
    if (!busy) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('background jobs did not finish within 30 s');
}

/** Run a request that must be refused, asserting it changed nothing in the database. */
export async function refusedUnchanged(f: ApiFixture, send: () => Promise<LightMyRequestResponse>, status: number, field?: string): Promise<LightMyRequestResponse> {
  await settled(f);
  const before = await dbState(f.db);
  const res = await send();
  assertError(res, status, field);
  assert.deepEqual(await dbState(f.db), before, `a refused request (${status}) wrote nothing: ${res.body}`);
  return res;
}

/**
 * Strings that would change a query if they were pasted into SQL, and a few LIKE and
 * placeholder characters. The store binds every value, so each must be taken as text.
 */
export const SQL_INJECTIONS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '"; DROP TABLE facts; --',
  "'); DROP TABLE api_keys; --",
  "%' UNION SELECT key_hash, name, role FROM api_keys --",
  '1; DELETE FROM decisions WHERE 1=1',
  "' || (SELECT sqlite_version()) || '",
  "'; SELECT pg_sleep(0); --",
  "\\'; DROP TABLE documents; --",
  "Robert'); DROP TABLE names;--",
  '%',
  '_',
  '$1',
  '?',
] as const;

/** Characters neither database can store as given: refused everywhere with a 400 naming the field. */
export const UNSTORABLE = ['\u0000', 'Lashkar\u0000e Taiba', "'\u0000; DROP TABLE facts; --", 'half \ud800 a pair'] as const;

export type RouteRole = 'public' | 'viewer' | 'analyst' | 'admin';
export const RANK: Record<RouteRole, number> = { public: 0, viewer: 1, analyst: 2, admin: 3 };

/** What a route request needs from the fixture it runs on. */
export interface Scene {
  f: ApiFixture;
  /** A finished batch job of the key making the requests. */
  jobId: string;
  /** The id of the fixture's second viewer key (revoked by the admin's DELETE /keys/{id}). */
  spareKeyId: number;
  /** Distinguishes documents posted by different passes over the table. */
  tag: string;
  /** A background job (a monitor run) and a monitor with an open alert on Lashkar-e-Tayyiba (row 1). */
  backgroundJobId: string;
  monitor: string;
}

export interface RouteRequest {
  url: string;
  payload?: CallOptions['payload'];
}

export interface RouteCase {
  method: 'GET' | 'POST' | 'DELETE';
  /** The path as the OpenAPI document writes it. */
  path: string;
  min: RouteRole;
  /** A valid request to the route, and the status it answers to a caller allowed in. */
  request(s: Scene): RouteRequest;
  ok: number;
}

export const JOB_CSV = 'id,name\n1,Lashkar e Taiba\n2,Nobody Special Trading\n';

export function jobForm(csv = JOB_CSV, filename = 'names.csv', fields: Record<string, string> = {}): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([csv], { type: 'text/csv' }), filename);
  return fd;
}

/** Every route of the API, with the least role that may call it (README "HTTP API"). */
export const ROUTES: RouteCase[] = [
  { method: 'GET', path: '/health', min: 'public', ok: 200, request: () => ({ url: '/health' }) },
  { method: 'POST', path: '/screen', min: 'viewer', ok: 200, request: () => ({ url: '/screen', payload: { name: 'Lashkar e Taiba', asOf: '2020-01-01' } }) },
  { method: 'POST', path: '/screen/jobs', min: 'viewer', ok: 202, request: () => ({ url: '/screen/jobs', payload: jobForm() }) },
  { method: 'GET', path: '/screen/jobs/{id}', min: 'viewer', ok: 200, request: (s) => ({ url: `/screen/jobs/${s.jobId}` }) },
  { method: 'GET', path: '/screen/jobs/{id}/result', min: 'viewer', ok: 200, request: (s) => ({ url: `/screen/jobs/${s.jobId}/result` }) },
  {
    method: 'POST', path: '/documents', min: 'analyst', ok: 201,
    request: (s) => ({ url: '/documents', payload: { text: `The Route Check Front (${s.tag}) was banned on Monday.`, date: '2021-03-01', extract: false } }),
  },
  { method: 'GET', path: '/documents', min: 'viewer', ok: 200, request: () => ({ url: '/documents?from=2000-01-01&q=example&limit=5' }) },
  { method: 'GET', path: '/documents/{id}', min: 'viewer', ok: 200, request: (s) => ({ url: `/documents/${s.f.seeded.documentId}` }) },
  { method: 'GET', path: '/facts', min: 'viewer', ok: 200, request: () => ({ url: '/facts?status=proposed&jurisdiction=PK&similar=true&minConfidence=0.1' }) },
  {
    method: 'POST', path: '/facts', min: 'analyst', ok: 201,
    request: (s) => ({ url: '/facts', payload: { subject: `Route Check Group ${s.tag}`, predicate: 'proscribed', jurisdiction: 'GB', date: '2026-01-15', source: 'https://example.org/route-check' } }),
  },
  { method: 'GET', path: '/facts/{id}', min: 'viewer', ok: 200, request: (s) => ({ url: `/facts/${s.f.seeded.banFact}` }) },
  { method: 'POST', path: '/facts/{id}/correct', min: 'analyst', ok: 200, request: (s) => ({ url: `/facts/${s.f.seeded.basedInFact}/correct`, payload: { date: '2020-08', note: 'route check' } }) },
  { method: 'POST', path: '/facts/{id}/accept', min: 'analyst', ok: 200, request: (s) => ({ url: `/facts/${s.f.seeded.basedInFact}/accept`, payload: { note: 'route check' } }) },
  { method: 'POST', path: '/facts/{id}/reject', min: 'analyst', ok: 200, request: (s) => ({ url: `/facts/${s.f.seeded.banFact}/reject`, payload: { note: 'route check' } }) },
  { method: 'POST', path: '/decisions', min: 'analyst', ok: 200, request: (s) => ({ url: '/decisions', payload: { ids: [s.f.seeded.banFact], verdict: 'accepted', note: 'route check' } }) },
  { method: 'GET', path: '/listings', min: 'viewer', ok: 200, request: () => ({ url: '/listings?jurisdiction=UN&asOf=2020-01-01' }) },
  { method: 'GET', path: '/lists', min: 'viewer', ok: 200, request: () => ({ url: '/lists' }) },
  { method: 'GET', path: '/lists/{id}', min: 'viewer', ok: 200, request: () => ({ url: '/lists/un-sc?asOf=2020-01-01' }) },
  { method: 'GET', path: '/lists/{id}/changes', min: 'viewer', ok: 200, request: () => ({ url: '/lists/un-sc/changes?from=2000-01-01&to=2030-01-01' }) },
  { method: 'GET', path: '/entities', min: 'viewer', ok: 200, request: () => ({ url: '/entities?q=Lashkar' }) },
  { method: 'GET', path: '/entities/{id}', min: 'viewer', ok: 200, request: (s) => ({ url: `/entities/${s.f.seeded.lashkar}` }) },
  { method: 'POST', path: '/entities/{id}/names', min: 'analyst', ok: 200, request: (s) => ({ url: `/entities/${s.f.seeded.lashkar}/names`, payload: { name: `Route Check ${s.tag}`, type: 'alias' } }) },
  { method: 'POST', path: '/entities/{id}/names/remove', min: 'analyst', ok: 200, request: (s) => ({ url: `/entities/${s.f.seeded.lashkar}/names/remove`, payload: { name: `Route Check ${s.tag}`, note: 'route check' } }) },
  { method: 'POST', path: '/entities/{id}/rename', min: 'analyst', ok: 200, request: (s) => ({ url: `/entities/${s.f.seeded.lashkar}/rename`, payload: { name: `Lashkar Route Check ${s.tag}` } }) },
  { method: 'POST', path: '/entities/{id}/merge', min: 'analyst', ok: 200, request: (s) => ({ url: `/entities/${s.f.seeded.lashkar}/merge`, payload: { others: [s.f.seeded.exampleFront], note: 'route check' } }) },
  { method: 'POST', path: '/entities/{id}/split', min: 'analyst', ok: 200, request: (s) => ({ url: `/entities/${s.f.seeded.exampleFront}/split`, payload: { note: 'route check' } }) },
  { method: 'GET', path: '/export/ftm', min: 'viewer', ok: 200, request: () => ({ url: '/export/ftm' }) },
  { method: 'GET', path: '/export/csv', min: 'viewer', ok: 200, request: () => ({ url: '/export/csv?asOf=2020-01-01' }) },
  { method: 'GET', path: '/imports', min: 'admin', ok: 200, request: () => ({ url: '/imports' }) },
  { method: 'POST', path: '/imports', min: 'admin', ok: 200, request: () => ({ url: '/imports', payload: { format: 'un-xml', path: 'un-small.xml' } }) },
  { method: 'GET', path: '/keys', min: 'admin', ok: 200, request: () => ({ url: '/keys' }) },
  { method: 'POST', path: '/keys', min: 'admin', ok: 201, request: () => ({ url: '/keys', payload: { name: 'route check', role: 'viewer' } }) },
  { method: 'DELETE', path: '/keys/{id}', min: 'admin', ok: 200, request: (s) => ({ url: `/keys/${s.spareKeyId}` }) },
  { method: 'GET', path: '/changes', min: 'viewer', ok: 200, request: () => ({ url: '/changes?limit=5' }) },
  { method: 'GET', path: '/jobs/{id}', min: 'viewer', ok: 200, request: (s) => ({ url: `/jobs/${s.backgroundJobId}` }) },
  { method: 'GET', path: '/sources', min: 'viewer', ok: 200, request: () => ({ url: '/sources' }) },
  { method: 'POST', path: '/sources', min: 'admin', ok: 201, request: (s) => ({ url: '/sources', payload: { id: `src-${slug(s.tag)}`, format: 'un-xml', url: 'http://127.0.0.1:9/un.xml' } }) },
  // A source that does not exist: the queued job fails at once rather than waiting on a network.
  { method: 'POST', path: '/sources/update', min: 'analyst', ok: 202, request: () => ({ url: '/sources/update', payload: { source: 'no-such-source' } }) },
  { method: 'GET', path: '/feeds', min: 'viewer', ok: 200, request: () => ({ url: '/feeds' }) },
  { method: 'POST', path: '/feeds', min: 'analyst', ok: 201, request: (s) => ({ url: '/feeds', payload: { url: `http://127.0.0.1:9/feed-${slug(s.tag)}.xml` } }) },
  { method: 'POST', path: '/feeds/poll', min: 'analyst', ok: 202, request: () => ({ url: '/feeds/poll', payload: { url: 'http://127.0.0.1:9/not-followed.xml' } }) },
  { method: 'GET', path: '/monitors', min: 'viewer', ok: 200, request: () => ({ url: '/monitors' }) },
  { method: 'POST', path: '/monitors', min: 'analyst', ok: 201, request: (s) => ({ url: '/monitors', payload: { name: `route-${slug(s.tag)}`, names: ['Lashkar e Taiba', 'Nobody Special'] } }) },
  { method: 'POST', path: '/monitors/{name}/run', min: 'analyst', ok: 200, request: (s) => ({ url: `/monitors/${s.monitor}/run`, payload: { force: true } }) },
  { method: 'GET', path: '/monitors/{name}/alerts', min: 'viewer', ok: 200, request: (s) => ({ url: `/monitors/${s.monitor}/alerts` }) },
  { method: 'POST', path: '/monitors/{name}/dismissals', min: 'analyst', ok: 204, request: (s) => ({ url: `/monitors/${s.monitor}/dismissals`, payload: { row: 1, entity: s.f.seeded.lashkar, note: 'route check' } }) },
  { method: 'POST', path: '/compare', min: 'viewer', ok: 200, request: () => ({ url: '/compare', payload: { pairs: [{ left: 'Lashkar e Taiba', right: 'Lashkar-e-Tayyiba', kind: 'Organization' }] } }) },
];

function slug(tag: string): string {
  return tag.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30) || 'x';
}

/** A scene for requests made with `as`: its own finished job, and the spare key's id. */
export async function makeScene(f: ApiFixture, as: KeyName | undefined, tag: string): Promise<Scene> {
  const res = await call(f, 'POST', '/screen/jobs', { ...(as ? { as } : {}), payload: jobForm() });
  assert.equal(res.statusCode, 202, res.body);
  const jobId = res.json<{ id: string }>().id;
  // A bounded poll (waitForJob needs a key; an open server has none).
  let status = 'queued';
  for (let i = 0; i < 600 && (status === 'queued' || status === 'running'); i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const polled = await call(f, 'GET', `/screen/jobs/${jobId}`, as ? { as } : {});
    assert.equal(polled.statusCode, 200, polled.body);
    status = polled.json<{ status: string }>().status;
  }
  assert.equal(status, 'done', `job ${jobId} finished`);
  const spare = (await f.repo.listApiKeys()).find((k) => k.name === 'second-viewer');
  const monitor = `scene-${slug(tag)}`;
  await addMonitor(f.repo, { name: monitor, column: 'name', sourceFile: 'scene', rows: ['Lashkar e Taiba'] });
  await runMonitor(f.repo, await Screener.load(f.repo), monitor, { asOf: '2026-06-01', notify: false });
  const background = await enqueue(f.repo, { kind: 'monitor', spec: { name: monitor } });
  await settled(f);
  return { f, jobId, spareKeyId: spare?.id ?? 1, tag, backgroundJobId: background.id, monitor };
}

/** One raw HTTP/1.1 request over a socket, the path sent exactly as given (no client normalises `..`). */
export async function rawRequest(port: number, head: string, body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!m) reject(new Error(`no HTTP response: ${JSON.stringify(text.slice(0, 200))}`));
      else resolve({ status: Number(m[1]), text });
    });
    // Not half-closed: the server may drop a connection whose client has ended before it answers.
    // With `Connection: close` it closes the socket once it has answered.
    socket.write(`${head}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n${body}`);
  });
}
