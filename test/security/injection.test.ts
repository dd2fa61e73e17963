import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ApiFixture, assertError, call, startApi, waitForJob } from '../api/helpers.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { assertCoreTables, dbState, type DbState, growth, jobForm, refusedUnchanged, SQL_INJECTIONS, UNSTORABLE } from './support.js';

/**
 * SQL injection strings in every text parameter of the API: each is stored, searched or
 * refused as the text it is. No request answers 500, a refused one writes nothing, stored
 * text reads back byte for byte, and the tables and row counts are what the requests made.
 */

/** Short strings for `GET /facts?jurisdiction=` (2 to 8 characters): each would match every PK fact if pasted into SQL. */
const SHORT_INJECTIONS = ["PK' --", "PK'--", "' OR 1--", "PK' OR'", 'PK%', '%%', "'='"];
const q = encodeURIComponent;

interface ScreenJson {
  results: { query: string; hits: { entity: { id: number } }[] }[];
}

for (const backend of testBackends()) {
  describe(`SQL injection strings in every text parameter on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture;
    let start: DbState;
    /** Rows the accepted requests of this suite are expected to add, by table. */
    const expected: Record<string, number> = {};
    const expect = (table: string, n = 1) => {
      expected[table] = (expected[table] ?? 0) + n;
    };

    before(async () => {
      f = await startApi(backend);
      start = await dbState(f.db);
    });
    after(async () => {
      await f.close();
      await backend.cleanup();
    });

    it('query strings: searches find nothing extra, validated parameters are refused naming the field', async () => {
      const pk = (await call(f, 'GET', '/facts?jurisdiction=PK', { as: 'viewer' })).json<{ facts: unknown[] }>();
      assert.equal(pk.facts.length, 1, 'the seed has one proposed PK fact: the filter works');
      for (const x of SHORT_INJECTIONS) {
        const res = await call(f, 'GET', `/facts?jurisdiction=${q(x)}`, { as: 'viewer' });
        assert.equal(res.statusCode, 200, `${x}: ${res.body}`);
        assert.deepEqual(res.json<{ facts: unknown[] }>().facts, [], `jurisdiction ${JSON.stringify(x)} matches no fact`);
      }
      for (const x of SQL_INJECTIONS) {
        const search = await call(f, 'GET', `/entities?q=${q(x)}`, { as: 'viewer' });
        assert.equal(search.statusCode, 200, search.body);
        assert.equal(search.json<{ query: string }>().query, x.trim());
        for (const param of ['status', 'predicate', 'entityId', 'documentId', 'limit', 'offset']) {
          await refusedUnchanged(f, () => call(f, 'GET', `/facts?${param}=${q(x)}`, { as: 'viewer' }), 400, param);
        }
        // A jurisdiction is 2 to 8 characters: a string of that length is looked up (and matches nothing), any other is refused.
        const len = x.trim().length;
        const byJurisdiction = await call(f, 'GET', `/facts?jurisdiction=${q(x)}`, { as: 'viewer' });
        if (len >= 2 && len <= 8) assert.deepEqual(byJurisdiction.json<{ facts: unknown[] }>().facts, [], byJurisdiction.body);
        else assertError(byJurisdiction, 400, 'jurisdiction');
        await refusedUnchanged(f, () => call(f, 'GET', `/listings?jurisdiction=${q(x)}`, { as: 'viewer' }), 400, 'jurisdiction');
        await refusedUnchanged(f, () => call(f, 'GET', `/listings?jurisdiction=UN&asOf=${q(x)}`, { as: 'viewer' }), 400, 'asOf');
        await refusedUnchanged(f, () => call(f, 'GET', `/entities?q=Lashkar&asOf=${q(x)}`, { as: 'viewer' }), 400, 'asOf');
        await refusedUnchanged(f, () => call(f, 'GET', `/entities?q=Lashkar&limit=${q(x)}`, { as: 'viewer' }), 400, 'limit');
        await refusedUnchanged(f, () => call(f, 'GET', `/export/csv?asOf=${q(x)}`, { as: 'viewer' }), 400, 'asOf');
        await refusedUnchanged(f, () => call(f, 'GET', `/entities/${f.seeded.lashkar}?asOf=${q(x)}`, { as: 'viewer' }), 400, 'asOf');
      }
    });

    it('path ids: every route with an id refuses an injection string as the id, naming it', async () => {
      for (const x of [...SQL_INJECTIONS, '1 OR 1=1', "1' OR '1'='1", '1;DROP TABLE facts', '-1', '2147483648']) {
        const id = q(x);
        for (const url of [`/documents/${id}`, `/facts/${id}`, `/entities/${id}`, `/screen/jobs/${id}`, `/screen/jobs/${id}/result`]) {
          assertError(await call(f, 'GET', url, { as: 'admin' }), 400, 'id');
        }
        await refusedUnchanged(f, () => call(f, 'POST', `/facts/${id}/accept`, { as: 'analyst' }), 400, 'id');
        await refusedUnchanged(f, () => call(f, 'POST', `/facts/${id}/reject`, { as: 'analyst', payload: { note: 'n' } }), 400, 'id');
        await refusedUnchanged(f, () => call(f, 'DELETE', `/keys/${id}`, { as: 'admin' }), 400, 'id');
      }
    });

    it('screening names (one and many) are screened as text', async () => {
      for (const x of SQL_INJECTIONS) {
        const one = await call(f, 'POST', '/screen', { as: 'viewer', payload: { name: x } });
        assert.equal(one.statusCode, 200, one.body);
        assert.equal(one.json<ScreenJson>().results[0]!.query, x.trim());
        const many = await call(f, 'POST', '/screen', { as: 'viewer', payload: { names: ['Lashkar e Taiba', x], asOf: '2020-01-01' } });
        assert.equal(many.statusCode, 200, many.body);
        const [lashkar, injected] = many.json<ScreenJson>().results;
        assert.equal(lashkar!.hits[0]!.entity.id, f.seeded.lashkar, 'a real name next to it still screens');
        assert.equal(injected!.query, x.trim());
        await refusedUnchanged(f, () => call(f, 'POST', '/screen', { as: 'viewer', payload: { name: 'x', asOf: x } }), 400, 'asOf');
        await refusedUnchanged(f, () => call(f, 'POST', '/screen', { as: 'viewer', payload: { name: 'x', threshold: x } }), 400, 'threshold');
      }
    });

    it('document text, title and URL are stored verbatim', async () => {
      for (const [i, x] of SQL_INJECTIONS.entries()) {
        const text = `The ${x} Front was banned on Monday, officials said (${i}).`;
        const url = `https://example.org/news?id=${q(x)}`;
        const res = await call(f, 'POST', '/documents', { as: 'analyst', payload: { text, date: '2021-05-01', title: x, url } });
        assert.equal(res.statusCode, 201, res.body);
        expect('documents');
        const id = res.json<{ documents: { id: number }[] }>().documents[0]!.id;
        const doc = (await call(f, 'GET', `/documents/${id}`, { as: 'viewer' })).json<{ document: { text: string; title: string; url: string } }>().document;
        assert.deepEqual([doc.text, doc.title, doc.url], [text, x, url]);
        await refusedUnchanged(f, () => call(f, 'POST', '/documents', { as: 'analyst', payload: { text: 'Some text.', date: x } }), 400, 'date');
        await refusedUnchanged(f, () => call(f, 'POST', '/documents', { as: 'analyst', payload: { text: 'Some text.', date: '2021-05-01', url: x } }), 400, 'url');
      }
      // Extraction on these texts may add entities, names and proposals of its own; it adds them as data.
      const now = await dbState(f.db);
      assertCoreTables(now);
    });

    it('decision notes and verdicts: notes are recorded verbatim, anything but a verdict is refused', async () => {
      for (const x of SQL_INJECTIONS) {
        const accepted = await call(f, 'POST', `/facts/${f.seeded.banFact}/accept`, { as: 'analyst', payload: { note: x } });
        assert.equal(accepted.statusCode, 200, accepted.body);
        const rejected = await call(f, 'POST', `/facts/${f.seeded.basedInFact}/reject`, { as: 'analyst', payload: { note: x } });
        assert.equal(rejected.statusCode, 200, rejected.body);
        const many = await call(f, 'POST', '/decisions', { as: 'analyst', payload: { ids: [f.seeded.banFact], verdict: 'accepted', note: x } });
        assert.equal(many.statusCode, 200, many.body);
        expect('decisions', 3);
        const history = (await call(f, 'GET', `/facts/${f.seeded.banFact}`, { as: 'viewer' })).json<{ decisions: { note: string | null; by: string }[] }>().decisions;
        assert.deepEqual(history.slice(-2).map((d) => [d.note, d.by]), [[x.trim(), 'analyst-key'], [x.trim(), 'analyst-key']]);
        await refusedUnchanged(f, () => call(f, 'POST', '/decisions', { as: 'analyst', payload: { ids: [f.seeded.banFact], verdict: x, note: 'n' } }), 400, 'verdict');
        await refusedUnchanged(f, () => call(f, 'POST', '/decisions', { as: 'analyst', payload: { ids: [x], verdict: 'accepted' } }), 400, 'ids.0');
      }
    });

    it('API key names, through the API and the CLI, are stored verbatim; roles are refused', async () => {
      for (const x of SQL_INJECTIONS) {
        const res = await call(f, 'POST', '/keys', { as: 'admin', payload: { name: x, role: 'viewer' } });
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(res.json<{ key: { name: string } }>().key.name, x.trim());
        const byCli = await cli(['--db', f.db, 'keys', 'create', '--role', 'viewer', '--name', x, '--format', 'json']);
        assert.equal(byCli.code, 0, byCli.stderr);
        expect('api_keys', 2);
        await refusedUnchanged(f, () => call(f, 'POST', '/keys', { as: 'admin', payload: { name: 'k', role: x } }), 400, 'role');
        const refusedCli = await cli(['--db', f.db, 'keys', 'create', '--role', x, '--name', 'k']);
        assert.equal(refusedCli.code, 2, refusedCli.stderr);
      }
      const names = (await call(f, 'GET', '/keys', { as: 'admin' })).json<{ keys: { name: string }[] }>().keys.map((k) => k.name);
      for (const x of SQL_INJECTIONS) assert.equal(names.filter((n) => n === x.trim()).length, 2, `the key named ${JSON.stringify(x)}, twice`);
    });

    it('import parameters: an injection string is no list file and no format', async () => {
      for (const x of SQL_INJECTIONS) {
        // None of them leads out of the import folder: each is a file name there that does not exist.
        const res = await refusedUnchanged(f, () => call(f, 'POST', '/imports', { as: 'admin', payload: { format: 'un-xml', path: x } }), 404, 'path');
        // The message names the path asked for, and nothing read from the database (no key, no key hash).
        assert.doesNotMatch(res.body, /psk_|[0-9a-f]{64}/);
        await refusedUnchanged(f, () => call(f, 'POST', '/imports', { as: 'admin', payload: { format: x, path: 'un-small.xml' } }), 400, 'format');
        await refusedUnchanged(f, () => call(f, 'POST', '/imports', { as: 'admin', payload: { format: 'un-xml', path: 'un-small.xml', publishedOn: x } }), 400, 'publishedOn');
      }
    });

    it('batch jobs: names in the file come back verbatim, as do file names; bad fields are refused', async () => {
      const before = await dbState(f.db);
      const csv = `name\n${SQL_INJECTIONS.map((x) => `"${x.replace(/"/g, '""')}"`).join('\n')}\n`;
      const res = await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: jobForm(csv, "' OR 1=1 --.csv") });
      assert.equal(res.statusCode, 202, res.body);
      const created = res.json<{ id: string; filename: string }>();
      assert.equal(created.filename, "' OR 1=1 --.csv");
      const job = await waitForJob(f, created.id);
      assert.equal(job.status, 'done', JSON.stringify(job.error));
      assert.equal(job.total, SQL_INJECTIONS.length);
      const result = await call(f, 'GET', job.result!, { as: 'viewer' });
      assert.match(String(result.headers['content-disposition']), /^attachment; filename="[\w.-]+"$/, 'the file name is made safe for the header');
      for (const x of SQL_INJECTIONS) assert.ok(result.body.includes(/[",]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x), `row ${JSON.stringify(x)} in the result`);
      for (const x of SQL_INJECTIONS) {
        assertError(await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: jobForm(csv, 'a.csv', { column: x }) }), 400, 'column');
        assertError(await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: jobForm(csv, 'a.csv', { asOf: x }) }), 400, 'asOf');
        assertError(await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: jobForm(csv, 'a.csv', { threshold: x }) }), 400, 'threshold');
      }
      // A job is kept in the database (its row, its input and its two results); nothing else is written.
      const after = await dbState(f.db);
      const others = (st: typeof before) => Object.fromEntries(Object.entries(st.rows).filter(([t]) => t !== 'jobs' && t !== 'job_files'));
      assert.deepEqual(others(after), others(before), 'a job writes nothing to the registry');
      assert.deepEqual(growth(before, after), { jobs: 1, job_files: 3 });
    });

    it('keys in headers: an injection string is no key', async () => {
      for (const x of SQL_INJECTIONS) {
        await refusedUnchanged(f, () => call(f, 'GET', '/facts', { headers: { authorization: `Bearer ${x}` } }), 401);
        await refusedUnchanged(f, () => call(f, 'GET', '/facts', { headers: { 'x-api-key': x } }), 401);
      }
    });

    it('NUL characters and unpaired surrogates are refused with a 400 naming the field, on every text parameter, writing nothing', async () => {
      for (const x of UNSTORABLE) {
        const cases: [string, string, Record<string, unknown> | undefined, string, 'viewer' | 'analyst' | 'admin'][] = [
          ['POST', '/screen', { name: x }, 'name', 'viewer'],
          ['POST', '/screen', { names: ['Lashkar', x] }, 'names.1', 'viewer'],
          ['POST', '/documents', { text: `The ${x} Front was banned.`, date: '2021-05-01' }, 'text', 'analyst'],
          ['POST', '/documents', { text: 'The Front was banned.', date: '2021-05-01', title: x }, 'title', 'analyst'],
          ['POST', `/facts/${f.seeded.banFact}/accept`, { note: x }, 'note', 'analyst'],
          ['POST', `/facts/${f.seeded.banFact}/reject`, { note: x }, 'note', 'analyst'],
          ['POST', '/decisions', { ids: [f.seeded.banFact], verdict: 'rejected', note: x }, 'note', 'analyst'],
          ['POST', '/keys', { name: x, role: 'viewer' }, 'name', 'admin'],
          ['POST', '/imports', { format: 'un-xml', path: x }, 'path', 'admin'],
        ];
        for (const [method, url, payload, field, as] of cases) {
          // JSON.stringify writes an unpaired surrogate as its \ud800 escape, as a client would.
          await refusedUnchanged(f, () => call(f, method, url, { as, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }), 400, field);
        }
        if (!/[\ud800-\udfff]/.test(x)) {
          for (const [url, field] of [[`/facts?jurisdiction=${q(`PK${x}`)}`, 'jurisdiction'], [`/entities?q=${q(x)}`, 'q']] as const) {
            await refusedUnchanged(f, () => call(f, 'GET', url, { as: 'viewer' }), 400, field);
          }
        }
      }
    });

    it('afterwards: every table is there and the rows are those the accepted requests made', async () => {
      const end = await dbState(f.db);
      assertCoreTables(end);
      assert.deepEqual(end.tables, start.tables, 'no table added or dropped');
      const grew = growth(start, end);
      for (const [table, n] of Object.entries(expected)) assert.equal(grew[table], n, `${table}: ${n} rows added`);
      for (const table of ['entity_merges', 'import_runs']) assert.equal(grew[table], undefined, `${table} untouched`);
      assert.ok((await call(f, 'GET', '/health')).statusCode === 200);
    });
  });
}
