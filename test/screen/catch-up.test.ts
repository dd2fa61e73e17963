/**
 * Bringing a screening index up to date from the change log: after each kind of write (an
 * analyst's ban, an ingested article, a decision, a name added and removed, a rename, a merge)
 * the caught-up screener — the last full build plus an overlay of the entities touched —
 * screens as a full build of the registry would, on both databases. An unmerge, which the log
 * cannot see, asks for a full build.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { importListFile } from '../../src/importers/import-file.js';
import { extractingHook, ingestDocuments } from '../../src/ingest/ingest.js';
import { addAnalystFact, addEntityName, removeEntityName, renameEntity } from '../../src/registry/curation.js';
import { decideFacts } from '../../src/review/decide.js';
import { Screener, type ScreenHit } from '../../src/screen/screener.js';
import { openStore } from '../../src/store/open.js';
import type { Repository } from '../../src/store/repository.js';
import { testBackends } from '../support/backends.js';

const AS_OF = '2026-06-01';
const QUERIES = [
  'Lashkar e Taiba', 'Al-Nusrah Front', 'Haramain Foundation', 'Nobody Special Trading', 'Qamar Delta Brigade', 'Qamar Delta Front',
  'Sahil Relief Trust', 'Sahil Relief Foundation', 'Tariq Horizon Battalion', 'Jamaat Horizon', 'Falcon Horizon Battalion',
];

/** What a user reads of a hit; scores to two places (rarity counts differ slightly between an overlay and a full build). */
function view(screener: Screener): string[] {
  const hit = (h: ScreenHit) => `${h.entity.name}|${h.matched_name}|${h.score.toFixed(2)}|${h.alert}|${h.status}|${h.listings.map((l) => `${l.list ?? ''}:${l.since ?? ''}`).join(',')}|${(h.via ?? []).map((s) => s.entity.name).join('>')}`;
  return QUERIES.map((q) => `${q} => ${screener.screen(q, { asOf: AS_OF }).hits.filter((h) => h.score >= 0.7).map(hit).join(' ; ')}`);
}

async function entityId(repo: Repository, name: string): Promise<number> {
  const named = (await repo.listFacts({ status: 'accepted' })).map((f) => f.subjectId);
  const found = [...(await repo.getEntities([...new Set(named)])).values()].find((e) => e.name === name);
  assert.ok(found, `entity ${name}`);
  return found.id;
}

for (const backend of testBackends()) {
  describe(`screening index caught up from the change log on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    it('screens after every kind of write as a full build does, without building', async () => {
      const repo = await openStore(await backend.create());
      try {
        await importListFile(repo, 'un-xml', 'test/fixtures/importers/un-small.xml');
        let screener = await Screener.load(repo);
        let version = await repo.registryVersion();
        const step = async (what: string) => {
          const now = await repo.registryVersion();
          const caught = await screener.catchUp(repo, version);
          assert.ok(caught, `${what}: caught up from the log`);
          const full = await Screener.load(repo);
          assert.deepEqual(view(caught), view(full), `${what}: the same hits as a full build`);
          assert.equal(caught.nameCount, full.nameCount, `${what}: the same names searched`);
          screener = caught;
          version = now;
        };

        await addAnalystFact(repo, { subject: 'Qamar Delta Brigade', kind: 'organisation', predicate: 'proscribed', jurisdiction: 'PK', date: '2026-01-15', source: 'https://example.org/q', by: 'tester' });
        await step('an analyst ban');
        assert.equal(screener.screen('Qamar Delta Brigade', { asOf: AS_OF }).hits[0]?.status, 'listed');
        assert.ok(screener.changedEntities >= 1 && screener.overlayNames >= 1, 'the new entity is in the overlay');

        const [doc] = await ingestDocuments(repo, [{
          text: 'The interior ministry banned the Sahil Relief Trust under the Anti-Terrorism Act on Monday. The Tariq Horizon Battalion is an offshoot of the Sahil Relief Trust, officials said.',
          date: '2026-03-04', url: 'https://example.org/article', origin: 'catch-up test',
        }], await extractingHook(repo));
        await step('an ingested article (proposals only)');
        assert.equal(screener.screen('Sahil Relief Trust', { asOf: AS_OF }).hits.find((h) => h.entity.name === 'Sahil Relief Trust'), undefined, 'a proposal is not screened');

        const proposed = await repo.listFacts({ status: 'proposed', documentId: doc!.id });
        assert.ok(proposed.length >= 2, `the article's proposals: ${proposed.map((f) => f.predicate).join(', ')}`);
        await decideFacts(repo, proposed.map((f) => f.id), 'accepted', 'tester', null);
        await step('the proposals accepted');
        const linked = screener.screen('Tariq Horizon Battalion', { asOf: AS_OF }).hits[0];
        assert.equal(linked?.status, 'linked', 'the offshoot is flagged through its parent');

        const trust = await entityId(repo, 'Sahil Relief Trust');
        await addEntityName(repo, { entityId: trust, name: 'Sahil Relief Foundation', by: 'tester' });
        await step('a name added');
        assert.equal(screener.screen('Sahil Relief Foundation', { asOf: AS_OF }).hits[0]?.matched_name, 'Sahil Relief Foundation');
        await removeEntityName(repo, { entityId: trust, name: 'Sahil Relief Foundation', by: 'tester' });
        await step('a name removed');
        await renameEntity(repo, { entityId: await entityId(repo, 'Qamar Delta Brigade'), name: 'Qamar Delta Front', by: 'tester' });
        await step('a rename');

        const battalion = await entityId(repo, 'Tariq Horizon Battalion');
        const merged = await addAnalystFact(repo, { subject: 'Falcon Horizon Battalion', kind: 'organisation', predicate: 'based_in', object: 'Quetta', source: 'https://example.org/f', by: 'tester' });
        await step('a fact about a new entity');
        await repo.mergeEntities(battalion, merged.subject.entity.id, 'tester', 'same group');
        await step('a merge');
        assert.equal(screener.screen('Falcon Horizon Battalion', { asOf: AS_OF }).hits[0]?.entity.name, 'Tariq Horizon Battalion', 'the merged name screens as the survivor');

        await repo.undoMerge(merged.subject.entity.id, 'tester');
        assert.equal(await screener.catchUp(repo, version), null, 'an unmerge asks for a full build');
      } finally {
        await repo.close();
      }
    });

    it('asks for a full build when the overlay would grow past its bound', async () => {
      const repo = await openStore(await backend.create());
      try {
        const screener = await Screener.load(repo);
        const version = await repo.registryVersion();
        await importListFile(repo, 'un-xml', 'test/fixtures/importers/un-small.xml');
        assert.equal(await screener.catchUp(repo, version, 2), null, 'an import touching more entities than the bound');
        const caught = await screener.catchUp(repo, version);
        assert.ok(caught && caught.changedEntities > 2, 'within the default bound it is caught up');
        assert.equal(await screener.catchUp(repo, 'not.a.version'), null, 'a version the log cannot read');
      } finally {
        await repo.close();
      }
    });
  });
}
