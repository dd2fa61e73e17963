import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { extract } from '../../src/extract/index.js';

const shared = resolve(import.meta.dirname, '..', '..', '..', 'shared');
const seed = join(shared, 'examples', 'seed-article.txt');
const gold = join(shared, 'eval', 'dev', 'seed-article.gold.json');
const own = resolve(import.meta.dirname, '..', '..', 'bench', 'data', 'extract');

interface Scores { f1: number; strict: number; qualifiers: number; found: number; all: number }

function score(goldFile: string, articleFile: string): Scores {
  const raw = readFileSync(articleFile, 'utf8');
  const m = /^\s*date\s+(\S+)[ \t]*/.exec(raw);
  assert.ok(m && m[1]);
  const result = extract(raw.slice(m[0].length), { documentDate: m[1] });
  const dir = mkdtempSync(join(tmpdir(), 'extract-test-'));
  try {
    const system = join(dir, 'system.json');
    writeFileSync(system, JSON.stringify(result));
    const line = execFileSync('node', [join(shared, 'eval', 'score.mjs'), goldFile, system], { encoding: 'utf8' });
    const f = (k: string): number => Number(new RegExp(`${k}=([0-9.]+)`).exec(line)?.[1]);
    const ents = /entities=(\d+)\/(\d+)/.exec(line);
    return { f1: f(' F1'), strict: f('strict-date F1'), qualifiers: f('qualifiers'), found: Number(ents?.[1]), all: Number(ents?.[2]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the seed article end to end meets its targets', { skip: !existsSync(seed) && 'shared/ not beside the repo' }, () => {
  const s = score(gold, seed);
  assert.ok(s.f1 >= 0.95, `relaxed F1 ${s.f1}`);
  assert.ok(s.strict >= 0.9, `strict-date F1 ${s.strict}`);
  assert.ok(s.qualifiers >= 0.9, `qualifiers ${s.qualifiers}`);
  assert.equal(s.found, s.all);
});

test('the seed article: evidence offsets point into the body and the strongest evidence leads', () => {
  const raw = readFileSync(seed, 'utf8');
  const m = /^\s*date\s+(\S+)[ \t]*/.exec(raw);
  const body = raw.slice(m?.[0].length ?? 0);
  const r = extract(body, { documentDate: m?.[1] ?? '' });
  for (const f of r.facts) {
    assert.ok(f.evidence.start >= 0 && f.evidence.end <= body.length && f.evidence.start < f.evidence.end);
    assert.equal(body.slice(f.evidence.start, f.evidence.end), f.evidence.sentence);
  }
  for (const e of r.entities) for (const x of e.mentions) assert.equal(body.slice(x.start, x.end), x.text);
  const ban = r.facts.find((f) => f.predicate === 'proscribed' && f.date === '2020-08-19');
  assert.ok(ban);
  assert.match(ban.evidence.attribution ?? '', /notification/);
  const keys = r.facts.map((f) => `${f.subject}|${f.predicate}|${f.object}`);
  assert.equal(new Set(keys).size, keys.length, 'no duplicate facts');
});

test('own articles score with the scorer', { skip: !existsSync(join(shared, 'eval', 'score.mjs')) && 'no scorer' }, () => {
  for (const name of ['pk-nacta-notification', 'uk-proscription-order', 'in-uapa-ban', 'us-fto-designation', 'pk-ban-lifted']) {
    const s = score(join(own, `${name}.gold.json`), join(own, `${name}.txt`));
    assert.ok(s.f1 >= 0.8, `${name}: F1 ${s.f1}`);
  }
});

test('a resolver links entities to the registry', () => {
  const r = extract('The ministry banned Harkat-ul-Jihad in 2019.', {
    documentDate: '2021-03-10',
    resolver: { resolve: (name, kind) => (kind === 'organisation' && name === 'Harkat-ul-Jihad' ? { entityId: 42, name: 'Harkat ul-Jihad' } : null) },
  });
  assert.deepEqual(r.entities.find((e) => e.kind === 'organisation')?.resolvedTo, { entityId: 42, name: 'Harkat ul-Jihad' });
});

test('odd input does not break extraction', () => {
  for (const text of ['', ' ', '\n\n', '(((', 'A.', 'The the the.', 'ISIS', '“”', 'It.', 'Banned.', '1997 1998 or', 'x'.repeat(5000), 'Ü-ul-Ö (ÜÖ) was banned on Friday.']) {
    const r = extract(text, { documentDate: '2021-03-10' });
    assert.ok(Array.isArray(r.entities) && Array.isArray(r.facts));
  }
});
