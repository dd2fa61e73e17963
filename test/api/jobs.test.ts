import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { type ApiFixture, assertError, call, startApi, waitForJob } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'proscribe-api-batch-'));
const NAMES_CSV = 'id,name,country\n1,Lashkar e Taiba,PK\n2,"Al-Nusrah Front",SY\n3,Nobody Special Trading,GB\n4,"Haramain Foundation, Pakistan",PK\n';

function form(fields: Record<string, string>, file?: { name: string; content: string; field?: string }): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append(file.field ?? 'file', new Blob([file.content], { type: 'text/csv' }), file.name);
  return fd;
}

for (const backend of testBackends()) {
  describe(`batch screening jobs on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture;
    before(async () => {
      f = await startApi(backend, { limits: { uploadBytes: 4096 } });
    });
    after(async () => {
      await f.close();
      await backend.cleanup();
    });

    it('screens an uploaded CSV in the background into the same CSV as `proscribe screen --input`', async () => {
      const res = await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: form({ column: 'name', asOf: '2020-01-01' }, { name: 'clients.csv', content: NAMES_CSV }) });
      assert.equal(res.statusCode, 202, res.body);
      const created = res.json<{ id: string; status: string }>();
      assert.ok(['queued', 'running', 'done'].includes(created.status));
      assert.equal(res.headers.location, `/screen/jobs/${created.id}`);
      const job = await waitForJob(f, created.id);
      assert.equal(job.status, 'done', JSON.stringify(job.error));
      assert.deepEqual([job.processed, job.total], [4, 4]);
      assert.equal(job.result, `/screen/jobs/${created.id}/result`);

      const result = await call(f, 'GET', job.result, { as: 'viewer' });
      assert.equal(result.statusCode, 200, result.body);
      assert.match(String(result.headers['content-type']), /^text\/csv/);
      assert.match(String(result.headers['content-disposition']), /attachment; filename="clients-screened.csv"/);

      const input = join(scratch, `clients-${backend.name}.csv`);
      const output = join(scratch, `clients-${backend.name}-out.csv`);
      writeFileSync(input, NAMES_CSV);
      const byCli = await cli(['--db', f.db, 'screen', '--input', input, '--column', 'name', '--output', output, '--as-of', '2020-01-01', '--workers', '1']);
      assert.equal(byCli.code, 0, byCli.stderr);
      assert.equal(result.body, readFileSync(output, 'utf8'));
      const [header, first] = result.body.split('\n');
      assert.equal(header, 'id,name,country,hit_count,alert,listed,top_score,top_entity_id,top_name,top_refs,top_matched_name,top_listings,top_status');
      assert.match(first!, /^1,Lashkar e Taiba,PK,\d+,true,true,/);
      assert.deepEqual(readdirSync(join(f.jobDir, 'uploads')), [], 'the upload was moved into the job');
    });

    it('refuses a missing column, a missing file or a form field posing as the file, naming the field', async () => {
      assertError(await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: form({ column: 'nom' }, { name: 'a.csv', content: NAMES_CSV }) }), 400, 'column');
      assertError(await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: form({ column: 'name' }) }), 400, 'file');
      assertError(await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: form({ file: '/etc/passwd' }) }), 400, 'file');
      assertError(await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: form({}, { name: 'a.csv', content: '' }) }), 400, 'file');
      assertError(await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: form({ asOf: '2020-13-01' }, { name: 'a.csv', content: NAMES_CSV }) }), 400, 'asOf');
      assertError(await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: form({}, { name: 'a.csv', content: NAMES_CSV, field: 'upload' }) }), 400, 'upload');
      assertError(await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: { file: 'x' } }), 415);
      assert.deepEqual(readdirSync(join(f.jobDir, 'uploads')), [], 'refused uploads are deleted');
    });

    it('refuses an upload over the limit with 413', async () => {
      const big = `name\n${'Some Long Company Name Limited\n'.repeat(200)}`;
      assertError(await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: form({}, { name: 'big.csv', content: big }) }), 413, 'file');
      assert.deepEqual(readdirSync(join(f.jobDir, 'uploads')), []);
    });

    it('reports a malformed row as a failed job naming the file and line; the result is then a 409', async () => {
      const res = await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: form({}, { name: 'broken.csv', content: 'name\nfine\n"unclosed\n' }) });
      assert.equal(res.statusCode, 202, res.body);
      const { id } = res.json<{ id: string }>();
      const job = await waitForJob(f, id);
      assert.equal(job.status, 'failed');
      assert.equal(job.error!.code, 'invalid_input');
      assert.match(job.error!.message, /broken\.csv/);
      assert.doesNotMatch(job.error!.message, new RegExp(f.jobDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the server path stays private');
      assertError(await call(f, 'GET', `/screen/jobs/${id}/result`, { as: 'viewer' }), 409);
    });

    it('keeps a job to its key (and admins); unknown, malformed or foreign ids are 404/400; no key is 401', async () => {
      const res = await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: form({}, { name: 'a.csv', content: NAMES_CSV }) });
      const { id } = res.json<{ id: string }>();
      await waitForJob(f, id);
      assertError(await call(f, 'GET', `/screen/jobs/${id}`, { as: 'viewer2' }), 404, 'id');
      assertError(await call(f, 'GET', `/screen/jobs/${id}/result`, { as: 'viewer2' }), 404, 'id');
      assert.equal((await call(f, 'GET', `/screen/jobs/${id}`, { as: 'admin' })).statusCode, 200);
      assertError(await call(f, 'GET', '/screen/jobs/7d0f1d7e-9b1c-4a43-9d53-0a6f3b1f2e11', { as: 'viewer' }), 404, 'id');
      assertError(await call(f, 'GET', '/screen/jobs/not-a-uuid', { as: 'viewer' }), 400, 'id');
      assertError(await call(f, 'GET', `/screen/jobs/${id}`), 401);
      assertError(await call(f, 'POST', '/screen/jobs', { payload: form({}, { name: 'a.csv', content: NAMES_CSV }) }), 401);
    });
  });
}
