/**
 * Staying current over HTTP: a source update queued as a background job and followed at
 * /jobs/{id}, the change feed paged by cursor, a monitor added, run, its alert dismissed, and
 * the monitor's webhook signed; each route behind the role it says.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { testBackends } from '../support/backends.js';
import { type ApiFixture, assertError, call, startApi } from './helpers.js';

interface Queued { id: string; kind: string; status: string; href: string }
interface JobReport { status: string; report: { sources: { source: string; outcome: string; added: number }[] } | null; error: unknown }
interface Run { counts: { new: number; open: number }; alerts: { change: string; name: string; why: string }[]; webhook?: { status: number | null } }

for (const backend of testBackends()) {
  describe(`staying current over HTTP on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture;
    let http: Server;
    let base = '';
    const hooks: { body: string; signature: string | undefined }[] = [];
    before(async () => {
      f = await startApi(backend, { jobPollMs: 50 });
      const un2026 = readFileSync('test/fixtures/importers/un-small.xml');
      http = createServer((req, res) => {
        if (req.url === '/un.xml') {
          res.writeHead(200, { 'content-type': 'application/xml' }).end(un2026);
          return;
        }
        if (req.url === '/hook' && req.method === 'POST') {
          let body = '';
          req.on('data', (c: Buffer) => (body += c.toString('utf8')));
          req.on('end', () => {
            hooks.push({ body, signature: req.headers['x-proscribe-signature'] as string | undefined });
            res.writeHead(204).end();
          });
          return;
        }
        res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
      base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    });
    after(async () => {
      http.close();
      await f.close();
      await backend.cleanup();
    });

    it('queues a source update as a job, follows it, and reads the change feed by cursor', async () => {
      assertError(await call(f, 'POST', '/sources', { as: 'analyst', payload: { id: 'un-local', format: 'un-xml', url: `${base}/un.xml` } }), 403);
      const added = await call(f, 'POST', '/sources', { as: 'admin', payload: { id: 'un-local', format: 'un-xml', url: `${base}/un.xml` } });
      assert.equal(added.statusCode, 201, added.body);
      assertError(await call(f, 'POST', '/sources', { as: 'admin', payload: { id: 'Bad Id', format: 'un-xml', url: `${base}/un.xml` } }), 400, 'id');
      const queued = await call(f, 'POST', '/sources/update', { as: 'analyst', payload: { source: 'un-local' } });
      assert.equal(queued.statusCode, 202, queued.body);
      const job = queued.json<Queued>();
      assert.equal(job.href, `/jobs/${job.id}`);
      let report: JobReport | null = null;
      for (let i = 0; i < 200; i++) {
        report = (await call(f, 'GET', job.href, { as: 'viewer' })).json<JobReport>();
        if (report.status === 'done' || report.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(report?.status, 'done', JSON.stringify(report));
      // The fixture's list was imported before from a file: the same entries, fetched, are no change.
      assert.equal(report.report!.sources[0]!.outcome, 'unchanged', JSON.stringify(report.report));

      const first = (await call(f, 'GET', '/changes?limit=2', { as: 'viewer' })).json<{ changes: { cursor: string; change: string }[]; next: string; more: boolean }>();
      assert.equal(first.changes.length, 2);
      assert.equal(first.more, true);
      const second = (await call(f, 'GET', `/changes?limit=2&since=${first.next}`, { as: 'viewer' })).json<{ changes: { cursor: string }[] }>();
      assert.ok(second.changes.every((c) => Number(c.cursor.slice(1)) > Number(first.next.slice(1))), 'the next page starts after the cursor');
      assertError(await call(f, 'GET', '/changes?since=yesterday', { as: 'viewer' }), 400, 'since');
    });

    it('adds a monitor, reports nothing new until something changes, signs its webhook, and remembers a false positive', async () => {
      assertError(await call(f, 'POST', '/monitors', { as: 'viewer', payload: { name: 'desk', names: ['Lashkar e Taiba'] } }), 403);
      const created = await call(f, 'POST', '/monitors', {
        as: 'analyst', payload: { name: 'desk', names: ['Lashkar e Taiba', 'Noor Webhook Front', 'Nobody Special'], webhook: `${base}/hook`, secret: 'monitor-secret-1', asOf: '2026-06-01' },
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json<Run>().counts.open, 1, 'the listed group alerts at baseline');
      const quiet = (await call(f, 'POST', '/monitors/desk/run', { as: 'analyst', payload: { asOf: '2026-06-01', force: true } })).json<Run>();
      assert.equal(quiet.counts.new, 0);

      const ban = await call(f, 'POST', '/facts', { as: 'analyst', payload: { subject: 'Noor Webhook Front', predicate: 'proscribed', jurisdiction: 'PK', date: '2026-01-15', source: 'https://example.org/n' } });
      assert.equal(ban.statusCode, 201, ban.body);
      const run = (await call(f, 'POST', '/monitors/desk/run', { as: 'analyst', payload: { asOf: '2026-06-01' } })).json<Run>();
      assert.deepEqual(run.alerts.map((a) => [a.change, a.name]), [['new', 'Noor Webhook Front']]);
      assert.match(run.alerts[0]!.why, /listed on PK \(reported\) since 2026-01-15/);
      assert.equal(run.webhook?.status, 204);
      const hook = hooks.at(-1)!;
      assert.equal(hook.signature, `sha256=${createHmac('sha256', 'monitor-secret-1').update(hook.body).digest('hex')}`, 'signed with the secret');
      assert.match(hook.body, /Noor Webhook Front/);

      const alerts = (await call(f, 'GET', '/monitors/desk/alerts', { as: 'viewer' })).json<{ alerts: { row: number; entity: { id: number }; name: string; dismissed: boolean }[] }>();
      const noor = alerts.alerts.find((a) => a.name === 'Noor Webhook Front')!;
      const dismissed = await call(f, 'POST', '/monitors/desk/dismissals', { as: 'analyst', payload: { row: noor.row, entity: noor.entity.id, note: 'a namesake' } });
      assert.equal(dismissed.statusCode, 204, dismissed.body);
      const after = (await call(f, 'GET', '/monitors/desk/alerts', { as: 'viewer' })).json<{ alerts: { name: string; dismissed: boolean }[] }>();
      assert.equal(after.alerts.find((a) => a.name === 'Noor Webhook Front')!.dismissed, true);
      assertError(await call(f, 'POST', '/monitors/nope/run', { as: 'analyst', payload: {} }), 404);
    });
  });
}
