/**
 * Pairwise name matching by class (npm run bench:compare): the screening engine's `alert` on
 * labelled pairs of names against fuse.js and plain Jaro-Winkler on the same pairs.
 *
 * Pairs: bench/data/compare-pairs.tsv, 374 pairs in 11 classes (legal forms across languages,
 * numbers as words, titles, nicknames, scripts other than Latin, joined names and leetspeak,
 * company branches, Arabic and Russian patronymics, romanisations of armed groups, acronyms,
 * plainly unrelated names), each with hard negatives; written for this benchmark from public
 * knowledge by a helper agent of this project and read through by us (labels: 1 the same
 * person, company or group, 0 different ones that look alike). The engine runs twice: on the pair alone, and with words weighed by
 * their rarity in the real UN + OFAC lists' names, as screening weighs them.
 *
 * Printed per class and overall: precision, recall and F1 of each method's alert at its
 * default threshold (engine 0.85, fuse.js similarity 0.75 as in bench:match, Jaro-Winkler 0.90),
 * and the best F1 any single threshold would give it (an oracle: the ceiling of the method).
 */
import { readFileSync } from 'node:fs';
import Fuse from 'fuse.js';
import { DEFAULT_THRESHOLD, NameIndex, compareNames, jaroWinkler } from '../src/names/index.js';
import { FUSE_ALERT_SIMILARITY } from './lib/baselines.js';
import { loadRealLists } from './lib/lists.js';

interface Pair { cls: string; kind: string; left: string; right: string; same: boolean }

const JW_THRESHOLD = 0.9;
const file = new URL('./data/compare-pairs.tsv', import.meta.url);
const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
if (header !== 'class\tkind\tleft\tright\tsame') throw new Error(`unexpected header in ${file.pathname}: ${header}`);
const pairs: Pair[] = lines.map((l, i) => {
  const [cls, kind, left, right, same] = l.split('\t');
  if (!cls || !kind || !left || !right || (same !== '0' && same !== '1')) throw new Error(`line ${i + 2} of ${file.pathname} is not class, kind, left, right, same`);
  return { cls, kind, left, right, same: same === '1' };
});

const plain = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
function fuseSimilarity(a: string, b: string): number {
  const one = (q: string, d: string) => {
    const hit = new Fuse([{ name: plain(d) }], { keys: ['name'], includeScore: true, ignoreLocation: true, threshold: 1, minMatchCharLength: 1 }).search(plain(q))[0];
    return hit ? 1 - (hit.score ?? 1) : 0;
  };
  return Math.max(one(a, b), one(b, a));
}

const { entities } = loadRealLists();
const rarity = new NameIndex();
for (const e of entities) for (const n of e.names) rarity.add(e.id, n.text, n.type);
rarity.freeze();

interface Method { label: string; threshold: number; score: (p: Pair) => number }
const methods: Method[] = [
  { label: 'names engine (pair alone)', threshold: DEFAULT_THRESHOLD, score: (p) => compareNames(p.left, p.right).score },
  { label: 'names engine (list rarity)', threshold: DEFAULT_THRESHOLD, score: (p) => compareNames(p.left, p.right, { rarity }).score },
  { label: 'fuse.js 7.5.0', threshold: FUSE_ALERT_SIMILARITY, score: (p) => fuseSimilarity(p.left, p.right) },
  { label: 'Jaro-Winkler', threshold: JW_THRESHOLD, score: (p) => jaroWinkler(plain(p.left), plain(p.right)) },
];

interface Prf { p: number; r: number; f1: number }
function prf(scores: number[], labels: boolean[], threshold: number): Prf {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const alert = s >= threshold;
    if (alert && labels[i]) tp++;
    else if (alert) fp++;
    else if (labels[i]) fn++;
  });
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}
function bestF1(scores: number[], labels: boolean[]): { f1: number; at: number } {
  let best = { f1: 0, at: 1 };
  for (const t of [...new Set(scores)].sort((a, b) => a - b)) {
    const f1 = prf(scores, labels, t).f1;
    if (f1 > best.f1) best = { f1, at: t };
  }
  return best;
}

const t0 = performance.now();
const scored = methods.map((m) => ({ m, scores: pairs.map((p) => m.score(p)) }));
const ms = performance.now() - t0;
const classes = [...new Set(pairs.map((p) => p.cls))];
const f = (x: number) => x.toFixed(3);

console.log(`# bench:compare — ${pairs.length} labelled pairs in ${classes.length} classes (${pairs.filter((p) => p.same).length} the same, ${pairs.filter((p) => !p.same).length} different); scored in ${(ms / 1000).toFixed(1)} s`);
console.log(`alert thresholds: engine ${DEFAULT_THRESHOLD}, fuse.js similarity ${FUSE_ALERT_SIMILARITY}, Jaro-Winkler ${JW_THRESHOLD} (whole name, lower case, marks stripped); "best" is the F1 of the best single threshold, an oracle`);
console.log('');
const head = ['class', 'pairs', ...methods.map((m) => `${m.label}: P / R / F1 (best)`)];
console.log(head.join(' | '));
for (const cls of [...classes, 'ALL']) {
  const idx = pairs.map((p, i) => (cls === 'ALL' || p.cls === cls ? i : -1)).filter((i) => i >= 0);
  const labels = idx.map((i) => pairs[i]!.same);
  const cells = scored.map(({ m, scores }) => {
    const s = idx.map((i) => scores[i]!);
    const r = prf(s, labels, m.threshold);
    return `${f(r.p)} / ${f(r.r)} / ${f(r.f1)} (${f(bestF1(s, labels).f1)})`;
  });
  console.log([cls, String(idx.length), ...cells].join(' | '));
}
console.log('');
for (const { m, scores } of scored) {
  const b = bestF1(scores, pairs.map((p) => p.same));
  console.log(`${m.label}: best single threshold ${f(b.at)} gives F1 ${f(b.f1)} over all pairs`);
}
