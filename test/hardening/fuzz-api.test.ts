import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { type ApiFixture, call, startApi } from '../api/helpers.js';
import { testBackends } from '../support/backends.js';
import { InputCounter, fuzzOptions } from './support/fuzz.js';
import { tableCounts } from './support/store.js';

/** Values of every JSON type, with the awkward strings a client may send (NUL, lone surrogates, markup, SQL). */
const awkward = fc.constantFrom('', ' ', 'Example Front', 'Lashkar Tayyiba', '2020-08-19', '2021-02-30', 'pk', 'UN', 'proposed', 'accepted', 'rejected', 'viewer', 'admin',
  'un-xml', 'ofac-sdn-csv', 'un-small.xml', '../../etc/passwd', "x' OR 1=1 --", '<script>alert(1)</script>', 'A\u0000B', '\uD800', 'https://example.org/a', 'x'.repeat(3000));
const scalar = fc.oneof(awkward, fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constantFrom(0, -1, 1, 2, 2 ** 31, Number.MAX_SAFE_INTEGER, 0.85, 1.5));
const value = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }) });
/** An object with the route's own field names, each present or not, with any value. */
const bodyOf = (fields: string[]) => fc.oneof(
  { weight: 6, arbitrary: fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

interface Call {
  method: 'POST' | 'GET';
  url: string;
  payload?: string;
  contentType?: string;
}

const id = fc.oneof(fc.constantFrom('1', '2', '3', '0', '-1', '99999', '2147483648', 'abc', '1e3', '%00'), fc.string({ maxLength: 6 }).map(encodeURIComponent));
const query = (fields: string[]) => fc.dictionary(fc.constantFrom(...fields, 'x'), fc.oneof(awkward, fc.string({ maxLength: 20 })), { maxKeys: 4 })
  .map((q) => new URLSearchParams(q).toString());

const json = (url: string, fields: string[]) => bodyOf(fields).map((b): Call => ({ method: 'POST', url, payload: JSON.stringify(b) }));
const apiCall: fc.Arbitrary<Call> = fc.oneof(
  json('/screen', ['name', 'names', 'asOf', 'threshold', 'limit']),
  json('/documents', ['text', 'date', 'url', 'title', 'extract']),
  json('/decisions', ['ids', 'verdict', 'note']),
  id.chain((i) => json(`/facts/${i}/accept`, ['note'])),
  id.chain((i) => json(`/facts/${i}/reject`, ['note'])),
  json('/imports', ['format', 'path', 'publishedOn']),
  json('/keys', ['name', 'role']),
  query(['q', 'limit', 'asOf']).map((q): Call => ({ method: 'GET', url: `/entities?${q}` })),
  query(['status', 'predicate', 'entityId', 'documentId', 'jurisdiction', 'limit', 'offset']).map((q): Call => ({ method: 'GET', url: `/facts?${q}` })),
  query(['jurisdiction', 'asOf']).map((q): Call => ({ method: 'GET', url: `/listings?${q}` })),
  id.map((i): Call => ({ method: 'GET', url: `/entities/${i}` })),
  id.map((i): Call => ({ method: 'GET', url: `/documents/${i}` })),
  // Bodies that are not JSON at all, or say they are something else.
  fc.record({ url: fc.constantFrom('/screen', '/documents', '/decisions', '/keys'), payload: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('{', '{"name":', 'null', '[]')) })
    .map(({ url, payload }): Call => ({ method: 'POST', url, payload })),
  fc.record({ url: fc.constantFrom('/screen', '/documents'), contentType: fc.constantFrom('text/plain', 'application/xml', 'application/json; charset=latin1') })
    .map(({ url, contentType }): Call => ({ method: 'POST', url, payload: '{"name":"Example Front"}', contentType })),
);

for (const backend of testBackends()) {
  describe(`fuzzing the API bodies and parameters on ${backend.name}`, { skip: backend.skip }, () => {
    const counter = new InputCounter();
    const statuses = new Map<number, number>();
    let f: ApiFixture;
    before(async () => {
      f = await startApi(backend);
    });
    after(async () => {
      console.log(`fuzz API on ${backend.name}: ${counter.total} generated requests (statuses: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(', ')})`);
      await f.close();
      await backend.cleanup();
    });

    it('answers every request with a success or a 4xx JSON error naming what is wrong; a refused request changes no table', async () => {
      await fc.assert(fc.asyncProperty(apiCall, async (c) => {
        counter.count();
        const before = await tableCounts(f.db);
        const headers: Record<string, string> = c.payload === undefined ? {} : { 'content-type': c.contentType ?? 'application/json' };
        const res = await call(f, c.method, c.url, { as: 'admin', headers, ...(c.payload !== undefined ? { payload: c.payload } : {}) });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const label = `${c.method} ${c.url.slice(0, 120)} ${c.payload?.slice(0, 200) ?? ''}`;
        assert.ok(res.statusCode < 500, `${label}: ${res.statusCode} ${res.body.slice(0, 400)}`);
        if (res.statusCode < 400) return;
        const body = res.json<{ error?: { code?: unknown; message?: unknown } }>();
        assert.equal(typeof body.error?.code, 'string', `${label}: an error code`);
        assert.equal(typeof body.error?.message, 'string', `${label}: an error message`);
        assert.deepEqual(await tableCounts(f.db), before, `${label}: ${res.statusCode} left the database as it was`);
      }), fuzzOptions(backend.name === 'sqlite' ? 1500 : 400));
    });
  });
}
