import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { cli } from '../support/cli.js';

/**
 * The web UI in a real browser (Debian's chromium driven by playwright-core) against a real
 * `proscribe serve` process on a real SQLite file. Screenshots go to test-artifacts/ui/.
 */
const CHROMIUM = '/usr/bin/chromium';
const required = process.env.PROSCRIBE_REQUIRE_BROWSER === '1';
const skip = existsSync(CHROMIUM) ? false : required ? false : `${CHROMIUM} is not installed (scripts/install-chromium.sh installs it)`;
const ARTIFACTS = join('test-artifacts', 'ui');
const SEED = '../shared/examples/seed-article.txt';
const UN_SMALL = 'test/fixtures/importers/un-small.xml';
const SCHEDULE = 'test/fixtures/lists/example-schedule.csv';

async function startServer(db: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, 'serve', '--port', '0', '--log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PROSCRIBE_DB: '' },
  });
  let out = '';
  let err = '';
  proc.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out} ${err}`)), 30_000);
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+?:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited ${code}: ${out} ${err}`)));
  });
  return { url, proc };
}

async function key(db: string, role: string, name: string): Promise<string> {
  const r = await cli(['--db', db, 'keys', 'create', '--role', role, '--name', name, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { secret: string }).secret;
}

describe('web UI in a real browser', { skip }, () => {
  let dir: string;
  let db: string;
  let server: { url: string; proc: ChildProcess };
  let browser: Browser;
  let page: Page;
  const keys: Record<string, string> = {};
  const dialogs: string[] = [];

  before(async () => {
    if (!existsSync('dist/ui/index.html')) execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'proscribe-ui-'));
    db = join(dir, 'registry.sqlite');
    const ok = async (args: string[]) => {
      const r = await cli(['--db', db, ...args]);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      return r;
    };
    await ok(['import', 'un-xml', UN_SMALL]);
    await ok(['import', 'schedule', SCHEDULE, '--list', 'xx-example', '--title', 'Example schedule of proscribed organisations']);
    await ok(['ingest', SEED]);
    const proposals = JSON.parse((await ok(['review', 'list', '--format', 'json', '--limit', '1000'])).stdout) as { facts: { id: number }[] };
    await ok(['review', 'accept', ...proposals.facts.map((f) => String(f.id)), '--by', 'setup']);
    // Left proposed, for the review queue.
    await ok(['ingest', 'test/fixtures/documents/tlp/1-ban.txt']);
    keys.viewer = await key(db, 'viewer', 'screening-desk');
    keys.analyst = await key(db, 'analyst', 'analyst-anna');
    server = await startServer(db);
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  after(async () => {
    await browser?.close();
    server?.proc.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const useKey = async (role: string) => {
    await page.goto(`${server.url}/`);
    // A string, not a function: this file is typed for Node, the expression runs in the page.
    await page.evaluate(`localStorage.setItem('proscribe.apiKey', ${JSON.stringify(keys[role])})`);
  };

  it('screens a name and shows the hit, the alias that matched and why', async () => {
    await useKey('viewer');
    await page.goto(`${server.url}/#/`);
    await page.fill('textarea[name=names]', 'Lashkar Tayyiba');
    await page.click('button[type=submit]');
    const first = page.locator('[data-testid=hit]').first();
    await first.waitFor();
    assert.match((await first.textContent()) ?? '', /LASHKAR-E-TAYYIBA/);
    assert.match((await first.textContent()) ?? '', /un:QDe\.118/);
    assert.match((await first.textContent()) ?? '', /ALERT/);
    await first.getByRole('button', { name: 'why' }).click();
    assert.match((await page.locator('[data-testid=explanation]').first().textContent()) ?? '', /rules/);
    await page.screenshot({ path: join(ARTIFACTS, 'screen.png'), fullPage: true });
  });

  it('screens against one kind of entity only', async () => {
    await page.goto(`${server.url}/#/`);
    await page.fill('textarea[name=names]', 'Lashkar Tayyiba');
    const screenWith = async (kind: string) => {
      await page.selectOption('select[name=kinds]', kind);
      const response = page.waitForResponse((r) => r.url().endsWith('/screen') && r.request().method() === 'POST');
      await page.click('button[type=submit]');
      const body = (await (await response).json()) as { results: { hits: { entity: { kind: string; refs: string[] } }[] }[] };
      const hits = body.results[0]!.hits;
      // The page shows what the API answered.
      await page.waitForFunction(`document.querySelectorAll('[data-testid=hit]').length === ${hits.length}`);
      return hits;
    };
    const people = await screenWith('person');
    assert.ok(people.every((h) => h.entity.kind === 'person'), 'only people');
    const groups = await screenWith('organisation');
    assert.deepEqual(groups[0]?.entity.refs, ['un:QDe.118']);
    assert.match((await page.locator('[data-testid=hit]').first().textContent()) ?? '', /QDe\.118/);
  });

  it('opens the entity page with its lineage graph and the evidence highlighted in its sentence', async () => {
    await page.goto(`${server.url}/#/`);
    await page.fill('textarea[name=names]', 'Khatam ul Anbia');
    await page.click('button[type=submit]');
    const link = page.locator('[data-testid=hit] a').first();
    await link.waitFor();
    await link.click();
    const graph = page.locator('[data-testid=lineage-graph]');
    await graph.waitFor();
    await page.waitForFunction("Number(document.querySelector('[data-testid=lineage-graph]')?.getAttribute('data-nodes')) >= 2");
    assert.ok(Number(await graph.getAttribute('data-edges')) >= 1, 'the lineage edge is drawn');
    assert.ok((await graph.locator('canvas').count()) > 0, 'cytoscape drew on a canvas');
    // The lineage fact's evidence: its sentence, with the span marked inside it.
    const quote = page.locator('blockquote.evidence', { hasText: 'is an offshoot of outlawed Ansar-ul-Hussain' }).first();
    await quote.waitFor();
    assert.match((await quote.locator('mark').first().textContent()) ?? '', /offshoot/);
    assert.match((await page.locator('[data-testid=status]').textContent()) ?? '', /Listed/);
    await page.screenshot({ path: join(ARTIFACTS, 'entity.png'), fullPage: true });
  });

  it('shows every list, and a list\'s page: its source, its changes per year, its entries on a day and between two days', async () => {
    await useKey('viewer');
    await page.goto(`${server.url}/#/lists`);
    const row = page.locator('[data-testid=list-row]', { hasText: 'Example schedule of proscribed organisations' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /xx-example\s*PK\s*ban of an organisation/);
    assert.ok(await page.locator('[data-testid=list-row]', { hasText: 'UN Security Council Consolidated List' }).count(), 'the UN list too');
    await row.getByRole('link').click();
    await page.locator('h1', { hasText: 'Example schedule of proscribed organisations' }).waitFor();
    assert.match((await page.locator('[data-testid=list-size]').textContent()) ?? '', /4 in force today, 4 ever listed/);
    // The chart: a column per year, from the first dated change to the last.
    assert.match((await page.locator('.year-chart [data-year="2021"] title').textContent()) ?? '', /2021: 1 added, 0 re-listed, 1 removed/);
    assert.match((await page.locator('.year-chart [data-year="2025"] title').textContent()) ?? '', /2025: 0 added, 1 re-listed, 0 removed/);
    assert.match((await page.locator('.year-chart figcaption').textContent()) ?? '', /1 entries have no listing date/);
    const entry = page.locator('[data-testid=entry]', { hasText: 'Example Liberation Army' });
    await entry.waitFor();
    assert.match((await entry.textContent()) ?? '', /2012-03-10/);
    await page.screenshot({ path: join(ARTIFACTS, 'list.png'), fullPage: true });

    await page.fill('input[aria-label="as of"]', '2021-06-01');
    await page.locator('[data-testid=entries-count]', { hasText: 'on 2021-06-01' }).waitFor();
    assert.equal(await page.locator('[data-testid=entry]', { hasText: 'Example Movement of Justice' }).count(), 1, 'banned from 2021-04-15');
    await page.fill('input[aria-label="as of"]', '2022-01-01');
    await page.locator('[data-testid=entries-count]', { hasText: 'on 2022-01-01' }).waitFor();
    assert.equal(await page.locator('[data-testid=entry]', { hasText: 'Example Movement of Justice' }).count(), 0, 'lifted on 2021-11-07');

    await page.fill('input[name=from]', '2021-01-01');
    await page.fill('input[name=to]', '2025-12-31');
    await page.getByRole('button', { name: 'Show changes' }).click();
    await page.locator('[data-testid=change]').first().waitFor();
    const changes = await page.locator('[data-testid=change]').allTextContents();
    assert.deepEqual(changes.map((c) => c.replace(/\s+/g, ' ').trim()), [
      '2021-04-15addedExample Movement of Justice', '2021-11-07removedExample Movement of Justice', '2025-10-24relistedExample Movement of Justice',
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'list-changes.png'), fullPage: true });
  });

  it('shows a proposal\'s evidence sentence and how it stands against the lists of its jurisdiction', async () => {
    await useKey('viewer');
    await page.goto(`${server.url}/#/review`);
    const card = page.locator('[data-testid=proposal]', { hasText: 'Tehreek-e-Labbaik Pakistan' }).filter({ hasText: 'proscribed' }).first();
    await card.waitFor();
    assert.match((await card.locator('[data-testid=evidence]').first().textContent()) ?? '', /The federal government on Thursday banned Tehreek-e-Labbaik Pakistan/);
    assert.match((await card.locator('[data-testid=evidence] mark').first().textContent()) ?? '', /banned/);
    assert.match((await card.locator('[data-testid=corroboration]').textContent()) ?? '', /not on list: xx-example does not list it/);
    await card.screenshot({ path: join(ARTIFACTS, 'review-corroboration.png') });
  });

  it('refuses an accept from a viewer and records it from an analyst', async () => {
    await useKey('viewer');
    await page.goto(`${server.url}/#/review`);
    const card = page.locator('[data-testid=proposal]').first();
    await card.waitFor();
    const factId = Number(await card.getAttribute('data-fact'));
    await card.getByRole('button', { name: 'Accept' }).click();
    await card.locator('[role=alert]').waitFor();
    assert.match((await card.locator('[role=alert]').textContent()) ?? '', /403/);
    await page.screenshot({ path: join(ARTIFACTS, 'review-refused.png'), fullPage: true });

    await useKey('analyst');
    await page.goto(`${server.url}/#/review`);
    const again = page.locator(`[data-testid=proposal][data-fact="${factId}"]`);
    await again.waitFor();
    await again.getByRole('button', { name: 'Accept' }).click();
    await again.waitFor({ state: 'detached' });
    const facts = JSON.parse((await cli(['--db', db, 'review', 'list', '--status', 'accepted', '--format', 'json', '--limit', '1000'])).stdout) as { facts: { id: number; decidedBy: string }[] };
    assert.equal(facts.facts.find((f) => f.id === factId)?.decidedBy, 'analyst-anna');
    await page.screenshot({ path: join(ARTIFACTS, 'review-accepted.png'), fullPage: true });
  });

  it('renders article text, names and notes as text, never as HTML', async () => {
    const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script> The Example Front was banned on Monday.';
    const res = await fetch(`${server.url}/documents`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.analyst}` },
      body: JSON.stringify({ text: payload, date: '2021-03-10', title: '<b onmouseover=alert(3)>headline</b>' }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { documents } = (await res.json()) as { documents: { id: number }[] };
    await useKey('viewer');
    await page.goto(`${server.url}/#/document/${documents[0]!.id}`);
    const text = page.locator('[data-testid=document-text]');
    await text.waitFor();
    assert.match((await text.textContent()) ?? '', /<img src=x onerror="alert\(1\)">/);
    assert.equal(await page.locator('[data-testid=document-text] img, [data-testid=document-text] script, h1 b').count(), 0);
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, [], 'no script ran');
    await page.screenshot({ path: join(ARTIFACTS, 'document-xss.png'), fullPage: true });
  });
});
