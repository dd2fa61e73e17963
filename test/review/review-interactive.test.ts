import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { runCli } from '../../src/cli/program.js';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

/** Run `proscribe review` as on a terminal, answering its prompts with `answers`, one per line. */
async function interactive(db: string, answers: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli(['--db', db, 'review', '--by', 'desk-analyst'], {
    stdout, stderr, stdin: Readable.from([answers.map((a) => `${a}\n`).join('')]), env: {}, isTty: true,
  });
  return { code, out, err };
}

for (const backend of testBackends()) {
  describe(`interactive review on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    it('shows each proposal with its highlighted evidence and similar registry entities, and records the keys pressed', async () => {
      const db = await backend.create();
      const repo = await openStore(db);
      let ids: { ban: number; based: number; link: number; variant: number; listed: number };
      try {
        ids = await repo.transaction(async (tx) => {
          const listed = await tx.createEntity('organisation', 'Sipah-e-Example');
          await tx.addName(listed.id, { text: 'Sipah-e-Example', type: 'primary' });
          const old = await tx.addFact({ subjectId: listed.id, predicate: 'proscribed', date: '2002-01-14', qualifiers: { jurisdiction: 'PK' }, extractor: 't', confidence: 1 });
          await tx.decide({ factId: old.id, verdict: 'accepted', by: 'list' });
          const text = 'The interior ministry banned Sipah-i-Example on Monday, according to a notification. The group is based in Jhang, said an official requesting anonymity.';
          const doc = await tx.insertDocument({ sha256: 'i1', date: '2021-03-08', url: 'https://news.example/ban', title: 'Ban', text });
          const variant = await tx.createEntity('organisation', 'Sipah-i-Example');
          await tx.addName(variant.id, { text: 'Sipah-i-Example', type: 'spelling' });
          const place = await tx.createEntity('place', 'Jhang');
          const start = text.indexOf('banned');
          const ban = await tx.addFact({ subjectId: variant.id, predicate: 'proscribed', date: '2021-03-08', qualifiers: { jurisdiction: 'PK' },
            evidence: { documentId: doc.id, start, end: start + 'banned Sipah-i-Example'.length, attribution: 'according to a notification' }, extractor: 't', confidence: 0.9 });
          const s2 = text.indexOf('The group');
          const based = await tx.addFact({ subjectId: variant.id, predicate: 'based_in', objectId: place.id,
            evidence: { documentId: doc.id, start: s2, end: text.length, attribution: 'official requesting anonymity' }, extractor: 't', confidence: 0.6 });
          const link = await tx.addFact({ subjectId: variant.id, predicate: 'affiliated_with', objectId: listed.id, extractor: 't', confidence: 0.4 });
          return { ban: ban.id, based: based.id, link: link.id, variant: variant.id, listed: listed.id };
        });
      } finally {
        await repo.close();
      }

      // Fact 1: merge the variant into the listed group, then accept; fact 2: reject with a reason; fact 3: quit.
      const run = await interactive(db, ['m', '1', 'a', 'r', 'not in the article', 'q']);
      assert.equal(run.code, 0, run.err);
      assert.match(run.out, /\[1\/3\] fact \d+: Sipah-i-Example proscribed \(2021-03-08\)/);
      assert.match(run.out, /\u001b\[7mbanned Sipah-i-Example\u001b\[0m on Monday/, 'the span is highlighted inside its sentence');
      assert.match(run.out, /published 2021-03-08, https:\/\/news\.example\/ban/);
      assert.match(run.out, /1\) Sipah-e-Example \(entity \d+\) score [\d.]+; listed PK since 2002-01-14/);
      assert.match(run.out, /accepted 1, rejected 1, skipped 1, merged 1/);

      const check = await openStore(db);
      try {
        assert.equal((await check.getFact(ids.ban))?.status, 'accepted');
        assert.equal((await check.decisionsOf(ids.ban))[0]?.by, 'desk-analyst');
        const rejected = await check.decisionsOf(ids.based);
        assert.deepEqual(rejected.map((d) => [d.verdict, d.note]), [['rejected', 'not in the article']]);
        assert.equal((await check.getFact(ids.link))?.status, 'proposed', 'quitting leaves the rest proposed');
        assert.equal(await check.resolveEntityId(ids.variant), ids.listed);
      } finally {
        await check.close();
      }
    });

    it('refuses to run without a terminal and points at the scriptable commands', async () => {
      const db = await backend.create();
      const r = await cli(['--db', db, 'review']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /needs a terminal.*review list/);
    });
  });
}
