/** `proscribe compare` and `POST /compare`: the screening engine on pairs, in input order, with the screening threshold. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_THRESHOLD, NameIndex, compareNames } from '../../src/names/index.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { type ApiFixture, assertError, call, startApi } from '../api/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'proscribe-compare-'));

describe('compare', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('scores a pair with the engine a screening hit has, either way round', () => {
    const index = new NameIndex();
    index.add(1, 'Lashkar-e-Tayyiba');
    index.freeze();
    const screened = index.search('Lashkar e Taiba', { limit: 1 })[0]!.score;
    const pair = compareNames('Lashkar e Taiba', 'Lashkar-e-Tayyiba');
    assert.equal(pair.score, Math.round(screened * 10000) / 10000, 'the same score as screening the one against the other');
    assert.equal(pair.alert, pair.score >= DEFAULT_THRESHOLD);
    assert.equal(compareNames('Lashkar-e-Tayyiba', 'Lashkar e Taiba').score, pair.score, 'symmetric');
    assert.equal(compareNames('Hizb ut-Tahrir', 'Acme Trading Ltd').alert, false);
  });

  it('answers a file of pairs line by line, in order, reading kinds as ours or FtM schemas', async () => {
    const csv = join(dir, 'pairs.csv');
    writeFileSync(csv, 'a,b,schema\nLashkar e Taiba,Lashkar-e-Tayyiba,Organization\nJohn Smith,Jane Smythe,Person\nAlfa Trading LLC,Alfa Trading LLC,Company\n');
    const run = await cli(['compare', '--input', csv, '--left', 'a', '--right', 'b', '--kind-column', 'schema']);
    assert.equal(run.code, 0, run.stderr);
    const rows = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; left: string; kind: string; score: number; alert: boolean });
    assert.deepEqual(rows.map((r) => [r.row, r.left, r.kind]), [[1, 'Lashkar e Taiba', 'organisation'], [2, 'John Smith', 'person'], [3, 'Alfa Trading LLC', 'company']]);
    assert.deepEqual(rows.map((r) => r.alert), [true, false, true]);
    const asCsv = await cli(['compare', '--input', csv, '--left', 'a', '--right', 'b', '--format', 'csv']);
    assert.equal(asCsv.stdout.split('\n')[0], 'row,left,right,kind,score,alert,rules');
    assert.match(asCsv.stdout.split('\n')[1]!, /^1,Lashkar e Taiba,Lashkar-e-Tayyiba,,1\.0000,true,/);

    writeFileSync(csv, 'a,b,schema\nX,Y,Spaceship\n');
    const bad = await cli(['compare', '--input', csv, '--left', 'a', '--right', 'b', '--kind-column', 'schema']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /line 2, field "schema": kind "Spaceship"/);
    const one = await cli(['compare', 'Lashkar e Taiba', 'Lashkar-e-Tayyiba']);
    assert.match(one.stdout, /1\.0000 ALERT \(threshold 0\.85; rules: exact, folded\)/);
    assert.match(one.stdout, /taiba\s+~ tayyiba\s+folded/);
    assert.equal((await cli(['compare', 'only one'])).code, 2);
  });
});

for (const backend of testBackends()) {
  describe(`POST /compare on ${backend.name}`, { skip: backend.skip }, () => {
    let f: ApiFixture;
    after(async () => {
      await f?.close();
      await backend.cleanup();
    });
    it('answers up to 1000 pairs in order, and refuses more', async () => {
      f = await startApi(backend);
      const res = await call(f, 'POST', '/compare', { as: 'viewer', payload: { pairs: [{ left: 'Lashkar e Taiba', right: 'Lashkar-e-Tayyiba', kind: 'Organization' }, { left: 'John Smith', right: 'Jane Smythe' }] } });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ threshold: number; results: { kind: string | null; alert: boolean }[] }>();
      assert.equal(body.threshold, DEFAULT_THRESHOLD);
      assert.deepEqual(body.results.map((r) => [r.kind, r.alert]), [['organisation', true], [null, false]]);
      assertError(await call(f, 'POST', '/compare', { as: 'viewer', payload: { pairs: Array.from({ length: 1001 }, () => ({ left: 'a', right: 'b' })) } }), 400, 'pairs');
    });
  });
}
