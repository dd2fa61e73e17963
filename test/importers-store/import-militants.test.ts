import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

const FIXTURES = 'test/fixtures/importers';

function folder(relationships: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'proscribe-mm-')), 'mm');
  mkdirSync(dir);
  copyFileSync(join(FIXTURES, 'mm-groups.csv'), join(dir, 'groups.csv'));
  copyFileSync(join(FIXTURES, relationships), join(dir, 'relationships.csv'));
  return dir;
}

interface Hit {
  entity: { id: number; name: string; refs: string[] };
  listed: boolean;
  status: string;
  via?: { entity: { name: string }; predicate: string; sentence: string | null }[];
}

for (const backend of testBackends()) {
  describe(`Mapping Militants import on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    it('joins groups to known entities, stores the links with the researchers\' sentence, checks each sentence names both groups, and screens offshoots through lineage', async () => {
      const db = await backend.create();
      const repo = await openStore(db);
      let pira: number;
      try {
        pira = await repo.transaction(async (tx) => {
          const e = await tx.createEntity('organisation', 'Provisional IRA', ['test:pira']);
          await tx.addName(e.id, { text: 'Provisional IRA', type: 'primary' });
          await tx.addName(e.id, { text: 'Provisional Irish Republican Army', type: 'alias' });
          const ban = await tx.addFact({ subjectId: e.id, predicate: 'proscribed', date: '2001-03-29', qualifiers: { jurisdiction: 'GB' }, extractor: 't', confidence: 1 });
          await tx.decide({ factId: ban.id, verdict: 'accepted', by: 't' });
          return e.id;
        });
      } finally {
        await repo.close();
      }
      const dir = folder('mm-relationships.csv');
      const r = await cli(['--db', db, 'import', 'mapping-militants', dir, '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const summary = JSON.parse(r.stdout) as { groupsMatched: number; groupsCreated: number; linksAdded: number; linksDemoted: number; demotedExamples: string[] };
      assert.equal(summary.groupsCreated, 8, 'each group is an entity of its own, found again by its dataset id');
      assert.equal(summary.groupsMatched, 1, 'the join folds the Provisional IRA into the known entity');
      assert.equal(summary.linksAdded, 3, 'the links whose sentence names both groups are accepted');
      assert.equal(summary.linksDemoted, 2, 'one sentence names only Al-Qaeda in Yemen; one link has no sentence');
      assert.match(summary.demotedExamples.join('\n'), /does not name "Al Qaeda in the Arabian Peninsula"/);
      assert.match(summary.demotedExamples.join('\n'), /gives no sentence/);

      const screen = JSON.parse((await cli(['--db', db, 'screen', '--format', 'json', '--as-of', '2010-01-01', 'Real Irish Republican Army'])).stdout) as { results: { hits: Hit[] }[] };
      const hit = screen.results[0]!.hits[0]!;
      assert.equal(hit.entity.name, 'Real Irish Republican Army');
      assert.equal(hit.status, 'linked', 'flagged through the group it split from');
      assert.equal(hit.listed, false, 'not reported as listed itself');
      assert.deepEqual(hit.via?.map((v) => [v.predicate, v.entity.name]), [['offshoot_of', 'Provisional IRA']]);
      assert.match(hit.via?.[0]?.sentence ?? '', /split from the Provisional IRA in protest over the PIRA's ceasefires/);

      const check = await openStore(db);
      try {
        const e = await check.getEntity(pira);
        assert.ok(e?.refs.includes('mmp:200'), 'the dataset id is kept on the matched entity');
        const merged = await check.findEntityByRef('mmp:200');
        assert.equal(merged?.id, pira, 'the group reads as the known entity');
        const proposed = await check.listFacts({ status: 'proposed', predicate: 'successor_of' });
        assert.equal(proposed.length, 1, 'the merger whose sentence names one group is a proposal');
        assert.match(proposed[0]!.qualifiers.check ?? '', /does not name "Al Qaeda in the Arabian Peninsula"/);
        assert.match(proposed[0]!.evidence[0]?.quote ?? '', /Al-Qaeda in Yemen merged/);
      } finally {
        await check.close();
      }
      const again = JSON.parse((await cli(['--db', db, 'import', 'mapping-militants', dir, '--format', 'json'])).stdout) as { unchanged: boolean };
      assert.equal(again.unchanged, true);
    });

    it('rejects a bad row naming the file, line and field, and writes nothing', async () => {
      const db = await backend.create();
      for (const bad of ['mm-relationships-bad-date.csv', 'mm-relationships-bad-type.csv', 'mm-relationships-unknown-group.csv']) {
        const r = await cli(['--db', db, 'import', 'mapping-militants', folder(bad)]);
        assert.equal(r.code, 2, `${bad}: ${r.stderr}`);
        assert.match(r.stderr, /relationships\.csv, line \d+, field "(date|type|group[12]_id)"/, bad);
      }
      const repo = await openStore(db);
      try {
        assert.deepEqual(await repo.counts(), { documents: 0, entities: 0, names: 0, facts: 0, evidence: 0, decisions: 0 });
      } finally {
        await repo.close();
      }
    });
  });
}
