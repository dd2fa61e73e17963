import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

const SEED = '../shared/examples/seed-article.txt';

interface ReviewJson {
  facts: { id: number; subjectId: number; predicate: string; date: string | null; qualifiers: Record<string, string>; evidence: { documentId: number; start: number; end: number; attribution: string | null }[] }[];
}

for (const backend of testBackends()) {
  describe(`ingesting the seed article proposes evidenced facts on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    it('stores proposals pointing into the stored text, once, and screens them only after acceptance', async () => {
      const db = await backend.create();
      const first = await cli(['--db', db, 'ingest', '--format', 'json', SEED]);
      assert.equal(first.code, 0, first.stderr);
      const doc = (JSON.parse(first.stdout) as { documents: { id: number; extraction: { factsProposed: number } }[] }).documents[0]!;
      assert.ok(doc.extraction.factsProposed >= 5, `proposals: ${doc.extraction.factsProposed}`);

      const proposals = JSON.parse((await cli(['--db', db, 'review', 'list', '--format', 'json', '--limit', '1000'])).stdout) as ReviewJson;
      assert.equal(proposals.facts.length, doc.extraction.factsProposed);

      const repo = await openStore(db);
      let khatamId: number;
      try {
        const stored = (await repo.getDocument(doc.id))!;
        for (const f of proposals.facts) {
          const [ev] = f.evidence;
          assert.ok(ev && ev.documentId === doc.id, `fact ${f.id} has evidence in the document`);
          assert.ok(ev.start >= 0 && ev.end > ev.start && ev.end <= stored.text.length, `fact ${f.id} span inside the text`);
        }
        const banned = proposals.facts.filter((f) => f.predicate === 'proscribed' && f.qualifiers.jurisdiction === 'PK');
        const names = await repo.getEntities(banned.map((f) => f.subjectId));
        const khatam = [...names.values()].find((e) => /khatam/i.test(e.name));
        assert.ok(khatam, 'the group the article is about is proposed as proscribed in PK');
        khatamId = khatam.id;
        const ban = banned.find((f) => f.subjectId === khatam.id)!;
        assert.match(stored.text.slice(ban.evidence[0]!.start, ban.evidence[0]!.end), /proscribed/);
      } finally {
        await repo.close();
      }

      const again = await cli(['--db', db, 'ingest', '--format', 'json', SEED]);
      assert.equal((JSON.parse(again.stdout) as { documents: { created: boolean }[] }).documents[0]!.created, false);
      assert.equal((JSON.parse((await cli(['--db', db, 'review', 'list', '--format', 'json', '--limit', '1000'])).stdout) as ReviewJson).facts.length, proposals.facts.length);

      const before = JSON.parse((await cli(['--db', db, 'screen', '--format', 'json', 'Khatam ul Anbia'])).stdout) as { results: { hits: { entity: { id: number } }[] }[] };
      assert.deepEqual(before.results[0]!.hits, [], 'proposals are not screened');

      const accept = await cli(['--db', db, 'review', 'accept', ...proposals.facts.map((f) => String(f.id)), '--by', 'test-analyst']);
      assert.equal(accept.code, 0, accept.stderr);
      const hits = JSON.parse((await cli(['--db', db, 'screen', '--format', 'json', '--as-of', '2020-09-01', 'Khatam ul Anbia'])).stdout) as { results: { hits: { entity: { id: number }; alert: boolean; listed: boolean; listings: { jurisdiction: string; since: string }[] }[] }[] };
      const top = hits.results[0]!.hits[0];
      assert.equal(top?.entity.id, khatamId);
      assert.equal(top?.alert, true);
      assert.equal(top?.listed, true);
      assert.deepEqual(top?.listings.map((l) => [l.jurisdiction, l.since]), [['PK', '2020-08-19']]);
    });
  });
}
