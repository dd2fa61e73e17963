import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { createApiKey, hashApiKey } from '../../src/api/keys.js';
import type { ApiKeyRole } from '../../src/store/repository.js';
import { type ApiFixture, assertError, call, startApi } from '../api/helpers.js';
import { testBackends } from '../support/backends.js';
import { dbState, makeScene, RANK, refusedUnchanged, ROUTES } from './support.js';

interface OpenApiDoc {
  paths: Record<string, Record<string, { description?: string; security?: unknown[] }>>;
}

const ROLES: ApiKeyRole[] = ['viewer', 'analyst', 'admin'];
const key = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

for (const backend of testBackends()) {
  describe(`every route and every role on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture | undefined;
    afterEach(async () => {
      await f?.close();
      f = undefined;
    });
    after(() => backend.cleanup());

    it('the route table is every route of the OpenAPI document, with the role its description states', async () => {
      f = await startApi(backend);
      const doc = (await call(f, 'GET', '/openapi.json')).json<OpenApiDoc>();
      const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => key({ method: m, path })));
      assert.deepEqual(documented.sort(), ROUTES.map(key).sort(), 'a new route needs a row in test/security/support.ts ROUTES');
      for (const r of ROUTES) {
        const op = doc.paths[r.path]![r.method.toLowerCase()]!;
        if (r.min === 'public') assert.deepEqual(op.security, [], `${key(r)} is documented as needing no key`);
        else assert.match(op.description ?? '', new RegExp(`Role: ${r.min} or above\\.`), `${key(r)} documents its role`);
      }
    });

    for (const role of ROLES) {
      it(`${role === 'viewer' ? 'a' : 'an'} ${role} key: refused with 403 below its role (writing nothing), answered at or above it`, async () => {
        f = await startApi(backend);
        const scene = await makeScene(f, role, role);
        for (const r of ROUTES) {
          const { url, payload } = r.request(scene);
          const send = () => call(f!, r.method, url, { as: role, ...(payload !== undefined ? { payload } : {}) });
          if (RANK[role] < RANK[r.min]) {
            const res = await refusedUnchanged(f, send, 403);
            assert.match(res.json<{ error: { message: string } }>().error.message, new RegExp(`needs the ${r.min} role`), key(r));
          } else {
            const res = await send();
            assert.equal(res.statusCode, r.ok, `${role} on ${key(r)}: ${res.body.slice(0, 300)}`);
          }
        }
      });
    }

    it('no key, an unknown, malformed, near-miss, revoked key, or the stored hash of a key: 401 on every keyed route, nothing written', async () => {
      f = await startApi(backend);
      const scene = await makeScene(f, 'admin', 'refused');
      const revoked = await createApiKey(f.repo, 'revoked-admin', 'admin');
      await f.repo.revokeApiKey(revoked.key.id);
      const admin = f.keys.admin!;
      const nearMiss = `${admin.slice(0, -1)}${admin.endsWith('A') ? 'B' : 'A'}`;
      const presented: [string, Record<string, string>][] = [
        ['no key', {}],
        ['an unknown key', { authorization: 'Bearer psk_unknown' }],
        ['an unknown X-API-Key', { 'x-api-key': 'psk_unknown' }],
        ['a Basic header', { authorization: `Basic ${admin}` }],
        ['an empty Bearer', { authorization: 'Bearer ' }],
        ['a key one character off', { authorization: `Bearer ${nearMiss}` }],
        ['a revoked admin key', { authorization: `Bearer ${revoked.secret}` }],
        ['the SHA-256 the store keeps', { authorization: `Bearer ${hashApiKey(admin)}` }],
      ];
      for (const r of ROUTES) {
        const { url, payload } = r.request(scene);
        for (const [what, headers] of presented) {
          const send = () => call(f!, r.method, url, { headers, ...(payload !== undefined ? { payload } : {}) });
          if (r.min === 'public') {
            // A public route ignores whatever key comes with the request.
            assert.equal((await send()).statusCode, r.ok, `${what} on ${key(r)}`);
          } else {
            await refusedUnchanged(f, send, 401);
          }
        }
      }
    });

    it('a key made while the server runs is in force at once, and one revoked through the API is refused on its next request', async () => {
      f = await startApi(backend);
      const created = await call(f, 'POST', '/keys', { as: 'admin', payload: { name: 'late analyst', role: 'analyst' } });
      assert.equal(created.statusCode, 201, created.body);
      const { key: made, secret } = created.json<{ key: { id: number }; secret: string }>();
      const headers = { authorization: `Bearer ${secret}` };
      assert.equal((await call(f, 'GET', '/facts', { headers })).statusCode, 200);
      assertError(await call(f, 'GET', '/keys', { headers }), 403);
      assert.equal((await call(f, 'DELETE', `/keys/${made.id}`, { as: 'admin' })).statusCode, 200);
      await refusedUnchanged(f, () => call(f!, 'POST', `/facts/${f!.seeded.banFact}/accept`, { headers }), 401);
    });

    it('open on loopback while no active key exists: every route answers as for an admin, until a key is made', async () => {
      f = await startApi(backend, { withKeys: false });
      // Only a revoked key: the server stays open, and DELETE /keys/{id} has a key to name.
      const spare = await createApiKey(f.repo, 'second-viewer', 'viewer');
      await f.repo.revokeApiKey(spare.key.id);
      const scene = await makeScene(f, undefined, 'open');
      assert.equal(scene.spareKeyId, spare.key.id);
      const order = [...ROUTES.filter((r) => r.path !== '/keys' || r.method !== 'POST'), ROUTES.find((r) => r.path === '/keys' && r.method === 'POST')!];
      for (const r of order) {
        const { url, payload } = r.request(scene);
        const res = await call(f, r.method, url, payload !== undefined ? { payload } : {});
        assert.equal(res.statusCode, r.ok, `${key(r)}: ${res.body.slice(0, 300)}`);
      }
      // The first active key (POST /keys, last) closes it.
      assert.equal((await call(f, 'GET', '/health')).json<{ auth: string }>().auth, 'keys');
      assertError(await call(f, 'GET', '/facts'), 401);
    });

    it('bound beyond loopback with no key yet: 401 on every keyed route, nothing written', async () => {
      f = await startApi(backend, { withKeys: false, requireKeys: true });
      const before = await dbState(f.db);
      for (const r of ROUTES) {
        const { url, payload } = r.request({ f, jobId: '00000000-0000-4000-8000-000000000000', spareKeyId: 1, tag: 'closed', backgroundJobId: '00000000-0000-4000-8000-000000000001', monitor: 'none' });
        const res = await call(f, r.method, url, payload !== undefined ? { payload } : {});
        if (r.min === 'public') assert.equal(res.statusCode, r.ok, key(r));
        else assertError(res, 401);
      }
      assert.deepEqual(await dbState(f.db), before);
    });
  });
}
