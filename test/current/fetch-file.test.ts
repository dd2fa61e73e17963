/** The bounded, conditional fetch of a publisher's file, against a local server. */
import assert from 'node:assert/strict';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { FetchError, fetchFile } from '../../src/sources/fetch-file.js';

describe('fetching a publisher\'s file', () => {
  let server: Server;
  let base = '';
  let flaky = 0;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/big') res.writeHead(200, { 'content-length': 5000 }).end(Buffer.alloc(5000, 65));
      else if (req.url === '/undeclared') {
        // Chunked, no content-length: the limit applies as the bytes arrive.
        res.writeHead(200, { 'transfer-encoding': 'chunked' });
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1000, 66));
        res.end();
      } else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('late'), 2000);
      else if (req.url === '/flaky') {
        if (flaky++ < 2) res.writeHead(502).end();
        else res.writeHead(200, { etag: '"v1"', 'last-modified': 'Mon, 02 Mar 2026 10:00:00 GMT' }).end('ok');
      } else if (req.url === '/conditional') {
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
        else res.writeHead(200, { etag: '"v1"' }).end('body');
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('refuses a body over the size limit, declared or not', async () => {
    await assert.rejects(fetchFile(`${base}/big`, null, { maxBytes: 1000, retries: 0 }), /5000 bytes, over the limit of 1000/);
    await assert.rejects(fetchFile(`${base}/undeclared`, null, { maxBytes: 4000, retries: 0 }), /more than the limit of 4000 bytes/);
  });

  it('gives up on a server that does not answer in time', async () => {
    await assert.rejects(fetchFile(`${base}/slow`, null, { timeoutMs: 200, retries: 0 }), /no answer within 200 ms/);
  });

  it('retries server errors with backoff, not a 404', async () => {
    const ok = await fetchFile(`${base}/flaky`, null, { retries: 3, minBackoffMs: 10 });
    assert.equal(ok.kind, 'body');
    assert.equal(ok.attempts, 3, 'two 502s, then the file');
    if (ok.kind === 'body') assert.equal(ok.etag, '"v1"');
    const missing = await fetchFile(`${base}/none`, null, { retries: 3, minBackoffMs: 10 }).catch((e: unknown) => e);
    assert.ok(missing instanceof FetchError);
    assert.equal(missing.status, 404);
    assert.equal(missing.attempts, 1, 'a 404 is not retried');
  });

  it('asks conditionally and takes 304 as unchanged', async () => {
    const first = await fetchFile(`${base}/conditional`, null);
    assert.equal(first.kind, 'body');
    const again = await fetchFile(`${base}/conditional`, { etag: '"v1"', lastModified: null });
    assert.equal(again.kind, 'not-modified');
  });
});
