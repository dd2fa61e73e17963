import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, createKey, launchBrowser, ok, prepareUi, SEED, type Server, skipBrowser, startServer, useKey } from './support.js';

interface ListedFact { id: number; predicate: string; date: string | null; status: string; decidedBy: string | null; subjectId: number }

/**
 * The review queue in a real browser, on a registry holding only the seed article's proposals:
 * what an analyst reads on each card, and every way of deciding (buttons, keys, bulk, correction).
 */
describe('review queue in a real browser', { skip: skipBrowser }, () => {
  let dir: string;
  let db: string;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let analyst: string;

  const facts = async (status: string): Promise<ListedFact[]> =>
    (JSON.parse((await ok(db, ['review', 'list', '--status', status, '--format', 'json', '--limit', '1000'])).stdout) as { facts: ListedFact[] }).facts;

  before(async () => {
    prepareUi();
    dir = mkdtempSync(join(tmpdir(), 'proscribe-review-ui-'));
    db = join(dir, 'registry.sqlite');
    await ok(db, ['ingest', SEED]);
    analyst = await createKey(db, 'analyst', 'analyst-anna');
    server = await startServer(db);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await useKey(page, server, analyst);
  });

  after(async () => {
    await browser?.close();
    server?.proc.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the seed article\'s sentence on the offshoot card, with its date, its link and who said it', async () => {
    await page.goto(`${server.url}/#/review`);
    const card = page.locator('[data-testid=proposal]').filter({ has: page.locator('.fact-head', { hasText: 'offshoot of' }) }).first();
    await card.waitFor();
    const evidence = card.locator('[data-testid=evidence]').first();
    const text = (await evidence.textContent()) ?? '';
    assert.match(text, /An official of the ministry of interior told SAMAA Digital that Khatam-ul-Ambia is an offshoot of outlawed Ansar-ul-Hussain\./);
    assert.match(text, /published 2020-08-19/);
    assert.match(text, /attributed in the text: “An official of the ministry of interior told SAMAA Digital”/);
    assert.match((await evidence.locator('mark').textContent()) ?? '', /Khatam-ul-Ambia is an offshoot of outlawed Ansar-ul-Hussain/);
    assert.ok(await evidence.locator('a', { hasText: 'published 2020-08-19' }).count() + await evidence.locator('a[href^="#/document/"]').count() > 0, 'links to the document');
    assert.match((await card.locator('.confidence').textContent()) ?? '', /confidence 0\.\d\d/);
    // No attribution reads "said by according to ...".
    assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /said by according to/);
    const ban = page.locator('[data-testid=proposal]', { hasText: 'Khatam-ul-Ambia' }).filter({ hasText: 'proscribed' }).first();
    assert.match((await ban.locator('[data-testid=evidence]').first().textContent()) ?? '', /According to a notification issued by the ministry of interior on Wednesday/);
    await card.screenshot({ path: join(ARTIFACTS, 'review-seed-card.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'review-seed.png'), fullPage: true });
  });

  it('filters by predicate, confidence and document', async () => {
    await page.goto(`${server.url}/#/review`);
    await page.locator('[data-testid=proposal]').first().waitFor();
    const all = await page.locator('[data-testid=proposal]').count();
    await page.selectOption('select[name=predicate]', 'operates_in');
    await page.waitForFunction("[...document.querySelectorAll('[data-testid=proposal]')].every((c) => c.textContent.includes('operates in'))");
    const operates = await page.locator('[data-testid=proposal]').count();
    assert.ok(operates >= 1 && operates < all, `${operates} of ${all}`);
    await page.selectOption('select[name=predicate]', '');
    await page.waitForFunction(`document.querySelectorAll('[data-testid=proposal]').length === ${all}`);
    await page.fill('input[name=minConfidence]', '0.8');
    await page.waitForFunction(`document.querySelectorAll('[data-testid=proposal]').length < ${all}`);
    for (const c of await page.locator('[data-testid=proposal] .confidence').allTextContents()) assert.ok(Number(c.replace(/[^\d.]/g, '')) >= 0.8, c);
    await page.goto(`${server.url}/#/review?document=999`);
    await page.locator('.empty', { hasText: 'Nothing to review here' }).waitFor();
  });

  it('decides with the keyboard: j moves to the next card, a accepts it', async () => {
    await page.goto(`${server.url}/#/review?predicate=operates_in`);
    const cards = page.locator('[data-testid=proposal]');
    await page.waitForFunction("document.querySelectorAll('[data-testid=proposal]').length >= 2 && [...document.querySelectorAll('[data-testid=proposal]')].every((c) => c.textContent.includes('operates in'))");
    await page.locator('h1').click();
    await page.keyboard.press('j');
    const second = cards.nth(1);
    await page.waitForFunction("document.querySelectorAll('[data-testid=proposal]')[1]?.classList.contains('active')");
    const id = Number(await second.getAttribute('data-fact'));
    await page.keyboard.press('a');
    await page.locator(`[data-testid=proposal][data-fact="${id}"]`).waitFor({ state: 'detached' });
    assert.equal((await facts('accepted')).find((f) => f.id === id)?.decidedBy, 'analyst-anna');
    // The next card moves into the decided one's place and is active; r without a note asks
    // for one and decides nothing.
    const active = page.locator('[data-testid=proposal].active');
    await page.waitForFunction(`document.querySelector('[data-testid=proposal].active')?.dataset.fact !== '${id}'`);
    const next = Number(await active.getAttribute('data-fact'));
    await page.locator('h1').click();
    await page.keyboard.press('r');
    await active.locator('[role=alert]', { hasText: 'say why in the note' }).waitFor();
    assert.ok((await facts('proposed')).some((f) => f.id === next));
  });

  it('rejects a selection in bulk with one note', async () => {
    await page.goto(`${server.url}/#/review`);
    await page.selectOption('select[name=predicate]', 'recruits_in');
    await page.waitForFunction("document.querySelectorAll('[data-testid=proposal]').length >= 2 && [...document.querySelectorAll('[data-testid=proposal]')].every((c) => c.textContent.includes('recruits in'))");
    const ids = (await page.locator('[data-testid=proposal]').evaluateAll((cards) => cards.map((c) => (c as unknown as { dataset: { fact: string } }).dataset.fact))).map(Number);
    await page.getByLabel('select all shown').check();
    const bulk = page.locator('[data-testid=bulk]');
    assert.match((await bulk.textContent()) ?? '', new RegExp(`${ids.length} selected`));
    await bulk.getByRole('button', { name: 'Reject selected' }).click();
    assert.match((await page.locator('[role=alert]').first().textContent()) ?? '', /say why/);
    await bulk.getByLabel('note for the selected').fill('a place the group recruits from is not a ban: out of scope');
    await bulk.getByRole('button', { name: 'Reject selected' }).click();
    await page.locator('[role=status]', { hasText: `${ids.length} facts rejected` }).waitFor();
    const rejected = await facts('rejected');
    for (const id of ids) assert.equal(rejected.find((f) => f.id === id)?.decidedBy, 'analyst-anna', `fact ${id}`);
    await page.screenshot({ path: join(ARTIFACTS, 'review-bulk.png'), fullPage: true });
  });

  it('corrects a proposal\'s date before accepting it', async () => {
    await page.goto(`${server.url}/#/review?predicate=proscribed`);
    const card = page.locator('[data-testid=proposal]', { hasText: 'Ansar-ul-Hussain' }).filter({ hasText: 'proscribed (2016-12)' }).first();
    await card.waitFor();
    const id = Number(await card.getAttribute('data-fact'));
    await card.getByRole('button', { name: 'Correct…' }).click();
    const form = card.locator('[data-testid=correct-form]');
    await form.locator('input[name=date]').fill('2016-12-30');
    await form.locator('input[name=note]').fill('the notification is dated 30 December 2016');
    await form.getByRole('button', { name: 'Correct and accept' }).click();
    await page.locator('[role=status]', { hasText: `fact ${id} corrected and accepted` }).waitFor();
    const original = (await facts('rejected')).find((f) => f.id === id);
    assert.equal(original?.decidedBy, 'analyst-anna');
    const corrected = (await facts('accepted')).find((f) => f.predicate === 'proscribed' && f.subjectId === original?.subjectId);
    assert.equal(corrected?.date, '2016-12-30');
    const listed = (JSON.parse((await ok(db, ['list', '--jurisdiction', 'PK', '--as-of', '2017-01-01', '--format', 'json'])).stdout) as { entities?: { name: string }[]; listings?: { name: string }[] });
    assert.match(JSON.stringify(listed), /Ansar-ul-Hussain/);
  });
});
