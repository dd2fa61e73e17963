/**
 * Staying current, end to end through the CLI with a local HTTP server standing in for the UN
 * (never the internet): a UN list source imports, then is unchanged (HTTP 304); once the file is
 * replaced by the 2026 version, `update` imports it, the change feed lists VIV ANSANM added and
 * AL-HARAMAIN ISLAMIC FOUNDATION removed, and a monitored customer file raises new alerts for
 * "Viv Ansanm" and "Gran Grif" only after that update, none before. A failing or malformed
 * download changes nothing.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

const UN_2018 = readFileSync('data/lists/un-consolidated-2018-10-29.xml');
const UN_2026 = readFileSync('data/lists/un-consolidated-2026-02-27.xml');

interface Served {
  body: Buffer;
  /** Answer this many requests with 503 before the body. */
  failFirst: number;
  requests: { conditional: boolean }[];
}

function startServer(served: Served): Promise<{ server: Server; url: string }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    served.requests.push({ conditional: req.headers['if-none-match'] !== undefined });
    if (req.url === '/missing.xml') {
      res.writeHead(404).end('not here');
      return;
    }
    if (served.failFirst > 0) {
      served.failFirst--;
      res.writeHead(503).end('busy');
      return;
    }
    const etag = `"${createHash('sha256').update(served.body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { etag, 'content-type': 'application/xml', 'content-length': served.body.length }).end(served.body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

interface Json<T> { code: number; body: T; stderr: string }
async function json<T>(args: string[]): Promise<Json<T>> {
  const run = await cli([...args, '--format', 'json']);
  return { code: run.code, body: (run.stdout.trim() ? JSON.parse(run.stdout) : null) as T, stderr: run.stderr };
}

interface UpdateReport { sources: { source: string; outcome: string; reason: string | null; added: number; removed: number; changed: number; changesSince: string | null; attempts: number }[] }
interface ChangePage { changes: { change: string; entity: { name: string }; list: string | null; cause: string }[]; next: string | null; more: boolean }
interface MonitorRuns { runs: { skipped: boolean; alerts: { change: string; row: number; name: string; entity: { name: string }; why: string }[]; counts: { new: number } }[] }

for (const backend of testBackends()) {
  describe(`lists refreshed from their publisher, the change feed and monitoring on ${backend.name}`, { skip: backend.skip }, () => {
    const served: Served = { body: UN_2018, failFirst: 0, requests: [] };
    let http: { server: Server; url: string };
    let db: string;
    before(async () => {
      http = await startServer(served);
      db = await backend.create();
    });
    after(async () => {
      http.server.close();
      await backend.cleanup();
    });

    it('imports a UN source, then reports it unchanged, then imports the new version with its additions and removals', async () => {
      const add = await cli(['--db', db, 'sources', 'add', '--id', 'un-sc', '--format', 'un-xml', '--url', `${http.url}/consolidated.xml`]);
      assert.equal(add.code, 0, add.stderr);
      const first = await json<UpdateReport>(['--db', db, 'update', '--retries', '0']);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.body.sources[0]!.outcome, 'imported');
      assert.ok(first.body.sources[0]!.added > 900, `the 2018 list's entries: ${JSON.stringify(first.body.sources[0])}`);

      const second = await json<UpdateReport>(['--db', db, 'update']);
      assert.equal(second.body.sources[0]!.outcome, 'unchanged');
      assert.match(second.body.sources[0]!.reason!, /304/);
      assert.equal(served.requests.at(-1)!.conditional, true, 'the second request was conditional');

      // A monitored customer file: nothing in it is on the 2018 list.
      const csv = join(db.startsWith('postgres') ? '/tmp' : db.replace(/registry\.sqlite$/, ''), `customers-${backend.name}.csv`);
      writeFileSync(csv, 'name,id\nViv Ansanm,1\nGran Grif,2\nJohn Smith,3\nAcme Trading Ltd,4\n');
      const monitor = await json<{ counts: { open: number } }>(['--db', db, 'monitor', 'add', '--name', 'customers', '--input', csv, '--column', 'name', '--as-of', '2026-03-01']);
      assert.equal(monitor.code, 0, monitor.stderr);
      assert.equal(monitor.body.counts.open, 0, 'no alert at baseline');
      const before = await json<MonitorRuns>(['--db', db, 'monitor', 'run', '--as-of', '2026-03-01', '--force']);
      assert.equal(before.body.runs[0]!.alerts.length, 0, 'no new alert before the update');

      // The publisher replaces the file; the first answer is a 503, which is retried.
      served.body = UN_2026;
      served.failFirst = 1;
      const third = await json<UpdateReport>(['--db', db, 'update', '--retries', '2']);
      assert.equal(third.code, 0, third.stderr);
      const r = third.body.sources[0]!;
      assert.equal(r.outcome, 'imported', JSON.stringify(r));
      assert.equal(r.attempts, 2, 'one retry after the 503');
      assert.ok(r.added > 0 && r.removed > 0, JSON.stringify(r));

      const feed = await json<ChangePage>(['--db', db, 'changes', '--since', r.changesSince!, '--limit', '5000']);
      const named = (kind: string, name: string) => feed.body.changes.find((c) => c.change === kind && c.entity.name.trim() === name && c.list === 'un-sc');
      assert.ok(named('added', 'VIV ANSANM'), 'VIV ANSANM added');
      assert.ok(named('removed', 'AL-HARAMAIN ISLAMIC FOUNDATION'), 'AL-HARAMAIN ISLAMIC FOUNDATION removed');
      assert.match(named('added', 'VIV ANSANM')!.cause, /UN consolidated list 2026-02-27/, 'the cause names the list version');
      const delta = await cli(['--db', db, 'changes', '--since', r.changesSince!, '--limit', '5000', '--format', 'ftm-delta']);
      const ops = delta.stdout.trim().split('\n').map((l) => JSON.parse(l) as { op: string; entity: { properties?: { name?: string[] } } });
      assert.ok(ops.some((o) => o.op === 'ADD' && o.entity.properties?.name?.[0]?.trim() === 'VIV ANSANM'), 'an FtM ADD line for VIV ANSANM');
      assert.ok(ops.some((o) => o.op === 'DEL'), 'DEL lines for the removals');

      const afterRun = await json<MonitorRuns>(['--db', db, 'monitor', 'run', '--as-of', '2026-03-01']);
      const alerts = afterRun.body.runs[0]!.alerts;
      assert.deepEqual(alerts.filter((a) => a.change === 'new').map((a) => a.name).sort(), ['Gran Grif', 'Viv Ansanm'], JSON.stringify(alerts));
      assert.match(alerts.find((a) => a.name === 'Viv Ansanm')!.why, /un-sc/);
      const again = await json<MonitorRuns>(['--db', db, 'monitor', 'run', '--as-of', '2026-03-01']);
      assert.equal(again.body.runs[0]!.skipped, true, 'nothing changed: nothing screened, nothing reported');

      // The publisher drops Viv Ansanm from the list: the next update delists it, and its alert clears.
      const dataId = /<ENTITY>(?:(?!<\/ENTITY>)[\s\S])*?<FIRST_NAME>VIV ANSANM\s*<\/FIRST_NAME>[\s\S]*?<\/ENTITY>/.exec(UN_2026.toString('utf8'));
      assert.ok(dataId, 'the 2026 file holds the VIV ANSANM entry');
      served.body = Buffer.from(UN_2026.toString('utf8').replace(dataId[0], '').replace(/dateGenerated="[^"]*"/, 'dateGenerated="2026-03-15T00:00:00Z"'));
      const fourth = await json<UpdateReport>(['--db', db, 'update', '--retries', '0']);
      assert.equal(fourth.body.sources[0]!.outcome, 'imported', JSON.stringify(fourth.body));
      const dropped = await json<ChangePage>(['--db', db, 'changes', '--since', fourth.body.sources[0]!.changesSince!, '--list', 'un-sc']);
      assert.ok(dropped.body.changes.some((c) => c.change === 'removed' && c.entity.name.trim() === 'VIV ANSANM'), JSON.stringify(dropped.body.changes.map((c) => [c.change, c.entity.name])));
      const cleared = await json<MonitorRuns>(['--db', db, 'monitor', 'run', '--as-of', '2026-04-01']);
      const viv = cleared.body.runs[0]!.alerts.find((a) => a.name === 'Viv Ansanm');
      assert.equal(viv?.change, 'cleared', JSON.stringify(cleared.body.runs[0]!.alerts));
      assert.match(viv.why, /no longer an alert/);

      // A false positive stays quiet on the next forced run.
      const open = await json<{ alerts: { row: number; entity: { id: number }; name: string }[] }>(['--db', db, 'monitor', 'alerts', '--name', 'customers']);
      const grif = open.body.alerts.find((a) => a.name === 'Gran Grif')!;
      assert.equal((await cli(['--db', db, 'monitor', 'dismiss', '--name', 'customers', '--row', String(grif.row), '--entity', String(grif.entity.id), '--by', 'tester'])).code, 0);
      const forced = await json<MonitorRuns>(['--db', db, 'monitor', 'run', '--as-of', '2026-04-01', '--force']);
      assert.equal(forced.body.runs[0]!.alerts.length, 0, 'a dismissed alert is not raised again while the entity is unchanged');
    });

    it('changes nothing when a download fails or the file is malformed, and keeps the fetch on record', async () => {
      const counts = async () => (await json<ChangePage>(['--db', db, 'changes', '--limit', '5000'])).body.changes.length;
      const before = await counts();
      assert.equal((await cli(['--db', db, 'sources', 'add', '--id', 'broken', '--format', 'un-xml', '--url', `${http.url}/missing.xml`])).code, 0);
      const missing = await json<UpdateReport>(['--db', db, 'update', '--source', 'broken', '--retries', '0']);
      assert.equal(missing.code, 1, 'a failed source fails the command');
      assert.equal(missing.body.sources[0]!.outcome, 'failed');
      assert.match(missing.body.sources[0]!.reason!, /404/);

      served.body = Buffer.from('<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1');
      const malformed = await json<UpdateReport>(['--db', db, 'update', '--source', 'un-sc', '--retries', '0']);
      assert.equal(malformed.body.sources[0]!.outcome, 'failed');
      assert.match(malformed.body.sources[0]!.reason!, /not imported/);
      assert.equal(await counts(), before, 'the registry is as it was');
      const history = await json<{ fetches: { outcome: string; sha256: string | null }[] }>(['--db', db, 'sources', 'history', 'un-sc']);
      assert.deepEqual(history.body.fetches.map((f) => f.outcome), ['failed', 'imported', 'imported', 'unchanged', 'imported']);
      assert.ok(history.body.fetches[0]!.sha256, 'the refused file is kept by its hash');
    });
  });
}
