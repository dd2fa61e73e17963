import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testBackends } from '../support/backends.js';
import { type ApiFixture, assertError, call, IMPORT_DIR, startApi } from './helpers.js';

// An import folder with a link leading out of it, and a file outside it that the link points at.
const outside = mkdtempSync(join(tmpdir(), 'proscribe-api-outside-'));
writeFileSync(join(outside, 'secret.csv'), 'not for import\n');
const importDir = mkdtempSync(join(tmpdir(), 'proscribe-api-imports-'));
copyFileSync(join(IMPORT_DIR, 'ofac-sdn-small.csv'), join(importDir, 'ofac-sdn-small.csv'));
copyFileSync(join(IMPORT_DIR, 'un-bad-date.xml'), join(importDir, 'un-bad-date.xml'));
symlinkSync(join(outside, 'secret.csv'), join(importDir, 'escape.csv'));

interface ScreenJson {
  results: { hits: { entity: { refs: string[] } }[] }[];
}

for (const backend of testBackends()) {
  describe(`imports and keys on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture;
    before(async () => {
      f = await startApi(backend, { importDir });
    });
    after(async () => {
      await f.close();
      await backend.cleanup();
    });

    it('lets an admin import a list from the import directory, and screens it at once', async () => {
      const listed = await call(f, 'GET', '/imports', { as: 'admin' });
      assert.equal(listed.statusCode, 200, listed.body);
      assert.deepEqual(listed.json<{ files: string[] }>().files, ['ofac-sdn-small.csv', 'un-bad-date.xml'], 'plain files only, not the link');
      const before = (await call(f, 'POST', '/screen', { as: 'viewer', payload: { name: 'Banco Nacional de Cuba' } })).json<ScreenJson>();
      assert.ok(!before.results[0]!.hits.some((h) => h.entity.refs.includes('ofac:306')));

      const res = await call(f, 'POST', '/imports', { as: 'admin', payload: { format: 'ofac-sdn-csv', path: 'ofac-sdn-small.csv', publishedOn: '2024-05-01' } });
      assert.equal(res.statusCode, 200, res.body);
      const summary = res.json<{ source: string; unchanged: boolean; added: string[] }>();
      assert.equal(summary.source, 'ofac');
      assert.equal(summary.unchanged, false);
      assert.ok(summary.added.includes('ofac:306'));
      const afterImport = (await call(f, 'POST', '/screen', { as: 'viewer', payload: { name: 'Banco Nacional de Cuba' } })).json<ScreenJson>();
      assert.ok(afterImport.results[0]!.hits[0]!.entity.refs.includes('ofac:306'));

      const again = await call(f, 'POST', '/imports', { as: 'admin', payload: { format: 'ofac-sdn-csv', path: 'ofac-sdn-small.csv', publishedOn: '2024-05-01' } });
      assert.equal(again.json<{ unchanged: boolean }>().unchanged, true);
      assert.equal((await call(f, 'GET', '/imports', { as: 'admin' })).json<{ runs: { source: string }[] }>().runs.filter((r) => r.source === 'ofac').length, 1);
    });

    it('refuses paths out of the import directory, by dots, absolute path or link', async () => {
      for (const path of ['../secret.csv', '../../etc/passwd', '/etc/passwd', join(outside, 'secret.csv'), 'escape.csv', 'a/../../x', '.']) {
        const err = assertError(await call(f, 'POST', '/imports', { as: 'admin', payload: { format: 'ofac-sdn-csv', path } }), 400, 'path');
        assert.match(err.error.message, /outside the import directory/, path);
      }
    });

    it('404s a file absent from the import directory, 400s a malformed list or format, 403s an analyst', async () => {
      assertError(await call(f, 'POST', '/imports', { as: 'admin', payload: { format: 'un-xml', path: 'nope.xml' } }), 404, 'path');
      const bad = assertError(await call(f, 'POST', '/imports', { as: 'admin', payload: { format: 'un-xml', path: 'un-bad-date.xml' } }), 400);
      assert.match(bad.error.message, /un-bad-date\.xml/);
      assertError(await call(f, 'POST', '/imports', { as: 'admin', payload: { format: 'ftm-ish', path: 'x' } }), 400, 'format');
      assertError(await call(f, 'POST', '/imports', { as: 'admin', payload: { format: 'un-xml' } }), 400, 'path');
      assertError(await call(f, 'POST', '/imports', { as: 'analyst', payload: { format: 'un-xml', path: 'un-bad-date.xml' } }), 403);
      assertError(await call(f, 'GET', '/imports', { as: 'analyst' }), 403);
      assertError(await call(f, 'POST', '/imports', { payload: { format: 'un-xml', path: 'x' } }), 401);
    });

    it('manages keys: create (the secret once), list (no secrets), revoke', async () => {
      const created = await call(f, 'POST', '/keys', { as: 'admin', payload: { name: 'ui session', role: 'analyst' } });
      assert.equal(created.statusCode, 201, created.body);
      const { key, secret } = created.json<{ key: { id: number; role: string; revokedAt: string | null }; secret: string }>();
      assert.deepEqual([key.role, key.revokedAt], ['analyst', null]);
      const auth = { authorization: `Bearer ${secret}` };
      assert.equal((await call(f, 'POST', '/decisions', { headers: auth, payload: { ids: [f.seeded.basedInFact], verdict: 'accepted' } })).statusCode, 200);

      const listed = await call(f, 'GET', '/keys', { as: 'admin' });
      assert.ok(!listed.body.includes(secret) && !listed.body.includes('Hash'), 'no secret and no hash in the list');
      assert.ok(listed.json<{ keys: { id: number }[] }>().keys.some((k) => k.id === key.id));

      const revoked = await call(f, 'DELETE', `/keys/${key.id}`, { as: 'admin' });
      assert.equal(revoked.statusCode, 200, revoked.body);
      const first = revoked.json<{ key: { revokedAt: string } }>().key.revokedAt;
      assert.ok(first);
      assertError(await call(f, 'GET', '/facts', { headers: auth }), 401);
      const twice = await call(f, 'DELETE', `/keys/${key.id}`, { as: 'admin' });
      assert.equal(twice.json<{ key: { revokedAt: string } }>().key.revokedAt, first, 'revoking again keeps the first date');
    });

    it('names the wrong key field, 404s an unknown key, 403s a non-admin', async () => {
      assertError(await call(f, 'POST', '/keys', { as: 'admin', payload: { name: 'x', role: 'root' } }), 400, 'role');
      assertError(await call(f, 'POST', '/keys', { as: 'admin', payload: { name: '  ', role: 'viewer' } }), 400, 'name');
      assertError(await call(f, 'DELETE', '/keys/99999', { as: 'admin' }), 404, 'id');
      assertError(await call(f, 'DELETE', '/keys/abc', { as: 'admin' }), 400, 'id');
      assertError(await call(f, 'POST', '/keys', { as: 'analyst', payload: { name: 'x', role: 'admin' } }), 403);
      assertError(await call(f, 'DELETE', '/keys/1', { as: 'viewer' }), 403);
      assertError(await call(f, 'GET', '/keys'), 401);
    });
  });
}
