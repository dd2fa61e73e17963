/**
 * The cross-list join measured on a hand-labelled sample (npm run bench:join).
 *
 * bench/data/join-pairs.tsv holds pairs of entries of two sources (un-sc, us-ofac-sdn, the
 * national lists, mmp), each labelled the same organisation (1) or a confusable different one
 * (0), written by hand from the lists' own aliases and knowledge of the groups, not by the join.
 * The bench bootstraps a fresh registry (the bundled data, as `npm start` does), finds each
 * labelled entry by its source and name, and reads the registry's answer:
 * - joined: the two entries read as one entity (an automatic join, or a chain of them);
 * - proposed: a same_as proposal links the two (for an analyst);
 * - apart: neither.
 * Precision and recall of the automatic join, and recall counting proposals, on the pairs whose
 * entries were both found. Baseline in the same run: joining every pair of entries whose names
 * fold to the same key (exact name match after case, accents and punctuation), the rule a
 * simple list merger would use.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/program.js';
import { nameKey } from '../src/importers/list-diff.js';
import { JOIN_THRESHOLD, joinLists, sourceOf } from '../src/registry/join.js';
import { openStore } from '../src/store/open.js';
import type { RawEntity } from '../src/store/repository.js';
import { foldName } from '../src/names/index.js';

const PAIRS = fileURLToPath(new URL('./data/join-pairs.tsv', import.meta.url));

interface Labelled {
  line: number;
  a: { source: string; name: string };
  b: { source: string; name: string };
  same: boolean;
  note: string;
}

function readPairs(): Labelled[] {
  const out: Labelled[] = [];
  readFileSync(PAIRS, 'utf8').split('\n').forEach((raw, i) => {
    if (i === 0 || raw.trim() === '' || raw.startsWith('#')) return;
    const [sa, na, sb, nb, same, note] = raw.split('\t');
    out.push({ line: i + 1, a: { source: sa!, name: na! }, b: { source: sb!, name: nb! }, same: same === '1', note: note ?? '' });
  });
  return out;
}

const quiet = () => {
  const sink = new PassThrough();
  sink.resume();
  return sink;
};

/** Union-find over raw entity ids: what a set of joined pairs makes one entity. */
function clustersOf(pairs: readonly { left: { id: number }; right: { id: number } }[]): (id: number) => number {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const p of pairs) {
    const [a, b] = [find(p.left.id), find(p.right.id)];
    if (a !== b) parent.set(b, a);
  }
  return find;
}

interface Tally { tp: number; fp: number; fn: number; tn: number; proposedPos: number; proposedNeg: number; errors: string[]; missing: number }

function evaluate(
  pairs: readonly Labelled[], find: (source: string, name: string) => RawEntity | null,
  sameEntity: (a: number, b: number) => boolean, proposal: (a: number, b: number) => string | undefined,
): Tally {
  const t: Tally = { tp: 0, fp: 0, fn: 0, tn: 0, proposedPos: 0, proposedNeg: 0, errors: [], missing: 0 };
  for (const p of pairs) {
    const a = find(p.a.source, p.a.name);
    const b = find(p.b.source, p.b.name);
    if (!a || !b) {
      t.missing++;
      t.errors.push(`  not found: line ${p.line} ${!a ? `${p.a.source} "${p.a.name}"` : ''} ${!b ? `${p.b.source} "${p.b.name}"` : ''}`);
      continue;
    }
    const joined = sameEntity(a.id, b.id);
    const proposed = joined ? undefined : proposal(a.id, b.id);
    if (p.same) {
      if (joined) t.tp++;
      else {
        t.fn++;
        if (proposed !== undefined) t.proposedPos++;
        t.errors.push(`  missed${proposed !== undefined ? ' (proposed)' : ''}: line ${p.line} ${p.a.source} "${p.a.name}" ~ ${p.b.source} "${p.b.name}" (${p.note})${proposed ? `\n      ${proposed}` : ''}`);
      }
    } else if (joined) {
      t.fp++;
      t.errors.push(`  WRONG JOIN: line ${p.line} ${p.a.source} "${p.a.name}" ~ ${p.b.source} "${p.b.name}" (${p.note})`);
    } else {
      t.tn++;
      if (proposed !== undefined) t.proposedNeg++;
    }
  }
  return t;
}

const ratio = (x: number, y: number) => (y === 0 ? 'n/a' : (x / y).toFixed(3));
const f1 = (t: { tp: number; fp: number; fn: number }) => ratio(2 * t.tp, 2 * t.tp + t.fp + t.fn);
const row = (label: string, t: { tp: number; fp: number; fn: number }, extra = '') =>
  `${label.padEnd(48)}${ratio(t.tp, t.tp + t.fp).padEnd(11)}${ratio(t.tp, t.tp + t.fn).padEnd(8)}${f1(t).padEnd(7)}${String(t.fp).padEnd(13)}${String(t.fn).padEnd(8)}${extra}`;

async function bootstrap(db: string, args: string[]): Promise<number> {
  const t0 = performance.now();
  const code = await runCli(['--db', db, 'bootstrap', ...args], { stdout: quiet(), stderr: process.stderr, stdin: Readable.from([]), env: {}, isTty: false });
  if (code !== 0) throw new Error(`bootstrap exited ${code}`);
  return performance.now() - t0;
}

function finder(raw: readonly RawEntity[]): (source: string, name: string) => RawEntity | null {
  const bySource = new Map<string, RawEntity[]>();
  for (const e of raw) {
    const s = sourceOf(e);
    bySource.set(s, [...(bySource.get(s) ?? []), e]);
  }
  return (source, name) => {
    const entries = bySource.get(source) ?? [];
    const keys = [nameKey(name), nameKey(name.replace(/\s*\([^)]*\)\s*$/, ''))];
    // The entry whose own name it is first, then one that has it as an alias.
    for (const k of keys) {
      const hit = entries.find((e) => nameKey(e.name) === k || e.names.some((n) => n.type === 'primary' && nameKey(n.text) === k));
      if (hit) return hit;
    }
    for (const k of keys) {
      const hit = entries.find((e) => e.names.some((n) => n.type !== 'weak' && nameKey(n.text) === k));
      if (hit) return hit;
    }
    return null;
  };
}

const dir = mkdtempSync(join(tmpdir(), 'proscribe-bench-join-'));
try {
  const pairs = readPairs();
  const header = `${'rule'.padEnd(48)}precision  recall  F1     wrong joins  missed`;
  console.log('# bench:join — one entity per organisation across lists');
  console.log(`labelled pairs: ${pairs.length} (${pairs.filter((p) => p.same).length} same organisation, ${pairs.filter((p) => !p.same).length} confusable different ones), bench/data/join-pairs.tsv`);

  // 1. The rule at several thresholds, and the baseline, on a registry bootstrapped without the join.
  const plain = join(dir, 'plain.sqlite');
  const plainMs = await bootstrap(plain, ['--no-join']);
  const repoPlain = await openStore(plain);
  try {
    const raw = await repoPlain.rawEntities(['organisation']);
    const find = finder(raw);
    console.log('');
    console.log(`## the rule at several join thresholds (dry runs on a registry bootstrapped with --no-join: ${(plainMs / 1000).toFixed(1)} s)`);
    console.log(header);
    const exactKeys = (e: RawEntity) => new Set(e.names.filter((n) => n.type !== 'weak' && n.type !== 'acronym').map((n) => foldName(n.text)));
    const byId = new Map(raw.map((e) => [e.id, e] as const));
    const baseline = evaluate(pairs, find, (a, b) => {
      const ka = exactKeys(byId.get(a)!);
      return [...exactKeys(byId.get(b)!)].some((k) => ka.has(k));
    }, () => undefined);
    console.log(row('baseline: any two names fold the same (no rule)', baseline));
    for (const threshold of [0.85, 0.88, JOIN_THRESHOLD, 0.93, 0.95, 0.97]) {
      const t0 = performance.now();
      const summary = await joinLists(repoPlain, { dryRun: true, joinThreshold: threshold });
      const ms = performance.now() - t0;
      const root = clustersOf(summary.joined);
      const proposed = new Set(summary.proposed.map((p) => (p.left.id < p.right.id ? `${p.left.id}:${p.right.id}` : `${p.right.id}:${p.left.id}`)));
      const t = evaluate(pairs, find, (a, b) => root(a) === root(b), (a, b) => (proposed.has(a < b ? `${a}:${b}` : `${b}:${a}`) ? '' : undefined));
      console.log(row(`join at ${threshold}${threshold === JOIN_THRESHOLD ? ' (default)' : ''}`, t, `${summary.joined.length} joins, ${summary.proposed.length} proposals, ${(ms / 1000).toFixed(2)} s`));
    }
  } finally {
    await repoPlain.close();
  }

  // 2. The product as shipped: `npm start`'s bootstrap, joined.
  const db = join(dir, 'registry.sqlite');
  const bootstrapMs = await bootstrap(db, []);
  const repo = await openStore(db);
  try {
    const find = finder(await repo.rawEntities(['organisation']));
    const sameAs = await repo.listFacts({ predicate: 'same_as' });
    const pairKey = (x: number, y: number) => (x < y ? `${x}:${y}` : `${y}:${x}`);
    const proposedPairs = new Map(sameAs.filter((f) => f.status === 'proposed').map((f) => [pairKey(Number(f.qualifiers.left), Number(f.qualifiers.right)), f.evidence[0]?.quote ?? ''] as const));
    const roots = new Map<number, number>();
    for (const e of await repo.rawEntities(['organisation'])) roots.set(e.id, (await repo.getEntity(e.id))!.id);
    const t = evaluate(pairs, find, (a, b) => roots.get(a) === roots.get(b), (a, b) => proposedPairs.get(pairKey(a, b)));
    const merges = (await repo.merges()).filter((m) => m.undoneAt === null);
    console.log('');
    console.log(`## as shipped: bootstrap (UN 2018+2026, OFAC SDN, 8 national lists, Mapping Militants, join, seed) ${(bootstrapMs / 1000).toFixed(1)} s; ${merges.length} joins in force; ${proposedPairs.size} same_as proposals; entries not found ${t.missing}`);
    console.log(header);
    console.log(row('join (automatic)', t));
    const withProposals = { tp: t.tp + t.proposedPos, fp: t.fp, fn: t.fn - t.proposedPos };
    console.log(row('join + proposals an analyst accepts', withProposals));
    console.log(`proposals among the labelled pairs: ${t.proposedPos} of the same organisation, ${t.proposedNeg} of different ones (an analyst rejects those)`);
    console.log('');
    console.log('## errors as shipped');
    for (const e of t.errors) console.log(e);
  } finally {
    await repo.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
