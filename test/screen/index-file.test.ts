/**
 * The screening index saved beside a SQLite database: read back when the registry still has the
 * version it was built from, ignored when the registry moved on or the file is damaged, and
 * screening the same either way.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { importListFile } from '../../src/importers/import-file.js';
import { addAnalystFact } from '../../src/registry/curation.js';
import { indexFilePath } from '../../src/screen/index-file.js';
import { loadSnapshot } from '../../src/screen/load-snapshot.js';
import { Screener } from '../../src/screen/screener.js';
import { openStore } from '../../src/store/open.js';

const dir = mkdtempSync(join(tmpdir(), 'proscribe-index-file-'));
const NAMES = ['Lashkar e Taiba', 'Al-Nusrah Front', 'Haramain Foundation', 'Nobody Special Trading', 'Noor Saved Brigade'];

function screenAll(screener: Screener): string {
  return JSON.stringify(NAMES.map((n) => screener.screen(n, { asOf: '2026-06-01' })));
}

describe('the screening index saved beside the database', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is written by a build, read back while the registry is unchanged, and screens the same', async () => {
    const db = join(dir, 'registry.sqlite');
    const repo = await openStore(db);
    try {
      await importListFile(repo, 'un-xml', 'test/fixtures/importers/un-small.xml');
      const built = await loadSnapshot(repo, db);
      assert.equal(built.restored, false);
      assert.ok(statSync(indexFilePath(db)!).size > 0, 'the file is written');
      const restored = await loadSnapshot(repo, db);
      assert.equal(restored.restored, true);
      assert.equal(screenAll(Screener.fromSnapshot(restored.snapshot)), screenAll(Screener.fromSnapshot(built.snapshot)));

      // The registry moves on: the file is read and brought up to date from the change log.
      await addAnalystFact(repo, { subject: 'Noor Saved Brigade', kind: 'organisation', predicate: 'proscribed', jurisdiction: 'PK', date: '2026-01-15', source: 'https://example.org/n', by: 'tester' });
      const after = await loadSnapshot(repo, db);
      assert.equal(after.caughtUp, true, 'a file of an earlier registry version is caught up, not rebuilt');
      assert.equal(after.version, await repo.registryVersion());
      const hit = Screener.fromSnapshot(after.snapshot).screen('Noor Saved Brigade', { asOf: '2026-06-01' }).hits[0];
      assert.equal(hit?.status, 'listed');
      assert.equal(screenAll(Screener.fromSnapshot(after.snapshot)).includes('Noor Saved Brigade'), true);

      // A damaged file is ignored, not trusted and not fatal.
      truncateSync(indexFilePath(db)!, 100);
      const again = await loadSnapshot(repo, db);
      assert.equal(again.restored, false);
      assert.equal((await loadSnapshot(repo, db)).restored, true, 'and written whole again');
    } finally {
      await repo.close();
    }
  });

  it('is kept only beside a file: none for PostgreSQL or memory', () => {
    assert.equal(indexFilePath('postgres://u:p@h/db'), null);
    assert.equal(indexFilePath(':memory:'), null);
    assert.equal(indexFilePath('/srv/registry.sqlite'), '/srv/registry.sqlite.screen-index');
  });
});
