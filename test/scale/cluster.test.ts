/**
 * `proscribe serve --processes 2`: two server processes on one port and one database. Each new
 * connection goes to one of them in turn, so a job submitted to one is polled on both.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'proscribe-cluster-'));
const db = join(dir, 'registry.sqlite');

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(entry));
    } catch {
      // ended while read
    }
  }
  return out;
}

/** One request on a connection of its own (no keep-alive): the cluster hands it to the next process. */
function fresh(url: string, method: string, path: string, body?: { type: string; data: Buffer }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method, agent: false, headers: body ? { 'content-type': body.type, 'content-length': body.data.length } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body?.data);
  });
}

function multipart(csv: string): { type: string; data: Buffer } {
  const boundary = 'proscribe-cluster-test';
  const data = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="asOf"\r\n\r\n2021-01-01\r\n`
    + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="names.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  );
  return { type: `multipart/form-data; boundary=${boundary}`, data };
}

describe('serve --processes 2', () => {
  let child: ChildProcess;
  let url = '';
  let banner = '';
  let stderr = '';

  before(async () => {
    const imported = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, 'import', 'un-xml', 'test/fixtures/importers/un-small.xml'], { encoding: 'utf8', env: { ...process.env, PROSCRIBE_DB: '' } });
    assert.equal(imported.status, 0, imported.stderr);
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, 'serve', '--port', '0', '--processes', '2', '--workers', '1', '--log-level', 'warn'], {
      env: { ...process.env, PROSCRIBE_DB: '' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    for await (const line of createInterface({ input: child.stdout! })) {
      if (/listening on/.test(line)) {
        banner = line;
        break;
      }
    }
    url = /listening on (http:\/\/\S+)/.exec(banner)?.[1] ?? '';
    assert.ok(url, `the primary says where the servers listen: ${stderr}`);
  });

  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs two server processes behind one address, and says so once', () => {
    assert.match(banner, /2 processes/);
    assert.equal(childrenOf(child.pid!).length, 2, 'two server processes under the one started');
  });

  it('screens on every process, and a batch job taken by one is polled and downloaded through either', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await fresh(url, 'POST', '/screen', { type: 'application/json', data: Buffer.from(JSON.stringify({ name: 'Lashkar e Taiba', asOf: '2020-01-01' })) });
      assert.equal(res.status, 200, res.text);
      assert.match(res.text, /LASHKAR-E-TAYYIBA/);
    }
    const csv = `id,name\n${Array.from({ length: 50 }, (_, i) => `${i + 1},${i % 2 ? 'Lashkar e Taiba' : `Nobody ${i}`}`).join('\n')}\n`;
    const submitted = await fresh(url, 'POST', '/screen/jobs', multipart(csv));
    assert.equal(submitted.status, 202, submitted.text);
    const id = (JSON.parse(submitted.text) as { id: string }).id;
    let status = '';
    let polls = 0;
    for (; polls < 300 && status !== 'done' && status !== 'failed'; polls++) {
      const polled = await fresh(url, 'GET', `/screen/jobs/${id}`);
      // Half of these reach the process that did not take the job: it reads the job's saved state.
      assert.equal(polled.status, 200, `poll ${polls}: ${polled.text}`);
      status = (JSON.parse(polled.text) as { status: string }).status;
      if (status !== 'done') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(status, 'done');
    for (let i = 0; i < 2; i++) {
      const result = await fresh(url, 'GET', `/screen/jobs/${id}/result`);
      assert.equal(result.status, 200, result.text);
      assert.equal(result.text.split('\n').filter((l) => l !== '').length, 51, 'a header and 50 rows, from either process');
    }
  });

  it('answers a write once every process screens with it: the next requests, on either process, see it', async () => {
    const name = 'Noor Cluster Brigade';
    const created = await fresh(url, 'POST', '/facts', {
      type: 'application/json',
      data: Buffer.from(JSON.stringify({ subject: name, predicate: 'proscribed', jurisdiction: 'PK', date: '2026-01-15', source: 'https://example.org/notification' })),
    });
    assert.equal(created.status, 201, created.text);
    for (let i = 0; i < 4; i++) {
      const res = await fresh(url, 'POST', '/screen', { type: 'application/json', data: Buffer.from(JSON.stringify({ name })) });
      assert.equal(res.status, 200, res.text);
      const hit = (JSON.parse(res.text) as { results: { hits: { matched_name: string; status: string }[] }[] }).results[0]!.hits.find((h) => h.matched_name === name);
      assert.equal(hit?.status, 'listed', `request ${i} (each on a new connection, so on both processes) screens the new listing`);
    }
  });

  it('stops every process on SIGTERM', async () => {
    const servers = childrenOf(child.pid!);
    const exit = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exit;
    assert.equal(code, 0, stderr);
    for (const pid of servers) assert.throws(() => process.kill(pid, 0), 'the server process is gone');
  });
});
