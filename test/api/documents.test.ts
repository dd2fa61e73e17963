import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { testBackends } from '../support/backends.js';
import { type ApiFixture, assertError, call, DOC_TEXT, startApi } from './helpers.js';

const SEED = readFileSync(new URL('../../data/examples/seed-article.txt', import.meta.url), 'utf8');
// The corpus file starts with a " date YYYY-MM-DD " line; the API takes the date as a field.
const SEED_TEXT = SEED.replace(/^\s*date \d{4}-\d{2}-\d{2}\s*\n/, '');

interface IngestJson {
  documents: { id: number; sha256: string; date: string; created: boolean; extraction?: { factsProposed: number } }[];
}

interface DocumentJson {
  document: { id: number; text: string; date: string };
  facts: { id: number; predicate: string; subject: { name: string }; evidence: { documentId: number | null; start: number | null; end: number | null; excerpt: { sentence: string } | null }[] }[];
}

for (const backend of testBackends()) {
  describe(`documents on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture;
    before(async () => {
      f = await startApi(backend, { limits: { documentBytes: 64 * 1024 } });
    });
    after(async () => {
      await f.close();
      await backend.cleanup();
    });

    it('ingests an article once, extracting its facts as proposals', async () => {
      const payload = { text: SEED_TEXT, date: '2020-08-19', url: 'https://example.org/news/1', title: 'Seed article' };
      const first = await call(f, 'POST', '/documents', { as: 'analyst', payload });
      assert.equal(first.statusCode, 201, first.body);
      const [doc] = first.json<IngestJson>().documents;
      assert.equal(doc!.created, true);
      assert.ok(doc!.extraction!.factsProposed > 0, 'extraction proposed facts');
      const again = await call(f, 'POST', '/documents', { as: 'analyst', payload });
      assert.equal(again.statusCode, 200);
      assert.deepEqual(again.json<IngestJson>().documents.map((d) => [d.id, d.created, d.extraction]), [[doc!.id, false, undefined]]);

      const shown = await call(f, 'GET', `/documents/${doc!.id}`, { as: 'viewer' });
      assert.equal(shown.statusCode, 200, shown.body);
      const body = shown.json<DocumentJson>();
      assert.equal(body.document.date, '2020-08-19');
      assert.ok(body.facts.some((x) => x.predicate === 'proscribed' && /Khatam/.test(x.subject.name)), 'the Khatam-ul-Ambia ban is among its facts');
      for (const fact of body.facts) {
        const ev = fact.evidence.find((e) => e.documentId === doc!.id);
        assert.ok(ev, `fact ${fact.id} has evidence in the document`);
        if (ev.start !== null && ev.end !== null) assert.ok(ev.excerpt!.sentence.includes(body.document.text.slice(ev.start, ev.end).trim().slice(0, 20)));
      }
    });

    it('stores without extraction on request', async () => {
      const res = await call(f, 'POST', '/documents', { as: 'analyst', payload: { text: 'A second, quieter article.', date: '2021-01-02', extract: false } });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json<IngestJson>().documents[0]!.extraction, undefined);
    });

    it('shows a stored document with the spans of its facts', async () => {
      const res = await call(f, 'GET', `/documents/${f.seeded.documentId}`, { as: 'viewer' });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<DocumentJson>();
      assert.equal(body.document.text, DOC_TEXT);
      const ban = body.facts.find((x) => x.id === f.seeded.banFact)!;
      assert.deepEqual([ban.evidence[0]!.start, ban.evidence[0]!.end], [0, 42]);
      assert.equal(body.document.text.slice(0, 42), 'The Example Front was banned on Wednesday.');
      assert.equal(ban.evidence[0]!.excerpt!.sentence, 'The Example Front was banned on Wednesday.');
    });

    it('names the wrong field, and refuses a body over the document limit with 413', async () => {
      assertError(await call(f, 'POST', '/documents', { as: 'analyst', payload: { text: 'x' } }), 400, 'date');
      assertError(await call(f, 'POST', '/documents', { as: 'analyst', payload: { text: 'x', date: '2020-02-30' } }), 400, 'date');
      assertError(await call(f, 'POST', '/documents', { as: 'analyst', payload: { text: '   ', date: '2020-02-03' } }), 400, 'text');
      assertError(await call(f, 'POST', '/documents', { as: 'analyst', payload: { text: 'x', date: '2020-02-03', url: 'not a url' } }), 400, 'url');
      assertError(await call(f, 'POST', '/documents', { as: 'analyst', payload: { text: 'word '.repeat(20_000), date: '2020-02-03' } }), 413);
      assertError(await call(f, 'GET', '/documents/abc', { as: 'viewer' }), 400, 'id');
    });

    it('404s an unknown document; 401 without a key; 403 for a viewer ingesting', async () => {
      assertError(await call(f, 'GET', '/documents/99999', { as: 'viewer' }), 404, 'id');
      assertError(await call(f, 'GET', `/documents/${f.seeded.documentId}`), 401);
      assertError(await call(f, 'POST', '/documents', { as: 'viewer', payload: { text: 'x', date: '2020-02-03' } }), 403);
    });
  });
}
