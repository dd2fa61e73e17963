import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { joinLists } from '../../src/registry/join.js';
import type { Repository } from '../../src/store/repository.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { withRepo } from '../support/repo.js';

const HEADER = 'name,aliases,listed_on,delisted_on,law,authority,jurisdiction,notes,source_url,source_retrieved';

/**
 * Three small lists of one region: the same groups spelled their own way by each, a front one list
 * gives as an alias of a group and another lists apart, and two entries of one list that match
 * a third list's entry alike.
 */
function lists(): { aa: string; bb: string; cc: string } {
  const dir = mkdtempSync(join(tmpdir(), 'proscribe-join-'));
  const write = (name: string, jurisdiction: string, rows: string[]) => {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, `${HEADER}\n${rows.map((r) => `${r},2019-01-01,,,Authority,${jurisdiction},,,`).join('\n')}\n`);
    return file;
  };
  return {
    aa: write('aa-list', 'PK', [
      'Lashkar-e-Tayyaba,LeT', 'Jamaat-ud-Dawa,JuD', 'Jaish-e-Muhammad,JeM', 'Example Relief Trust,', 'Example Foundation (Kenya),', 'Example Foundation (Tanzania),',
    ]),
    bb: write('bb-list', 'GB', [
      'Lashkar e Tayyiba,Jamaat-ud-Dawa | Army of the Pure', 'Jaish e Mohammed,', 'Example Foundation,',
    ]),
    cc: write('cc-list', 'IN', ['Lashkar-E-Taiba,Pasban-E-Ahle Hadis', 'Jaish-E-Mohammed,']),
  };
}

for (const backend of testBackends()) {
  describe(`cross-list join on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    const load = async () => {
      const db = await backend.create();
      const files = lists();
      for (const f of [files.aa, files.bb, files.cc]) {
        const r = await cli(['--db', db, 'import', 'schedule', f, '--no-join']);
        assert.equal(r.code, 0, r.stderr);
      }
      return db;
    };
    const entityOf = (repo: Repository, ref: string) => repo.findEntityByRef(ref).then((e) => e!.id);

    it('joins the entries of one group across lists into one entity, and keeps a separately listed front apart', async () => {
      const db = await load();
      const r = await cli(['--db', db, 'join', '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const summary = JSON.parse(r.stdout) as { joined: { left: { name: string }; right: { name: string } }[]; proposed: { left: { name: string }; right: { name: string }; reason: string }[] };
      assert.equal(summary.joined.length, 4, JSON.stringify(summary.joined.map((p) => [p.left.name, p.right.name])));
      await withRepo(db, async (repo) => {
        const let1 = await entityOf(repo, 'aa-list:lashkar-e-tayyaba');
        assert.equal(await entityOf(repo, 'bb-list:lashkar-e-tayyiba'), let1);
        assert.equal(await entityOf(repo, 'cc-list:lashkar-e-taiba'), let1);
        const jem = await entityOf(repo, 'aa-list:jaish-e-muhammad');
        assert.equal(await entityOf(repo, 'bb-list:jaish-e-mohammed'), jem);
        assert.equal(await entityOf(repo, 'cc-list:jaish-e-mohammed'), jem);
        assert.notEqual(await entityOf(repo, 'aa-list:jamaat-ud-dawa'), let1, 'aa lists JuD apart from LeT: not the same organisation, though bb gives it as an alias');
        const entity = await repo.getEntity(let1);
        assert.deepEqual(entity?.refs, ['aa-list:lashkar-e-tayyaba', 'bb-list:lashkar-e-tayyiba', 'cc-list:lashkar-e-taiba']);
      });
      // Two branches on aa match bb's "Example Foundation" alike: neither is joined; both are for an analyst.
      const branches = summary.proposed.filter((p) => p.right.name === 'Example Foundation' || p.left.name === 'Example Foundation');
      assert.equal(branches.length, 2, JSON.stringify(summary.proposed));
      assert.match(branches[0]!.reason, /about as well/);

      const screen = JSON.parse((await cli(['--db', db, 'screen', '--format', 'json', '--as-of', '2020-01-01', 'Lashkar-e-Taiba'])).stdout) as {
        results: { hits: { entity: { refs: string[] }; alert: boolean; listings: { list: string }[] }[] }[];
      };
      const alerting = screen.results[0]!.hits.filter((h) => h.alert);
      assert.equal(alerting.length, 1, 'one alerting entity');
      assert.deepEqual(alerting[0]!.listings.map((l) => l.list).sort(), ['aa-list', 'bb-list', 'cc-list']);
    });

    it('is a recorded merge an analyst can split, and a split is not joined again', async () => {
      const db = await load();
      await withRepo(db, (repo) => joinLists(repo));
      const [let1, bb] = await withRepo(db, async (repo) => [await entityOf(repo, 'aa-list:lashkar-e-tayyaba'), (await repo.findEntityByRef('bb-list:lashkar-e-tayyiba'))!]);
      const raw = await withRepo(db, async (repo) => (await repo.merges()).find((m) => m.undoneAt === null && m.intoId === let1 && m.by === 'importer:join'));
      assert.ok(raw, 'the join is a merge by importer:join');
      assert.match(raw.note ?? '', /cross-list join: "Lashkar.*score/);
      const split = await cli(['--db', db, 'entity', 'split', String(raw.entityId), '--by', 'analyst', '--note', 'not the same']);
      assert.equal(split.code, 0, split.stderr);
      const again = await withRepo(db, (repo) => joinLists(repo));
      assert.equal(again.joined.filter((p) => p.left.id === raw.entityId || p.right.id === raw.entityId).length, 0, 'a split pair is left apart');
      assert.ok(bb);
    });

    it('proposes what it does not join as a same_as fact: accepting merges, rejecting is remembered', async () => {
      const db = await load();
      const first = await withRepo(db, (repo) => joinLists(repo));
      assert.equal(first.proposed.length, 2);
      const proposals = await withRepo(db, (repo) => repo.listFacts({ predicate: 'same_as', status: 'proposed' }));
      assert.equal(proposals.length, 2);
      const queue = JSON.parse((await cli(['--db', db, 'review', 'list', '--origin', 'join', '--format', 'json'])).stdout) as { facts: { id: number }[] };
      assert.deepEqual(queue.facts.map((f) => f.id), proposals.map((f) => f.id), 'the review queue shows the join\'s proposals apart');
      const fromArticles = JSON.parse((await cli(['--db', db, 'review', 'list', '--origin', 'document', '--format', 'json'])).stdout) as { facts: unknown[] };
      assert.deepEqual(fromArticles.facts, []);
      assert.match(proposals[0]!.evidence[0]?.quote ?? '', /Example Foundation.*Not joined: .*about as well/);
      const [kenya, tanzania] = await withRepo(db, async (repo) => [await entityOf(repo, 'aa-list:example-foundation-kenya'), await entityOf(repo, 'aa-list:example-foundation-tanzania')]);
      const kenyaFact = proposals.find((f) => f.subjectId === kenya || f.objectId === kenya)!;
      const tanzaniaFact = proposals.find((f) => f.subjectId === tanzania || f.objectId === tanzania)!;
      assert.equal((await cli(['--db', db, 'review', 'accept', String(kenyaFact.id), '--by', 'analyst', '--note', 'same group'])).code, 0);
      assert.equal((await cli(['--db', db, 'review', 'reject', String(tanzaniaFact.id), '--by', 'analyst', '--note', 'a different branch'])).code, 0);
      await withRepo(db, async (repo) => {
        assert.equal(await entityOf(repo, 'bb-list:example-foundation'), kenya, 'accepting the proposal merged the two');
        assert.notEqual(await entityOf(repo, 'bb-list:example-foundation'), tanzania);
      });
      const again = await withRepo(db, (repo) => joinLists(repo));
      assert.deepEqual([again.joined.length, again.proposed.length], [0, 0], 'decided pairs are not proposed again');
    });

    it('changes nothing the second time, and writes nothing in a dry run', async () => {
      const db = await load();
      const dry = await withRepo(db, (repo) => joinLists(repo, { dryRun: true }));
      assert.equal(dry.joined.length, 4);
      assert.deepEqual(await withRepo(db, (repo) => repo.merges()), []);
      await withRepo(db, (repo) => joinLists(repo));
      const before = await withRepo(db, async (repo) => ({ counts: await repo.counts(), merges: (await repo.merges()).length }));
      const second = await withRepo(db, (repo) => joinLists(repo));
      assert.deepEqual([second.joined.length, second.proposed.length], [0, 0]);
      assert.deepEqual(await withRepo(db, async (repo) => ({ counts: await repo.counts(), merges: (await repo.merges()).length })), before);
    });
  });
}
