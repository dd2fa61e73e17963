import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { hashApiKey } from '../../src/api/keys.js';
import { isLoopbackHost } from '../../src/api/loopback.js';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { type ApiFixture, assertError, call, startApi } from './helpers.js';

describe('isLoopbackHost', () => {
  it('knows loopback addresses from those reachable from outside', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.org', '128.0.0.1']) assert.equal(isLoopbackHost(h), false, h);
  });
});

for (const backend of testBackends()) {
  describe(`API keys and roles on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture | undefined;
    afterEach(async () => {
      await f?.close();
      f = undefined;
    });
    after(() => backend.cleanup());

    it('runs open on loopback while no key exists: every caller acts as admin under the local name', async () => {
      f = await startApi(backend, { withKeys: false, openActorName: 'local-analyst' });
      assert.equal((await call(f, 'GET', '/health')).json<{ auth: string }>().auth, 'open');
      assert.equal((await call(f, 'GET', '/keys')).statusCode, 200);
      const res = await call(f, 'POST', `/facts/${f.seeded.banFact}/accept`, { payload: { note: 'checked' } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json<{ decisions: { by: string }[] }>().decisions[0]!.by, 'local-analyst');
      // A wrong key is refused even on an open server.
      assertError(await call(f, 'GET', '/facts', { headers: { authorization: 'Bearer psk_wrong' } }), 401);
    });

    it('requires a key on every request once one exists, and closes again when the first is created', async () => {
      f = await startApi(backend, { withKeys: false });
      assert.equal((await call(f, 'GET', '/facts')).statusCode, 200);
      const created = await call(f, 'POST', '/keys', { payload: { name: 'first admin', role: 'admin' } });
      assert.equal(created.statusCode, 201, created.body);
      const { secret } = created.json<{ secret: string }>();
      assertError(await call(f, 'GET', '/facts'), 401);
      assert.equal((await call(f, 'GET', '/facts', { headers: { authorization: `Bearer ${secret}` } })).statusCode, 200);
      assert.equal((await call(f, 'GET', '/health')).json<{ auth: string }>().auth, 'keys');
    });

    it('refuses a missing, unknown, malformed or revoked key with 401 and a low role with 403', async () => {
      f = await startApi(backend);
      assertError(await call(f, 'GET', '/facts'), 401);
      assertError(await call(f, 'GET', '/facts', { headers: { authorization: 'Bearer psk_not-a-key' } }), 401);
      assertError(await call(f, 'GET', '/facts', { headers: { authorization: `Basic ${f.keys.viewer}` } }), 401);
      assertError(await call(f, 'GET', '/facts', { headers: { 'x-api-key': 'psk_nope' } }), 401);
      assert.equal((await call(f, 'GET', '/facts', { headers: { 'x-api-key': f.keys.viewer! } })).statusCode, 200, 'X-API-Key is accepted');

      const forbidden = assertError(await call(f, 'POST', `/facts/${f.seeded.banFact}/accept`, { as: 'viewer' }), 403);
      assert.match(forbidden.error.message, /analyst/);
      assertError(await call(f, 'POST', '/imports', { as: 'analyst', payload: { format: 'un-xml', path: 'un-small.xml' } }), 403);
      assertError(await call(f, 'GET', '/keys', { as: 'analyst' }), 403);
      assert.equal((await call(f, 'GET', '/keys', { as: 'admin' })).statusCode, 200);

      const keys = (await call(f, 'GET', '/keys', { as: 'admin' })).json<{ keys: { id: number; name: string }[] }>().keys;
      const viewer = keys.find((k) => k.name === 'viewer-key')!;
      assert.equal((await call(f, 'DELETE', `/keys/${viewer.id}`, { as: 'admin' })).statusCode, 200);
      const revoked = assertError(await call(f, 'GET', '/facts', { as: 'viewer' }), 401);
      assert.match(revoked.error.message, /revoked/);
    });

    it('public routes need no key: health and the OpenAPI document', async () => {
      f = await startApi(backend);
      assert.equal((await call(f, 'GET', '/health')).statusCode, 200);
      assert.equal((await call(f, 'GET', '/openapi.json')).statusCode, 200);
    });

    it('a server bound beyond loopback requires keys even while none exists', async () => {
      f = await startApi(backend, { withKeys: false, requireKeys: true });
      assertError(await call(f, 'GET', '/facts'), 401);
      assert.equal((await call(f, 'GET', '/health')).json<{ auth: string }>().auth, 'keys');
    });
  });

  describe(`proscribe keys and serve on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    it('creates a key shown once and stores only its SHA-256; lists and revokes it', async () => {
      const db = await backend.create();
      const created = await cli(['--db', db, 'keys', 'create', '--role', 'analyst', '--name', 'alice', '--format', 'json']);
      assert.equal(created.code, 0, created.stderr);
      const { key, secret } = JSON.parse(created.stdout) as { key: { id: number; role: string; name: string }; secret: string };
      assert.deepEqual([key.role, key.name], ['analyst', 'alice']);
      assert.match(secret, /^psk_[A-Za-z0-9_-]{40,}$/);
      const repo = await openStore(db);
      try {
        const [stored] = await repo.listApiKeys();
        assert.equal(stored!.keyHash, hashApiKey(secret));
        assert.notEqual(stored!.keyHash, secret);
      } finally {
        await repo.close();
      }
      const text = await cli(['--db', db, 'keys', 'create', '--role', 'viewer', '--name', 'bob']);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /psk_/);
      const listed = await cli(['--db', db, 'keys', 'list']);
      assert.match(listed.stdout, /^2 keys/);
      assert.doesNotMatch(listed.stdout, /psk_/, 'list never shows a key');
      const revoked = await cli(['--db', db, 'keys', 'revoke', String(key.id), '--format', 'json']);
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.ok((JSON.parse(revoked.stdout) as { key: { revokedAt: string | null } }).key.revokedAt);
      assert.match((await cli(['--db', db, 'keys', 'list'])).stdout, /REVOKED/);
    });

    it('refuses a bad role, a missing name and an unknown key id', async () => {
      const db = await backend.create();
      const badRole = await cli(['--db', db, 'keys', 'create', '--role', 'root', '--name', 'x']);
      assert.equal(badRole.code, 2);
      assert.match(badRole.stderr, /field "role"/);
      assert.equal((await cli(['--db', db, 'keys', 'create', '--role', 'viewer'])).code, 2);
      const unknown = await cli(['--db', db, 'keys', 'revoke', '999']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /no API key with id 999/);
    });

    it('refuses to listen beyond loopback without a key, with a message saying what to do', async () => {
      const db = await backend.create();
      const r = await cli(['--db', db, 'serve', '--host', '0.0.0.0', '--port', '0']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /refusing to listen on 0\.0\.0\.0/);
      assert.match(r.stderr, /proscribe keys create/);
      const badPort = await cli(['--db', db, 'serve', '--port', '70000']);
      assert.equal(badPort.code, 2);
      assert.match(badPort.stderr, /field "port"/);
    });
  });
}
