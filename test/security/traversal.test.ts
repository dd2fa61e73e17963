import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { type ApiFixture, assertError, call, IMPORT_DIR, startApi, waitForJob } from '../api/helpers.js';
import { testBackends } from '../support/backends.js';
import { dbState, growth, jobForm, rawRequest, refusedUnchanged } from './support.js';

/**
 * Paths a request names, that must not reach outside the folder they belong to: list files for
 * `POST /imports` (outside the import directory, through links), job ids, upload file names,
 * and the UI's static files, with the path sent raw over a socket so that no client resolves
 * the `..` first.
 */

const scratch = mkdtempSync(join(tmpdir(), 'proscribe-traversal-'));
const importDir = join(scratch, 'imports');
const outside = join(scratch, 'outside');
const ui = join(scratch, 'ui');
const SECRET = `secret-${randomUUID()}`;
const UN_SMALL = readFileSync(join(IMPORT_DIR, 'un-small.xml'), 'utf8');
/** The fixture list with another generation date: a new version, so importing it would write a run. */
const version = (day: string) => UN_SMALL.replace(/dateGenerated="[^"]+"/, `dateGenerated="${day}T00:00:00.000Z"`);

mkdirSync(join(importDir, 'lists'), { recursive: true });
mkdirSync(outside);
mkdirSync(join(ui, 'assets'), { recursive: true });
writeFileSync(join(importDir, 'lists', 'un-next.xml'), version('2027-01-01'));
writeFileSync(join(outside, 'un-outside.xml'), version('2027-06-01'));
writeFileSync(join(scratch, 'secret.txt'), SECRET);
writeFileSync(join(ui, 'index.html'), '<!doctype html><title>proscribe</title>');
writeFileSync(join(ui, 'assets', 'app.js'), 'console.log("ui");');
// Links inside the import folder that point out of it: to a valid list, to a system file, and a folder.
symlinkSync(join(outside, 'un-outside.xml'), join(importDir, 'linked-list.xml'));
symlinkSync('/etc/passwd', join(importDir, 'passwd.xml'));
symlinkSync(outside, join(importDir, 'linked-dir'));

const IMPORT_PATHS_OUTSIDE = [
  '../outside/un-outside.xml',
  join(outside, 'un-outside.xml'),
  'lists/../../outside/un-outside.xml',
  './lists/../../outside/un-outside.xml',
  'linked-list.xml',
  'linked-dir/un-outside.xml',
  'passwd.xml',
  '/etc/passwd',
  '../../../../../../../../etc/passwd',
  'lists/../../../../../../../etc/passwd',
  '..',
  '.',
  'lists/..',
  '',
];
/** Inside the folder (a `..` or `%2e` that stays in, a Windows or URL spelling): no such file, 404. */
const IMPORT_PATHS_ABSENT = ['..%2F..%2Fetc%2Fpasswd', '%2e%2e/%2e%2e/etc/passwd', '..\\..\\etc\\passwd', 'C:\\Windows\\win.ini', '~/.ssh/id_rsa', 'file:///etc/passwd', 'lists/./../nothing.xml'];

after(() => rmSync(scratch, { recursive: true, force: true }));

for (const backend of testBackends()) {
  describe(`path traversal on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture | undefined;
    afterEach(async () => {
      await f?.close();
      f = undefined;
    });
    after(() => backend.cleanup());

    it('POST /imports refuses every path leading out of the import folder, a link included, and reads nothing', async () => {
      f = await startApi(backend, { importDir });
      for (const path of IMPORT_PATHS_OUTSIDE) {
        const res = await refusedUnchanged(f, () => call(f!, 'POST', '/imports', { as: 'admin', payload: { format: 'un-xml', path } }), 400, 'path');
        assert.doesNotMatch(res.body, /root:|UN_LIST_TYPE/, 'nothing of the file is shown');
      }
      for (const path of IMPORT_PATHS_ABSENT) {
        await refusedUnchanged(f, () => call(f!, 'POST', '/imports', { as: 'admin', payload: { format: 'un-xml', path } }), 404, 'path');
      }
      // The same guard lets a path that stays inside through: a new version of the list is imported.
      const before = await dbState(f.db);
      const inside = await call(f, 'POST', '/imports', { as: 'admin', payload: { format: 'un-xml', path: 'lists/../lists/un-next.xml' } });
      assert.equal(inside.statusCode, 200, inside.body);
      assert.equal(inside.json<{ unchanged: boolean }>().unchanged, false);
      assert.equal(growth(before, await dbState(f.db)).import_runs, 1);
    });

    it('GET /imports offers the files of the folder and none of its links', async () => {
      f = await startApi(backend, { importDir });
      const res = await call(f, 'GET', '/imports', { as: 'admin' });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json<{ files: string[] }>().files, [join('lists', 'un-next.xml')]);
    });

    it('job ids that climb out are refused as ids; upload file names never become paths', async () => {
      f = await startApi(backend);
      for (const id of ['..%2F..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%5C..%5Cetc%5Cpasswd', `${randomUUID()}%2F..%2F..`, '%00']) {
        assertError(await call(f, 'GET', `/screen/jobs/${id}`, { as: 'admin' }), 400, 'id');
        assertError(await call(f, 'GET', `/screen/jobs/${id}/result`, { as: 'admin' }), 400, 'id');
      }
      const target = join(scratch, `evil-${randomUUID()}.csv`);
      for (const filename of [`../../../../../../..${target}`, target, '..\\..\\evil.csv', '../result.csv']) {
        const res = await call(f, 'POST', '/screen/jobs', { as: 'viewer', payload: jobForm(undefined, filename) });
        assert.equal(res.statusCode, 202, res.body);
        const created = res.json<{ id: string; filename: string }>();
        // The multipart parser keeps only the last segment of a client's file name, as a label.
        assert.doesNotMatch(created.filename, /[/\\]/, created.filename);
        const job = await waitForJob(f, created.id);
        assert.equal(job.status, 'done', JSON.stringify(job.error));
        const result = await call(f, 'GET', job.result!, { as: 'viewer' });
        assert.equal(result.statusCode, 200);
        assert.match(String(result.headers['content-disposition']), /^attachment; filename="[\w.-]+"$/);
        assert.doesNotMatch(String(result.headers['content-disposition']), /[/\\]/);
      }
      assert.equal(existsSync(target), false, 'no file was written where the upload name pointed');
      assert.deepEqual(readdirSync(join(f.jobDir, 'uploads')), []);
      for (const entry of readdirSync(f.jobDir)) assert.match(entry, /^(uploads|[0-9a-f-]{36})$/, `only job folders in the job dir: ${entry}`);
      assert.deepEqual(readdirSync(scratch).filter((n) => n.startsWith('evil-')), []);
    });

    it('raw request paths climbing out of the UI folder or into job ids never serve a file from outside', async () => {
      f = await startApi(backend, { uiDir: ui });
      await f.app.listen({ port: 0, host: '127.0.0.1' });
      const address = f.app.server.address();
      assert.ok(address && typeof address === 'object');
      const paths = [
        '/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/secret.txt', '/..%2fsecret.txt', '/..%2Fsecret.txt',
        '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/assets/%00/../../secret.txt',
        '/%252e%252e/secret.txt', '/..;/secret.txt', '//secret.txt', `/${'../'.repeat(12)}etc/passwd`, `/${'%2e%2e/'.repeat(12)}etc/passwd`,
        `/screen/jobs/${'../'.repeat(6)}etc/passwd`, '/screen/jobs/..%2f..%2f..%2f..%2fetc%2fpasswd', '/screen/jobs/%2e%2e%2f%2e%2e%2fetc%2fpasswd/result',
      ];
      const secret = `Authorization: Bearer ${f.keys.admin!}`;
      for (const path of paths) {
        for (const accept of ['*/*', 'text/html']) {
          const res: { status: number; text: string } = await rawRequest(address.port, `GET ${path} HTTP/1.1\r\nAccept: ${accept}\r\n${secret}`).catch((e: Error) => assert.fail(`${path}: ${e.message}`));
          assert.doesNotMatch(res.text, new RegExp(`${SECRET}|root:x?:0:0`), `${path} served a file from outside`);
          if (res.status === 200) {
            // Only the UI's own page, for a browser's unknown route.
            assert.equal(accept, 'text/html', `${path}: 200 for a non-browser: ${res.text.slice(0, 300)}`);
            assert.match(res.text, /<title>proscribe<\/title>/, path);
          } else {
            assert.ok([400, 403, 404].includes(res.status), `${path}: ${res.text.slice(0, 300)}`);
          }
        }
      }
      // The UI's own files are still served: the guard is not a blanket refusal.
      const own = await rawRequest(address.port, 'GET /assets/app.js HTTP/1.1');
      assert.equal(own.status, 200);
      assert.match(own.text, /console\.log\("ui"\)/);
    });
  });
}
