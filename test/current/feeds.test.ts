/**
 * News intake from a feed, with a local HTTP server (never the internet): an RSS item links to a
 * page holding the seed article inside navigation, an aside, a footer and a cookie banner. The
 * first poll stores one document with the article's text and none of the page around it, and
 * proposes the Khatam-ul-Ambia facts; the same story syndicated by another outlet is stored as a
 * near-copy, linked and not extracted again; the second poll reports nothing new.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

const seed = readFileSync('data/examples/seed-article.txt', 'utf8').replace(/^\s*date \S+\s*/, '');
const paragraphs = seed.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
const BOILERPLATE = ['Accept all cookies', 'Weather in Lahore today', 'Subscribe to our morning bulletin', 'All rights reserved by The Example Ledger'];

function page(outlet: string, headline: string, body: string[], published: string): string {
  return `<!doctype html><html><head><title>${headline} | ${outlet}</title><meta property="article:published_time" content="${published}T09:30:00+05:00"></head><body>
<div class="cookie-consent"><p>We use cookies. ${BOILERPLATE[0]}?</p></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/national">National</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">${BOILERPLATE[1]}</a></li></ul></nav></header>
<main><article><h1>${headline}</h1>${body.map((p) => `<p>${p}</p>`).join('\n')}</article>
<aside class="sidebar"><h3>Trending</h3><ul><li><a href="/a">Fuel prices set to change from Monday</a></li><li><a href="/b">${BOILERPLATE[2]}</a></li></ul></aside></main>
<footer><p>${BOILERPLATE[3]}. Contact the newsroom.</p></footer></body></html>`;
}

const rss = (base: string, items: { link: string; guid: string }[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example national news</title><link>${base}/</link><description>Test feed</description>
${items.map((i) => `<item><title>Ban notified</title><link>${base}${i.link}</link><guid>${i.guid}</guid><pubDate>Wed, 19 Aug 2020 10:00:00 GMT</pubDate></item>`).join('\n')}
</channel></rss>`;

for (const backend of testBackends()) {
  describe(`news feeds on ${backend.name}`, { skip: backend.skip }, () => {
    let server: Server;
    let base = '';
    const pages = new Map<string, string>();
    let feedItems: { link: string; guid: string }[] = [];
    before(async () => {
      server = createServer((req, res) => {
        if (req.url === '/feed.xml') {
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(base, feedItems));
          return;
        }
        const html = pages.get(req.url ?? '');
        if (!html) res.writeHead(404).end('no such page');
        else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      pages.set('/news/ban-notified', page('The Example Ledger', 'Offshoot of banned outfit proscribed', paragraphs, '2020-08-19'));
      // The same story at another outlet: its own headline, an intro line and a closing line of its own.
      pages.set('/wire/offshoot-banned', page('Second Example Times', 'Government adds group to banned list', ['Our correspondent reports from Islamabad.', ...paragraphs, 'Follow us for more updates.'], '2020-08-20'));
      feedItems = [{ link: '/news/ban-notified', guid: 'ledger-1' }];
    });
    after(async () => {
      server.close();
      await backend.cleanup();
    });

    it('stores the article without the page around it, proposes its facts, links a syndicated copy, and reports nothing new the second time', async () => {
      const db = await backend.create();
      assert.equal((await cli(['--db', db, 'feeds', 'add', `${base}/feed.xml`])).code, 0);
      const first = await cli(['--db', db, 'feeds', 'poll', '--format', 'json']);
      assert.equal(first.code, 0, first.stderr);
      const poll = (JSON.parse(first.stdout) as { feeds: { url: string; fetched: number; new: number; duplicates: number; failed: number; documents: { documentId: number; factsProposed: number }[] }[] }).feeds[0]!;
      assert.deepEqual({ fetched: poll.fetched, new: poll.new, duplicates: poll.duplicates, failed: poll.failed }, { fetched: 1, new: 1, duplicates: 0, failed: 0 });
      assert.ok(poll.documents[0]!.factsProposed >= 3, `proposals from the article: ${poll.documents[0]!.factsProposed}`);

      const repo = await openStore(db);
      try {
        const doc = await repo.getDocument(poll.documents[0]!.documentId);
        assert.ok(doc);
        assert.equal(doc.date, '2020-08-19', 'the date the page states');
        assert.equal(doc.url, `${base}/news/ban-notified`);
        assert.equal(doc.title, 'Offshoot of banned outfit proscribed', 'the headline, without the outlet\'s name');
        for (const p of paragraphs) assert.ok(doc.text.includes(p.replace(/\s+/g, ' ')), `the article keeps: ${p.slice(0, 50)}`);
        for (const b of BOILERPLATE) assert.ok(!doc.text.includes(b), `none of the page around it: ${b}`);
        const facts = await repo.listFacts({ documentId: doc.id });
        const khatam = facts.filter((f) => f.predicate === 'proscribed' || f.predicate === 'offshoot_of');
        assert.ok(khatam.some((f) => f.predicate === 'proscribed' && f.qualifiers.jurisdiction === 'PK'), 'Khatam-ul-Ambia proscribed in Pakistan');
        assert.ok(khatam.some((f) => f.predicate === 'offshoot_of'), 'an offshoot of Ansar-ul-Hussain');
        const names = [...(await repo.getEntities(khatam.map((f) => f.subjectId))).values()].map((e) => e.name);
        assert.ok(names.some((n) => /Khatam-ul-Amb/i.test(n)), names.join(', '));
      } finally {
        await repo.close();
      }

      feedItems = [...feedItems, { link: '/wire/offshoot-banned', guid: 'times-7' }];
      const second = JSON.parse((await cli(['--db', db, 'feeds', 'poll', '--format', 'json'])).stdout) as { feeds: { new: number; duplicates: number; fetched: number; documents: { duplicateOf: number | null; factsProposed: number }[] }[] };
      assert.equal(second.feeds[0]!.new, 0, 'the syndicated copy is not new evidence');
      assert.equal(second.feeds[0]!.fetched, 1);
      assert.equal(second.feeds[0]!.duplicates, 2, 'the item seen before and the copy');
      assert.equal(second.feeds[0]!.documents[0]!.duplicateOf, poll.documents[0]!.documentId, 'linked to the first outlet\'s document');
      assert.equal(second.feeds[0]!.documents[0]!.factsProposed, 0, 'not extracted again');

      const third = JSON.parse((await cli(['--db', db, 'feeds', 'poll', '--format', 'json'])).stdout) as { feeds: { new: number; fetched: number }[] };
      assert.deepEqual({ new: third.feeds[0]!.new, fetched: third.feeds[0]!.fetched }, { new: 0, fetched: 0 });
    });

    it('ingests one page by --fetch, and refuses a page with no article or a missing page, writing nothing', async () => {
      const db = await backend.create();
      const ok = await cli(['--db', db, 'ingest', '--fetch', `${base}/news/ban-notified`]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /stored: document 1 dated 2020-08-19 \(from the page; \d+ characters\) "Offshoot of banned outfit proscribed/);
      assert.match(ok.stdout, /facts proposed/);
      const missing = await cli(['--db', db, 'ingest', '--fetch', `${base}/news/none`]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /404/);
      pages.set('/empty', '<html><body><nav><a href="/">Home</a></nav></body></html>');
      const empty = await cli(['--db', db, 'ingest', '--fetch', `${base}/empty`]);
      assert.equal(empty.code, 2);
      assert.match(empty.stderr, /no article text/);
    });
  });
}
