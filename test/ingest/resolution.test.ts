/**
 * Resolving an article's mentions to registry entities: a wrong link attaches the article's facts
 * to the wrong group, so short and generic mentions resolve only to a name they equal, and
 * loose list aliases resolve nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RegistryResolver } from '../../src/ingest/registry-resolver.js';
import type { Repository } from '../../src/store/repository.js';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';

describe('resolving article mentions to the registry', () => {
  let dir: string;
  let repo: Repository;
  let resolver: RegistryResolver;
  const ids: Record<string, number> = {};

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'proscribe-resolve-'));
    repo = await openStore(join(dir, 'r.sqlite'));
    const add = async (key: string, names: [string, 'primary' | 'alias' | 'acronym' | 'weak'][]) => {
      const e = await repo.createEntity('organisation', names[0]![0]);
      for (const [text, type] of names) await repo.addName(e.id, { text, type });
      ids[key] = e.id;
    };
    await add('west', [['Noor State West Province', 'primary'], ['NSWP', 'acronym']]);
    await add('somalia', [['Noor State Somalia', 'primary'], ['NSS', 'weak']]);
    await add('brigade', [['Jaish-e-Qadr Brigade', 'primary']]);
    resolver = await RegistryResolver.load(repo);
  });
  after(async () => {
    await repo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves a spelling variant of a full name', () => {
    assert.equal(resolver.resolve('Jaish e Qadr Brigade', 'organisation')?.entityId, ids.brigade);
  });
  it('does not resolve a shorter name to a regional branch that only contains it', () => {
    assert.equal(resolver.resolve('Noor State', 'organisation'), null);
  });
  it('does not resolve a short mention by similarity, nor through a weak alias', () => {
    assert.equal(resolver.resolve('NS', 'organisation'), null);
    assert.equal(resolver.resolve('NSS', 'organisation'), null);
    assert.equal(resolver.resolve('NSWP', 'organisation')?.entityId, ids.west, 'an acronym a list gives resolves exactly');
  });
});

describe('ingesting an article about a registry group', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'proscribe-spellings-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('proposes no place code as a spelling, and points every spelling at where it was read', async () => {
    const db = join(dir, 'r.sqlite');
    for (const f of ['../shared/examples/seed-article.txt', 'test/fixtures/documents/tlp/1-ban.txt']) assert.equal((await cli(['--db', db, 'ingest', f])).code, 0);
    const list = JSON.parse((await cli(['--db', db, 'review', 'list', '--predicate', 'alias', '--format', 'json', '--limit', '100'])).stdout) as {
      facts: { objectLiteral: string; extractor: string; evidence: { start: number | null; end: number | null }[] }[];
    };
    assert.ok(list.facts.some((f) => f.objectLiteral === 'TLP'), 'the acronym the article gives is proposed');
    assert.ok(!list.facts.some((f) => f.objectLiteral === 'PK'), JSON.stringify(list.facts.map((f) => [f.objectLiteral, f.extractor])));
    for (const f of list.facts.filter((x) => x.extractor === 'extract:spelling')) assert.ok(f.evidence[0]?.start !== null, `${f.objectLiteral} has a span`);
  });
});
