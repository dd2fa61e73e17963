import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cli } from '../support/cli.js';
import { ARTIFACTS, createKey, launchBrowser, ok as run, prepareUi, SEED, type Server, skipBrowser as skip, startServer, useKey as storeKey } from './support.js';

/**
 * The web UI in a real browser (Debian's chromium driven by playwright-core) against a real
 * `proscribe serve` process on a real SQLite file. Screenshots go to test-artifacts/ui/.
 */
const UN_SMALL = 'test/fixtures/importers/un-small.xml';
const SCHEDULE = 'test/fixtures/lists/example-schedule.csv';

describe('web UI in a real browser', { skip }, () => {
  let dir: string;
  let db: string;
  let server: Server;
  let browser: Browser;
  let page: Page;
  const keys: Record<string, string> = {};
  const dialogs: string[] = [];

  before(async () => {
    prepareUi();
    dir = mkdtempSync(join(tmpdir(), 'proscribe-ui-'));
    db = join(dir, 'registry.sqlite');
    const ok = (args: string[]) => run(db, args);
    await ok(['import', 'un-xml', UN_SMALL]);
    await ok(['import', 'schedule', SCHEDULE, '--list', 'xx-example', '--title', 'Example schedule of proscribed organisations']);
    await ok(['ingest', SEED]);
    const proposals = JSON.parse((await ok(['review', 'list', '--format', 'json', '--limit', '1000'])).stdout) as { facts: { id: number }[] };
    await ok(['review', 'accept', ...proposals.facts.map((f) => String(f.id)), '--by', 'setup']);
    // Left proposed, for the review queue.
    await ok(['ingest', 'test/fixtures/documents/tlp/1-ban.txt']);
    keys.viewer = await createKey(db, 'viewer', 'screening-desk');
    keys.analyst = await createKey(db, 'analyst', 'analyst-anna');
    server = await startServer(db);
    browser = await launchBrowser();
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

  const useKey = (role: string) => storeKey(page, server, keys[role]!);

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

  it('finds entities from the header search box, chosen with the keyboard', async () => {
    await useKey('viewer');
    await page.goto(`${server.url}/#/lists`);
    const box = page.getByRole('combobox', { name: 'Search entities' });
    await box.fill('Example');
    const results = page.locator('[data-testid=search-results] [role=option]');
    await page.waitForFunction("document.querySelectorAll('[data-testid=search-results] [role=option]').length >= 3");
    const names = await results.locator('.name').allTextContents();
    assert.ok(names.includes('Example Liberation Army') && names.includes('Example Brigade'), names.join(', '));
    await page.screenshot({ path: join(ARTIFACTS, 'search.png') });
    // The first result is active; two steps down, one up, then Enter opens the second.
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    assert.equal(await results.nth(1).getAttribute('aria-selected'), 'true');
    await box.press('Enter');
    await page.locator('h1', { hasText: names[1]! }).waitFor();
    assert.match(page.url(), /#\/entity\/\d+$/);

    // An acronym finds the group; a word not in any name says so.
    await box.fill('LeT');
    await page.locator('[data-testid=search-results] .name', { hasText: 'LASHKAR-E-TAYYIBA' }).waitFor();
    await box.fill('Zzyzx Qwerty');
    await page.locator('[data-testid=search-results] .empty', { hasText: 'No entity matches' }).waitFor();
    await box.press('Escape');
    assert.equal(await page.locator('[data-testid=search-results]').count(), 0);
  });

  it('gives an entity a name, takes it away and renames it, each recorded and undoable', async () => {
    await useKey('analyst');
    const id = (JSON.parse((await cli(['--db', db, 'search', 'Example Brigade', '--format', 'json', '--limit', '1'])).stdout) as { results: { entity: { id: number } }[] }).results[0]!.entity.id;
    await page.goto(`${server.url}/#/entity/${id}`);
    await page.locator('h1', { hasText: 'Example Brigade' }).waitFor();
    await page.getByText('Edit names').click();
    const add = page.locator('[data-testid=add-name-form]');
    await add.locator('input[name=name]').fill('Brigade of Examples');
    await add.locator('select[name=type]').selectOption('previous');
    await add.locator('input[name=note]').fill('older name in the 2019 gazette');
    await add.getByRole('button', { name: 'Add name' }).click();
    await page.locator('[role=status]', { hasText: 'name “Brigade of Examples” added as previous' }).waitFor();
    const names = page.locator('[data-testid=names]');
    assert.match((await names.textContent()) ?? '', /Brigade of Examples previous/);

    // The new name is screened at once.
    await page.goto(`${server.url}/#/`);
    await page.fill('textarea[name=names]', 'Brigade of Examples');
    await page.click('button[type=submit]');
    await page.locator('[data-testid=matched]', { hasText: 'Brigade of Examples' }).first().waitFor();

    await page.goto(`${server.url}/#/entity/${id}`);
    await page.getByRole('button', { name: 'remove name Brigade of Examples' }).click();
    await page.getByLabel('why remove Brigade of Examples').fill('misread: the gazette names another group');
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.locator('[data-testid=names] li.removed del', { hasText: 'Brigade of Examples' }).waitFor();
    assert.match((await page.locator('[data-testid=names] li.removed').textContent()) ?? '', /removed by fact \d+/);

    await page.getByText('Edit names').click();
    const rename = page.locator('[data-testid=rename-form]');
    await rename.locator('input[name=name]').fill('Example Brigade Front');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await page.locator('h1', { hasText: 'Example Brigade Front' }).waitFor();
    assert.match((await names.textContent()) ?? '', /Example Brigade\b/, 'the old name stays a name');
    await page.screenshot({ path: join(ARTIFACTS, 'entity-names.png'), fullPage: true });

    // Withdrawing the rename's fact puts the old display name back.
    const renameFact = page.locator('[data-testid=fact]', { hasText: 'Example Brigade Front' }).filter({ hasText: 'action: rename' });
    await renameFact.getByRole('button', { name: 'withdraw' }).click();
    await renameFact.getByRole('textbox').fill('renamed the wrong entity');
    await renameFact.getByRole('button', { name: 'Withdraw' }).click();
    await page.locator('h1', { hasText: /^Example Brigade\s/ }).waitFor();
    const shown = JSON.parse((await cli(['--db', db, 'entity', 'show', String(id), '--format', 'json'])).stdout) as { facts: { qualifiers: Record<string, string>; status: string; decisions: { by: string; verdict: string }[] }[] };
    const decisions = shown.facts.filter((f) => f.qualifiers.action).map((f) => `${f.qualifiers.action}:${f.status}:${f.decisions.map((d) => `${d.verdict} by ${d.by}`).join(',')}`);
    assert.deepEqual(decisions.sort(), [
      'add:accepted:accepted by analyst-anna', 'remove:accepted:accepted by analyst-anna', 'rename:rejected:accepted by analyst-anna,rejected by analyst-anna',
    ]);
  });

  it('records a ban from a source the analyst holds, and the entity page shows it with its source', async () => {
    await useKey('analyst');
    const id = (JSON.parse((await cli(['--db', db, 'search', 'Example Welfare Trust', '--format', 'json', '--limit', '1'])).stdout) as { results: { entity: { id: number } }[] }).results[0]!.entity.id;
    await page.goto(`${server.url}/#/entity/${id}`);
    await page.getByText('Add a fact from a source you hold').click();
    const form = page.locator('[data-testid=add-fact-form]');
    await form.locator('select[name=predicate]').selectOption('proscribed');
    await form.locator('input[name=jurisdiction]').fill('GB');
    await form.locator('input[name=date]').fill('2026-01-15');
    await form.locator('input[name=law]').fill('Terrorism Act 2000, Schedule 2');
    await form.locator('input[name=source]').fill('https://example.org/si-2026-15');
    await form.locator('input[name=note]').fill('SI 2026/15');
    await form.getByRole('button', { name: 'Record fact' }).click();
    await page.locator('[role=status]', { hasText: /fact \d+ recorded: proscribed \(GB\)/ }).waitFor();
    const row = page.locator('[data-testid=listings] tr', { hasText: 'ban recorded by an analyst (GB)' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /2026-01-15 – in force/);
    const fact = page.locator('[data-testid=fact]', { hasText: 'proscribed' }).filter({ hasText: 'https://example.org/si-2026-15' });
    assert.match((await fact.textContent()) ?? '', /accepted by analyst-anna on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    await page.screenshot({ path: join(ARTIFACTS, 'entity-fact-added.png'), fullPage: true });

    // A bad date is refused with the field named, and nothing is recorded.
    await form.locator('input[name=date]').fill('15/01/2026');
    await form.locator('input[name=source]').fill('https://example.org/typo');
    await form.getByRole('button', { name: 'Record fact' }).click();
    assert.match((await form.locator('[role=alert]').textContent()) ?? '', /date/);
    assert.equal(await page.locator('[data-testid=fact]', { hasText: 'https://example.org/typo' }).count(), 0);
  });

  it('lists documents with what they hold and opens one with its evidence marked', async () => {
    await useKey('viewer');
    await page.goto(`${server.url}/#/documents`);
    const row = page.locator('[data-testid=documents] tbody tr', { hasText: '2020-08-19' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Pakistan’s government has proscribed a group identified as Khatam-ul-Ambia/);
    await page.fill('input[name=q]', 'Labbaik');
    await page.waitForFunction("document.querySelectorAll('[data-testid=documents] tbody tr').length === 1");
    assert.match((await page.locator('[data-testid=documents] tbody tr').textContent()) ?? '', /2021-04-15/);
    await page.fill('input[name=q]', 'no article says this');
    await page.locator('.empty', { hasText: 'No document matches these filters' }).waitFor();
    await page.fill('input[name=q]', '');
    await row.getByRole('link').first().click();
    const marked = page.locator('[data-testid=document-text] mark', { hasText: 'Khatam-ul-Ambia is an offshoot of outlawed Ansar-ul-Hussain' });
    await marked.waitFor();
    assert.match((await page.locator('[data-testid=document-facts]').textContent()) ?? '', /Khatam-ul-Ambia offshoot of Ansar-ul-Hussain accepted/);
    await page.screenshot({ path: join(ARTIFACTS, 'document.png'), fullPage: true });
  });

  it('shows a hit below the threshold without alarm, says plainly when a matching entity is not listed, and exports', async () => {
    await useKey('viewer');
    await page.goto(`${server.url}/#/`);
    await page.fill('textarea[name=names]', 'Example Movement of Justice\nAl-Haramain Foundation (Kenya)');
    await page.fill('input[name=asOf]', '2022-01-01');
    await page.click('button[type=submit]');
    const lifted = page.locator('.result', { hasText: '“Example Movement of Justice”' }).locator('[data-testid=hit]').first();
    await lifted.waitFor();
    assert.match((await lifted.textContent()) ?? '', /MATCH.*the name matches, but this entity is not listed on 2022-01-01/);
    // The same foundation's branch in another country: shown, but not an alert.
    const below = page.locator('.result', { hasText: '“Al-Haramain Foundation (Kenya)”' }).locator('[data-testid=hit]').first();
    const belowText = (await below.textContent()) ?? '';
    assert.match(belowText, /below threshold/);
    assert.match(belowText, /AL-HARAMAIN FOUNDATION \(PAKISTAN\)/);
    // Why it is held below: the brackets name two different countries.
    await below.getByRole('button', { name: 'why' }).click();
    const why = page.locator('.result', { hasText: '“Al-Haramain Foundation (Kenya)”' }).locator('[data-testid=explanation]');
    assert.match((await why.textContent()) ?? '', /rules: .*qualifier-mismatch/);
    await below.getByRole('button', { name: 'hide' }).click();
    assert.equal(await below.locator('.badge').count(), 0);
    type Styles = { getComputedStyle(el: unknown): { backgroundColor: string } };
    const colours = (row: typeof below) => row.evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).backgroundColor);
    assert.equal(await colours(below), 'rgba(0, 0, 0, 0)', 'no alarm background below the threshold');
    assert.notEqual(await colours(lifted), 'rgba(0, 0, 0, 0)', 'an alert is marked');
    assert.equal(await below.getAttribute('class'), 'below');
    await page.screenshot({ path: join(ARTIFACTS, 'screen-below.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV' }).click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(file!, 'utf8').split('\r\n');
    assert.equal(csv[0], 'query,as_of,threshold,alert,score,entity_id,entity,matched_name,status,listings,via');
    assert.ok(csv.some((l) => l.startsWith('Example Movement of Justice,2022-01-01,')), csv.join('\n'));
  });

  it('screens a file and ends with a summary and both downloads', async () => {
    await useKey('viewer');
    await page.goto(`${server.url}/#/batch`);
    await page.setInputFiles('input[name=file]', { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from('name\nLashkar Tayyiba\nAcme Bakery\nExample Liberation Army\n') });
    await page.getByRole('button', { name: 'Start' }).click();
    const summary = page.locator('[data-testid=batch-summary]');
    await summary.waitFor();
    assert.match((await summary.textContent()) ?? '', /3 rows screened as of \d{4}-\d{2}-\d{2} \(threshold 0\.\d+\): 2 with an alert/);
    const top = await page.locator('[data-testid=top-alerts] tbody tr').allTextContents();
    assert.equal(top.length, 2);
    assert.ok(top.some((t) => /Lashkar Tayyiba.*LASHKAR-E-TAYYIBA.*listed: un-sc/.test(t)), top.join('\n'));
    assert.ok(await summary.getByRole('button', { name: 'Download JSON Lines' }).isVisible());
    await page.screenshot({ path: join(ARTIFACTS, 'batch-summary.png'), fullPage: true });
  });

  it('fits a 390 px phone screen: no page scrolls sideways and the menu stays on screen', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await storeKey(phone, server, keys.viewer!);
      const entity = (JSON.parse((await cli(['--db', db, 'search', 'Khatam-ul-Ambia', '--format', 'json', '--limit', '1'])).stdout) as { results: { entity: { id: number } }[] }).results[0]!.entity.id;
      for (const [name, path, ready] of [
        ['screen', '/', 'textarea[name=names]'], ['review', '/review', 'h1'], ['documents', '/documents', '[data-testid=documents]'],
        ['entity', `/entity/${entity}`, '[data-testid=status]'], ['document', '/document/1', '[data-testid=document-text]'],
        ['lists', '/lists', '[data-testid=list-row]'], ['listings', '/listings', 'h1'], ['batch', '/batch', 'input[name=file]'],
      ] as const) {
        await phone.goto(`${server.url}/#${path}`);
        await phone.locator(ready).first().waitFor();
        await phone.waitForTimeout(200);
        const width = Number(await phone.evaluate('document.documentElement.scrollWidth'));
        assert.ok(width <= 390, `${name} is ${width} px wide at 390`);
        for (const link of await phone.locator('header nav a').all()) {
          const box = await link.boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${name}: menu item ${await link.textContent()} is off screen`);
        }
        await phone.screenshot({ path: join(ARTIFACTS, `phone-${name}.png`), fullPage: true });
      }
      // The search box works at that width too.
      await phone.getByRole('combobox', { name: 'Search entities' }).fill('Lashkar');
      await phone.locator('[data-testid=search-results] .name', { hasText: 'LASHKAR-E-TAYYIBA' }).waitFor();
      const list = await phone.locator('[data-testid=search-results]').boundingBox();
      assert.ok(list && list.x >= 0 && list.x + list.width <= 390, 'the results fit the screen');
      await phone.screenshot({ path: join(ARTIFACTS, 'phone-search.png') });
    } finally {
      await phone.close();
    }
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

  it('monitors names: baseline alerts with why, a false positive dismissed, and the change feed with causes', async () => {
    await useKey('analyst');
    await page.goto(`${server.url}/#/monitors`);
    await page.getByLabel('Name of the monitor').fill('desk-customers');
    await page.getByLabel('Names, one per line').fill('Lashkar Tayyiba\nNobody Special Trading');
    await page.getByRole('button', { name: 'Add and screen as the baseline' }).click();
    assert.match((await page.getByRole('status').textContent()) ?? '', /Monitor desk-customers: 2 names, 1 open alerts at baseline/);
    const row = page.locator('[data-testid=monitor-row]', { hasText: 'desk-customers' });
    assert.match((await row.textContent()) ?? '', /desk-customers21/);
    await row.getByRole('link', { name: 'desk-customers' }).click();
    const alert = page.locator('[data-testid=alert-row]').first();
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    assert.match(text, /Lashkar Tayyiba/);
    assert.match(text, /LASHKAR-E-TAYYIBA/);
    assert.match(text, /listed on un-sc/);
    await page.screenshot({ path: join(ARTIFACTS, 'monitor.png'), fullPage: true });
    await alert.getByRole('button', { name: 'False positive' }).click();
    await page.locator('[data-testid=alert-row]', { hasText: 'dismissed as a false positive' }).waitFor();
    await page.getByRole('button', { name: 'Screen again now' }).click();
    assert.match((await page.getByRole('status').textContent()) ?? '', /0 new, 0 changed, 0 cleared/);

    await page.goto(`${server.url}/#/changes`);
    const added = page.locator('[data-testid=change-row]', { hasText: 'LASHKAR-E-TAYYIBA' }).first();
    await added.waitFor();
    const change = (await added.textContent()) ?? '';
    assert.match(change, /added/);
    assert.match(change, /un-sc/);
    assert.match(change, /importer:un-xml: official list: UN consolidated list/);
    await page.screenshot({ path: join(ARTIFACTS, 'changes.png'), fullPage: true });
  });
});
