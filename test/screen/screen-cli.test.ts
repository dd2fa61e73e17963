import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

const UN_2018 = '../shared/data/un-consolidated-2018-10-29.xml';
const scratch = mkdtempSync(join(tmpdir(), 'proscribe-screen-'));

interface ScreenJson {
  results: { query: string; hits: { entity: { id: number; name: string; kind: string; refs: string[] }; matched_name: string; score: number; alert: boolean; listed: boolean; explanation: { rules: string[] } }[] }[];
}

// The UN list import is the slow part: do it once per backend and screen against it.
for (const backend of testBackends()) {
  describe(`screening the UN list on ${backend.name}`, { skip: backend.skip }, () => {
    let db: string;
    before(async () => {
      db = await backend.create();
      const r = await cli(['--db', db, 'import', 'un-xml', UN_2018, '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const summary = JSON.parse(r.stdout) as { added: string[]; entries: number };
      assert.equal(summary.entries, 1093);
      assert.equal(summary.added.length, 1093);
    });
    after(() => backend.cleanup());

    it('re-importing the same file changes nothing', async () => {
      const r = await cli(['--db', db, 'import', 'un-xml', UN_2018]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /already imported/);
    });

    it('puts Lashkar-e-Tayyiba first for "Lashkar Tayyiba", as an alert, listed, with an explanation', async () => {
      const r = await cli(['--db', db, 'screen', '--format', 'json', '--as-of', '2018-11-01', 'Lashkar Tayyiba']);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as ScreenJson;
      const [top] = out.results[0]!.hits;
      assert.ok(top, 'a hit');
      assert.deepEqual(top.entity.refs, ['un:QDe.118']);
      assert.equal(top.alert, true);
      assert.equal(top.listed, true);
      assert.ok(top.explanation.rules.length > 0);
      assert.ok(top.matched_name.length > 0);
    });

    it('raises no alert for a political party that shares words with listed names', async () => {
      const r = await cli(['--db', db, 'screen', '--format', 'json', 'Pakistan Muslim League']);
      const out = JSON.parse(r.stdout) as ScreenJson;
      assert.deepEqual(out.results[0]!.hits.filter((h) => h.alert).map((h) => h.entity.name), []);
    });

    it('screens several names at once and says when a hit was not yet listed', async () => {
      const r = await cli(['--db', db, 'screen', '--format', 'json', '--as-of', '1990-01-01', 'Lashkar Tayyiba', 'Jaish-i-Mohammed']);
      const out = JSON.parse(r.stdout) as ScreenJson;
      assert.deepEqual(out.results.map((x) => x.query), ['Lashkar Tayyiba', 'Jaish-i-Mohammed']);
      assert.equal(out.results[0]!.hits[0]!.listed, false, 'not listed in 1990');
      assert.match(out.results[1]!.hits[0]!.entity.name, /jaish/i);
    });

    it('screens a CSV file in input order on worker threads, into CSV or JSON Lines', async () => {
      const input = join(scratch, `names-${backend.name}.csv`);
      const names = ['Lashkar Tayyiba', 'Acme Bakery Ltd', 'Jaish-i-Mohammed', '"Pakistan Muslim League, N"'];
      const rows = Array.from({ length: 600 }, (_, i) => `${i},${names[i % names.length]}`);
      writeFileSync(input, `id,name\n${rows.join('\n')}\n`);
      const csvOut = join(scratch, `out-${backend.name}.csv`);
      const r = await cli(['--db', db, 'screen', '--input', input, '--column', 'name', '--output', csvOut, '--workers', '2']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /screened 600 names/);
      const lines = readFileSync(csvOut, 'utf8').trim().split('\n');
      assert.equal(lines.length, 601);
      assert.match(lines[0]!, /^id,name,hit_count,alert,listed,top_score/);
      assert.deepEqual(lines.slice(1).map((l) => Number(l.split(',')[0])), Array.from({ length: 600 }, (_, i) => i));
      assert.match(lines[1]!, /,true,/);

      const jsonOut = join(scratch, `out-${backend.name}.jsonl`);
      const j = await cli(['--db', db, 'screen', '--input', input, '--output', jsonOut, '--workers', '2']);
      assert.equal(j.code, 0, j.stderr);
      const parsed = readFileSync(jsonOut, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { row: number; query: string; alert: boolean });
      assert.deepEqual(parsed.map((p) => p.row), Array.from({ length: 600 }, (_, i) => i + 1));
      assert.equal(parsed[0]!.alert, true);
      assert.equal(parsed[1]!.alert, false);
    });

    it('restricts hits to the kinds asked for, and refuses an unknown kind naming the field', async () => {
      const screenKinds = async (kinds: string | null) => {
        const r = await cli(['--db', db, 'screen', '--format', 'json', ...(kinds ? ['--kinds', kinds] : []), 'Lashkar Tayyiba']);
        assert.equal(r.code, 0, r.stderr);
        return (JSON.parse(r.stdout) as ScreenJson).results[0]!.hits;
      };
      const all = await screenKinds(null);
      assert.ok(all.some((h) => h.entity.kind === 'organisation'));
      const people = await screenKinds('person');
      assert.ok(people.length > 0);
      assert.ok(people.every((h) => h.entity.kind === 'person'), 'only people');
      const groups = await screenKinds('organisation, person');
      assert.deepEqual(groups[0]!.entity.refs, ['un:QDe.118']);
      const bad = await cli(['--db', db, 'screen', '--kinds', 'vessel,ship', 'x']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /field "kinds": "ship" is not a kind/);
    });

    it('in a batch, finds every alert; the closest match of a row without one only with --closest', async () => {
      const input = join(scratch, `closest-${backend.name}.csv`);
      writeFileSync(input, 'id,name\n1,Lashkar Tayyiba\n2,Tayyiba Foods\n');
      const run = async (extra: string[]) => {
        const out = join(scratch, `closest-${backend.name}-${extra.length}.csv`);
        const r = await cli(['--db', db, 'screen', '--input', input, '--output', out, '--workers', '1', ...extra]);
        assert.equal(r.code, 0, r.stderr);
        return readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
      };
      const plain = await run([]);
      const closest = await run(['--closest']);
      assert.equal(plain[0]![3], 'true', 'the alert is found either way');
      assert.deepEqual(plain[0]!.slice(2, 7), closest[0]!.slice(2, 7));
      // The closest match of the second row is what `screen NAME` reports first.
      const single = JSON.parse((await cli(['--db', db, 'screen', '--format', 'json', 'Tayyiba Foods'])).stdout) as ScreenJson;
      const top = single.results[0]!.hits[0]!;
      assert.equal(top.alert, false);
      assert.equal(Number(closest[1]![5]), top.score);
      assert.ok(Number(closest[1]![2]) >= Number(plain[1]![2]));
    });

    it('rejects a batch file without the column, naming the file and field', async () => {
      const input = join(scratch, 'wrong-column.csv');
      writeFileSync(input, 'id,company\n1,Acme\n');
      const r = await cli(['--db', db, 'screen', '--input', input, '--column', 'name']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /wrong-column\.csv, line 1, field "name": no column "name"/);
    });

    it('rejects a bad threshold or date', async () => {
      assert.equal((await cli(['--db', db, 'screen', '--threshold', '2', 'x'])).code, 2);
      assert.equal((await cli(['--db', db, 'screen', '--as-of', 'yesterday', 'x'])).code, 2);
    });
  });
}
