import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testBackends } from '../support/backends.js';
import { type ApiFixture, assertError, call, startApi } from './helpers.js';

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, {
    security?: unknown[];
    requestBody?: { content: Record<string, { schema: { properties?: Record<string, { maxItems?: number; format?: string }>; required?: string[] } }> };
    parameters?: { name: string; in: string }[];
    responses: Record<string, unknown>;
  }>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
}

const ROUTES: [string, string][] = [
  ['get', '/health'], ['post', '/screen'], ['post', '/screen/jobs'], ['get', '/screen/jobs/{id}'], ['get', '/screen/jobs/{id}/result'],
  ['post', '/documents'], ['get', '/documents'], ['get', '/documents/{id}'], ['get', '/facts'], ['post', '/facts'], ['get', '/facts/{id}'], ['post', '/facts/{id}/accept'],
  ['post', '/facts/{id}/correct'], ['post', '/entities/{id}/names'], ['post', '/entities/{id}/names/remove'], ['post', '/entities/{id}/rename'],
  ['post', '/entities/{id}/merge'], ['post', '/entities/{id}/split'],
  ['post', '/facts/{id}/reject'], ['post', '/decisions'], ['get', '/listings'], ['get', '/lists'], ['get', '/lists/{id}'], ['get', '/lists/{id}/changes'],
  ['get', '/entities'], ['get', '/entities/{id}'],
  ['get', '/export/ftm'], ['get', '/export/csv'], ['get', '/imports'], ['post', '/imports'], ['get', '/keys'], ['post', '/keys'], ['delete', '/keys/{id}'],
  ['get', '/changes'], ['get', '/jobs/{id}'], ['get', '/sources'], ['post', '/sources'], ['post', '/sources/update'], ['get', '/feeds'], ['post', '/feeds'],
  ['post', '/feeds/poll'], ['get', '/monitors'], ['post', '/monitors'], ['post', '/monitors/{name}/run'], ['get', '/monitors/{name}/alerts'], ['post', '/monitors/{name}/dismissals'],
  ['post', '/compare'],
];

const ui = mkdtempSync(join(tmpdir(), 'proscribe-api-ui-'));
writeFileSync(join(ui, 'index.html'), '<!doctype html><title>proscribe</title><div id="root"></div>');
mkdirSync(join(ui, 'assets'));
writeFileSync(join(ui, 'assets', 'app.js'), 'console.log("ui");');

for (const backend of testBackends()) {
  describe(`the OpenAPI document, the UI and errors on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture;
    before(async () => {
      f = await startApi(backend, { uiDir: ui });
    });
    after(async () => {
      await f.close();
      await backend.cleanup();
    });

    it('describes every route in OpenAPI 3.1, from the zod schemas that validate them', async () => {
      const res = await call(f, 'GET', '/openapi.json');
      assert.equal(res.statusCode, 200);
      const doc = res.json<OpenApi>();
      assert.equal(doc.openapi, '3.1.0');
      assert.deepEqual(ROUTES.filter(([m, p]) => !doc.paths[p]?.[m]), [], 'every route is in the document');
      assert.deepEqual(Object.entries(doc.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m} ${p}`)).length, ROUTES.length, 'and nothing else');
      const screen = doc.paths['/screen']!.post!.requestBody!.content['application/json']!.schema;
      assert.equal(screen.properties!.names!.maxItems, 1000, 'the limit the validator applies');
      const upload = doc.paths['/screen/jobs']!.post!.requestBody!.content['multipart/form-data']!.schema;
      assert.equal(upload.properties!.file!.format, 'binary');
      assert.deepEqual(doc.paths['/facts']!.get!.parameters!.map((p) => p.name).sort(), ['documentId', 'entityId', 'jurisdiction', 'limit', 'maxConfidence', 'minConfidence', 'offset', 'origin', 'predicate', 'similar', 'status']);
      assert.ok(doc.paths['/facts/{id}']!.get!.responses['404'], 'errors are documented');
      assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['apiKey', 'bearer']);
      assert.deepEqual(doc.paths['/health']!.get!.security, [], 'health needs no key');
      assert.ok(doc.components.schemas.ScreenHit && doc.components.schemas.EntityProfile && doc.components.schemas.Error);
    });

    it('serves the UI at /, with index.html for any page a browser asks for that is no API route', async () => {
      const index = await call(f, 'GET', '/');
      assert.equal(index.statusCode, 200);
      assert.match(index.body, /<div id="root">/);
      const asset = await call(f, 'GET', '/assets/app.js');
      assert.equal(asset.statusCode, 200);
      assert.match(asset.body, /console\.log/);
      const page = await call(f, 'GET', '/review/later', { headers: { accept: 'text/html,application/xhtml+xml' } });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.body, /<div id="root">/);
      // The JSON routes keep their paths: a browser asking for one gets JSON (here: no key, 401).
      const api = await call(f, 'GET', '/facts', { headers: { accept: 'text/html' } });
      assert.equal(api.statusCode, 401);
      assert.match(String(api.headers['content-type']), /^application\/json/);
    });

    it('answers an unknown route with the JSON error shape', async () => {
      const err = assertError(await call(f, 'GET', '/no/such/route', { as: 'viewer' }), 404);
      assert.equal(err.error.code, 'not_found');
      assertError(await call(f, 'PUT', '/screen', { as: 'viewer', payload: {} }), 404);
    });

    it('answers an unexpected failure with 500 and no stack trace', async () => {
      // A server whose store has gone away fails inside the handler, not in validation.
      const broken = await startApi(backend, { withKeys: false });
      await broken.repo.close();
      const res = await call(broken, 'GET', '/facts');
      await broken.app.close();
      const err = assertError(res, 500);
      assert.equal(err.error.code, 'internal');
      assert.doesNotMatch(res.body, /\bat \S+ \(|node_modules|\.ts:\d+/, 'no stack trace or source path');
    });
  });
}
