import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ApiFixture, assertError, call, startApi } from '../api/helpers.js';
import { testBackends } from '../support/backends.js';
import { dbState, growth, jobForm, rawRequest, refusedUnchanged } from './support.js';

/**
 * Bodies over the limits: a 413 naming the limit, before the handler runs, so nothing is
 * written (no row, no upload left on disk). Small limits stand in for the defaults (1 MB JSON,
 * 5 MB documents, 50 MB uploads), which the same code applies.
 */
const LIMITS = { jsonBytes: 4096, documentBytes: 16384, uploadBytes: 8192 };
const pad = (n: number) => 'x'.repeat(n);

/** Start the fixture's server on a free loopback port (once), for requests over a real socket. */
async function listening(f: ApiFixture): Promise<number> {
  if (!f.app.server.listening) await f.app.listen({ port: 0, host: '127.0.0.1' });
  const address = f.app.server.address();
  assert.ok(address && typeof address === 'object');
  return address.port;
}

/** The job folder holds no upload and no job. */
function assertNoJobFiles(f: ApiFixture): void {
  assert.deepEqual(readdirSync(join(f.jobDir, 'uploads')), [], 'no upload left behind');
  assert.deepEqual(readdirSync(f.jobDir).filter((n) => n !== 'uploads'), [], 'no job made');
}

for (const backend of testBackends()) {
  describe(`oversized bodies on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture;
    before(async () => {
      f = await startApi(backend, { limits: LIMITS });
    });
    after(async () => {
      await f.close();
      await backend.cleanup();
    });

    it('every JSON route answers 413 over the JSON limit and writes nothing', async () => {
      const over = pad(LIMITS.jsonBytes);
      const cases: [string, string, unknown, 'viewer' | 'analyst' | 'admin'][] = [
        ['POST', '/screen', { name: over }, 'viewer'],
        ['POST', '/screen', { names: Array.from({ length: 400 }, (_, i) => `Name number ${i}`) }, 'viewer'],
        ['POST', `/facts/${f.seeded.banFact}/accept`, { note: over }, 'analyst'],
        ['POST', `/facts/${f.seeded.banFact}/reject`, { note: over }, 'analyst'],
        ['POST', '/decisions', { ids: [f.seeded.banFact], verdict: 'rejected', note: over }, 'analyst'],
        ['POST', '/keys', { name: over, role: 'admin' }, 'admin'],
        ['POST', '/imports', { format: 'un-xml', path: over }, 'admin'],
      ];
      for (const [method, url, payload, as] of cases) {
        const body = JSON.stringify(payload);
        assert.ok(Buffer.byteLength(body) > LIMITS.jsonBytes);
        await refusedUnchanged(f, () => call(f, method, url, { as, payload: body, headers: { 'content-type': 'application/json' } }), 413);
      }
    });

    it('POST /documents has its own, larger limit: under it is stored, over it is a 413 and nothing stored', async () => {
      const text = (n: number) => `The Limit Test Front was banned. ${'Filler sentence. '.repeat(Math.ceil(n / 17))}`.slice(0, n);
      const under = await call(f, 'POST', '/documents', { as: 'analyst', payload: { text: text(LIMITS.jsonBytes * 2), date: '2021-01-01', extract: false } });
      assert.equal(under.statusCode, 201, `over the JSON limit, under the document limit: ${under.body.slice(0, 200)}`);
      const res = await refusedUnchanged(f, () => call(f, 'POST', '/documents', { as: 'analyst', payload: { text: text(LIMITS.documentBytes), date: '2021-01-01' } }), 413);
      assert.equal(res.json<{ error: { code: string } }>().error.code, 'payload_too_large');
    });

    it('a chunked body with no declared length is cut off at the limit', async () => {
      const port = await listening(f);
      const before = await dbState(f.db);
      const res = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        let text = '';
        socket.on('data', (c: Buffer) => {
          text += c.toString('utf8');
        });
        // Once the server has answered it may close while chunks are still going out.
        socket.on('error', (e: NodeJS.ErrnoException) => (text ? resolve(text) : reject(e)));
        socket.on('close', () => resolve(text));
        socket.write(`POST /documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${f.keys.analyst!}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`);
        const chunk = (data: string) => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`;
        socket.write(chunk(`{"date": "2021-01-01", "text": "The Chunked Front was banned. `));
        let sent = 0;
        const more = () => {
          if (text || socket.destroyed) return;
          if (sent++ < 64) {
            socket.write(chunk(pad(1024)), () => setImmediate(more));
          } else {
            socket.write(`${chunk('"}')}0\r\n\r\n`);
          }
        };
        more();
      });
      assert.match(res, /^HTTP\/1\.1 413 /, res.slice(0, 300));
      assert.deepEqual(await dbState(f.db), before);
    });

    it('a batch upload over the upload limit is a 413 naming the file, and leaves nothing on disk', async () => {
      const csv = `name\n${'Some Long Company Name Limited\n'.repeat(Math.ceil(LIMITS.uploadBytes / 30) + 10)}`;
      await refusedUnchanged(f, () => call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: jobForm(csv, 'big.csv') }), 413, 'file');
      assertNoJobFiles(f);
      // Too many parts or files are refused the same way.
      const many = jobForm('name\nA\n', 'a.csv', Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, 'x'])));
      await refusedUnchanged(f, () => call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: many }), 413);
      const two = jobForm('name\nA\n', 'a.csv');
      two.append('file', new Blob(['name\nB\n']), 'b.csv');
      await refusedUnchanged(f, () => call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: two }), 413);
      assertNoJobFiles(f);
    });

    it('without a valid key an oversized body is refused with 401 before it is read', async () => {
      for (const [url, body] of [['/documents', { text: pad(LIMITS.documentBytes * 2), date: '2021-01-01' }], ['/screen', { name: pad(LIMITS.jsonBytes * 2) }]] as const) {
        await refusedUnchanged(f, () => call(f, 'POST', url, { payload: body }), 401);
      }
      await refusedUnchanged(f, () => call(f, 'POST', '/screen/jobs', { payload: jobForm(`name\n${pad(LIMITS.uploadBytes * 2)}\n`) }), 401);
      assertNoJobFiles(f);
    });

    it('over a socket: a declared length over the limit is refused at once, before any of the body is sent', async () => {
      const port = await listening(f);
      const before = await dbState(f.db);
      // The body never follows: the answer can only come from the declared length.
      const res = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        let text = '';
        socket.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (/\r\n\r\n[\s\S]*\}/.test(text)) {
            socket.destroy();
            resolve(text);
          }
        });
        socket.on('error', reject);
        socket.on('close', () => resolve(text));
        socket.write(`POST /documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${f.keys.analyst!}\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n{"text": "`);
      });
      assert.match(res, /^HTTP\/1\.1 413 /, res.slice(0, 300));
      assert.match(res, /payload_too_large/);
      // And a normal request on a new connection still works.
      const ok = await rawRequest(port, 'GET /health HTTP/1.1');
      assert.equal(ok.status, 200);
      assert.deepEqual(growth(before, await dbState(f.db)), {});
    });

    it('a JSON body nested deeply within the limit is answered, not crashed on', async () => {
      const deep = `{"name": "Lashkar e Taiba", "extra": ${'['.repeat(1500)}${']'.repeat(1500)}}`;
      assert.ok(deep.length < LIMITS.jsonBytes);
      const res = await call(f, 'POST', '/screen', { as: 'viewer', payload: deep, headers: { 'content-type': 'application/json' } });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assertError(await call(f, 'POST', '/screen', { as: 'viewer', payload: { names: Array.from({ length: 1001 }, () => 'a') } }), 400, 'names');
    });
  });
}
