/**
 * Screening speed at the scale of the largest public sanctions collections
 * (npm run bench:screen; node --max-old-space-size=4096).
 *
 * Index (>= 1,000,000 names): every name of the UN 2018-10-29 and OFAC SDN 2024-05 lists
 * (about 30,500), then a deterministic synthetic expansion (mulberry32, seed 20261128): each
 * synthetic entity takes a real name as its base, replaces each word with probability 0.3 by
 * a word drawn from the real lists' vocabulary of the same kind (organisation or person) and
 * respells each word with probability 0.3 (vowel swaps, doubled letters, q/k, ph/f, w/v, ee/i,
 * particles, one-letter typos: bench/lib/variants.ts); it gets 1 to 4 such names, variants of
 * one another. So every real name has dozens of near-copies, as a collection of many lists
 * that name the same people has: a hard index, where one query meets many close names.
 *
 * Queries (seeded): 40% real list names respelled (varyName, strength 0.35), 30% synthetic
 * names drawn from the index respelled, 30% unlisted names made of 2 to 4 words of
 * bench/data/negatives.txt. Many words are respelled, so a fair share of query words were
 * never seen before and must be matched to the vocabulary afresh, as typos in a customer file
 * must.
 *
 * Modes, as the product uses them (limit 10, alert threshold DEFAULT_THRESHOLD):
 * - batch (`proscribe screen --input`, API jobs): every alerting hit is searched for, weaker
 *   hits are reported as met (SearchOptions.bestEffort);
 * - interactive (`proscribe screen NAME`, POST /screen): every alerting hit, and the closest
 *   match when nothing alerts.
 *
 * Reported: build time and RSS; batch throughput over BENCH_QUERIES (default 200,000: long
 * enough for the steady state a file of millions runs in) on 2 worker threads, against the
 * same on 1 worker thread in the same run; the interactive mode on 2 workers; single-query latency on the main thread in both modes, after a warm-up of
 * other queries (and cold, right after the build); what a query walks; agreement with the
 * exhaustive search (no pruning: every name the query's keys reach is aligned) on 1,000
 * queries; fuse.js and minisearch on subsets they can handle (printed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_THRESHOLD, NameIndex, type NameMatch, type SearchOptions } from '../src/names/index.js';
import { writeIndexFile } from '../src/screen/index-file.js';
import { NameLayers } from '../src/screen/name-layers.js';
import { fuseEngine, miniSearchEngine } from './lib/baselines.js';
import { loadNegatives, loadRealLists } from './lib/lists.js';
import { pick, rng, varyName } from './lib/variants.js';

const TARGET_NAMES = Number(process.env.BENCH_NAMES ?? 1_000_000);
const BATCH_QUERIES = Number(process.env.BENCH_QUERIES ?? 200_000);
const LATENCY_QUERIES = 5_000;
const WORKERS = 2;
const AGREEMENT_QUERIES = 1_000;
const BATCH: SearchOptions = { limit: 10, completeFrom: DEFAULT_THRESHOLD, bestEffort: true };
const INTERACTIVE: SearchOptions = { limit: 10, completeFrom: DEFAULT_THRESHOLD };
const CHUNK = 250;
const FUSE_QUERIES = 100;
const MINI_SUBSET = 100_000;
const MINI_QUERIES = 1_000;

const { entities } = loadRealLists();
const negatives = loadNegatives();
const r = rng(20261128);

// Word pools by kind, from the real lists.
const orgWords: string[] = [];
const personWords: string[] = [];
for (const e of entities) {
  const pool = e.kind === 'person' ? personWords : orgWords;
  for (const n of e.names) for (const w of n.text.split(/[\s,]+/)) if (/^[\p{L}'’-]{2,}$/u.test(w)) pool.push(w);
}

function syntheticName(base: string, kind: string): string {
  const pool = kind === 'person' ? personWords : orgWords;
  const words = base.split(/\s+/).filter((w) => w !== '').map((w) => (r() < 0.3 ? pick(r, pool) : w));
  return varyName(r, words.join(' '), 0.3);
}

const firstNames: { entity: number; name: string }[] = []; // the first MINI_SUBSET names, for the baselines
const syntheticSample: string[] = [];
const t0 = performance.now();
const index = new NameIndex();
let count = 0;
const remember = (entity: number, name: string) => {
  if (firstNames.length < MINI_SUBSET) firstNames.push({ entity, name });
  count++;
};
for (const e of entities) for (const n of e.names) {
  index.add(e.id, n.text, n.type);
  remember(e.id, n.text);
}
let entityId = entities.length;
while (count < TARGET_NAMES) {
  const base = pick(r, entities);
  const baseName = pick(r, base.names).text;
  const first = syntheticName(baseName, base.kind);
  const k = 1 + Math.floor(r() * 4);
  for (let i = 0; i < k && count < TARGET_NAMES; i++) {
    const name = i === 0 ? first : varyName(r, first, 0.4);
    index.add(entityId, name, i === 0 ? 'primary' : 'alias');
    remember(entityId, name);
    if (r() < 0.01) syntheticSample.push(name);
  }
  entityId++;
}
const addMs = performance.now() - t0;
index.freeze();
const buildMs = performance.now() - t0;
const rss = process.memoryUsage().rss;

const realNames = entities.flatMap((e) => e.names.map((n) => n.text));
const negWords = negatives.flatMap((n) => n.split(/\s+/));
function makeQueries(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 10;
    if (k < 4) out.push(varyName(r, pick(r, realNames), 0.35));
    else if (k < 7) out.push(varyName(r, pick(r, syntheticSample), 0.35));
    else out.push(Array.from({ length: 2 + Math.floor(r() * 3) }, () => pick(r, negWords)).join(' '));
  }
  return out;
}
const latencyQueries = makeQueries(LATENCY_QUERIES);
const warmupQueries = makeQueries(LATENCY_QUERIES);
const queries = makeQueries(BATCH_QUERIES);

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
function latency(qs: string[], opts: SearchOptions): { p50: number; p99: number; max: number; mean: number } {
  const lat: number[] = [];
  for (const q of qs) {
    const t = performance.now();
    index.search(q, opts);
    lat.push(performance.now() - t);
  }
  const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
  lat.sort((a, b) => a - b);
  return { p50: pct(lat, 0.5), p99: pct(lat, 0.99), max: lat[lat.length - 1]!, mean };
}
// Cold: the first queries after the build, before the JIT and the word caches warm up.
const cold = latency(latencyQueries, INTERACTIVE);
for (const q of warmupQueries) {
  index.search(q, INTERACTIVE);
  index.search(q, BATCH);
}
const warmBatch = latency(latencyQueries, BATCH);
const warmInteractive = latency(latencyQueries, INTERACTIVE);

interface Work {
  candidates: number;
  postings: number;
  probed: number;
  scored: number;
  capped: number;
  maxCandidates: number;
}
function work(opts: SearchOptions): Work {
  const w: Work = { candidates: 0, postings: 0, probed: 0, scored: 0, capped: 0, maxCandidates: 0 };
  for (const q of latencyQueries.slice(0, 2000)) {
    index.search(q, opts);
    const st = index.lastSearchStats;
    w.candidates += st.candidates / 2000;
    w.postings += st.postings / 2000;
    w.probed += st.probed / 2000;
    w.scored += st.scored / 2000;
    if (st.capped) w.capped++;
    w.maxCandidates = Math.max(w.maxCandidates, st.candidates);
  }
  return w;
}
const workBatch = work(BATCH);
const workInteractive = work(INTERACTIVE);

/**
 * The engine guarantees every alerting hit (up to the limit; ties at the last place are
 * broken arbitrarily) and, interactively, the best score. Compared on that: the alerting scores
 * in order, and the alerting entities that score above the exhaustive search's last place.
 */
function agreement(opts: SearchOptions): { alerts: number; top: number; ms: number } {
  let alerts = 0;
  let top = 0;
  let ms = 0;
  const key = (m: NameMatch) => `${m.entityId}:${m.score.toFixed(6)}`;
  for (const q of latencyQueries.slice(0, AGREEMENT_QUERIES)) {
    const fast = index.search(q, opts);
    const t = performance.now();
    const full = index.search(q, { limit: 10, exhaustive: true });
    ms += performance.now() - t;
    const last = full.length === 10 ? full[9]!.score : -1;
    const alerting = (xs: NameMatch[]) => xs.filter((m) => m.score >= DEFAULT_THRESHOLD);
    const scores = (xs: NameMatch[]) => alerting(xs).map((m) => m.score.toFixed(6)).join(' ');
    const sure = (xs: NameMatch[]) => alerting(xs).filter((m) => m.score > last).map(key).sort().join(' ');
    if (scores(fast) === scores(full) && sure(fast) === sure(full)) alerts++;
    if ((fast[0]?.score ?? 0).toFixed(6) === (full[0]?.score ?? 0).toFixed(6)) top++;
  }
  return { alerts, top, ms: ms / AGREEMENT_QUERIES };
}
const agreeBatch = agreement(BATCH);
const agreeInteractive = agreement(INTERACTIVE);

// Batch on worker threads.
const snapshot = index.toSnapshot();

// Start-up from the index saved beside the database: written once here, read by a fresh process.
const fileDir = mkdtempSync(join(tmpdir(), 'proscribe-bench-screen-'));
const indexFile = join(fileDir, 'bench.sqlite.screen-index');
const tWrite = performance.now();
const fileBytes = writeIndexFile(indexFile, 'bench', { index: snapshot, entities: [], periods: [], lineage: [], measures: [] });
const writeMs = performance.now() - tWrite;
const started = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./lib/start-from-file.ts', import.meta.url)), indexFile, realNames[0]!], { encoding: 'utf8' });
rmSync(fileDir, { recursive: true, force: true });
if (started.status !== 0) throw new Error(`starting from the saved index failed: ${started.stderr}`);
const fromFile = JSON.parse(started.stdout.trim().split('\n').pop()!) as { names: number; readMs: number; attachMs: number; firstQueryMs: number; rssBefore: number; rss: number };

/**
 * A registry change at this scale: `k` entities change (their names respelled, as an edit or a
 * new alias would) and go into an overlay beside the index, their old names shadowed. Timed:
 * building the overlay (what a catch-up adds to reading the change log), and interactive queries
 * through the layers against the index alone.
 */
function overlayUpdate(k: number): { buildMs: number; p50: number; p99: number; alertsKept: number } {
  const shadow = new Set<number>();
  while (shadow.size < k) shadow.add(Math.floor(r() * entityId));
  const t = performance.now();
  const overlay = new NameIndex({ weightsFrom: index });
  for (const id of shadow) {
    const base = pick(r, realNames);
    overlay.add(id, varyName(r, base, 0.2), 'primary');
    overlay.add(id, varyName(r, base, 0.3), 'alias');
  }
  overlay.freeze();
  const layers = new NameLayers(index, overlay, shadow);
  const buildMs = performance.now() - t;
  const lat: number[] = [];
  let alertsKept = 0;
  for (const q of latencyQueries.slice(0, 2000)) {
    const t1 = performance.now();
    const hits = layers.search(q, INTERACTIVE);
    lat.push(performance.now() - t1);
    // An unchanged entity's alert must still be there unless ten better hits (some now from the overlay) fill the list.
    const last = hits.length >= (INTERACTIVE.limit ?? 10) ? hits[hits.length - 1]!.score : -1;
    const alone = index.search(q, INTERACTIVE).filter((m) => m.score >= DEFAULT_THRESHOLD && !shadow.has(m.entityId) && m.score > last);
    if (alone.every((m) => hits.some((h) => h.entityId === m.entityId))) alertsKept++;
  }
  lat.sort((a, b) => a - b);
  return { buildMs, p50: pct(lat, 0.5), p99: pct(lat, 0.99), alertsKept };
}
const updates = [1, 100, 1000].map((k) => ({ k, ...overlayUpdate(k) }));
const workerUrl = fileURLToPath(import.meta.url).endsWith('.ts') ? new URL('./lib/screen-worker-boot.mjs', import.meta.url) : new URL('./lib/screen-worker.js', import.meta.url);
interface BatchRun {
  ms: number;
  startupMs: number;
  alerts: number;
}

/** All queries through `count` worker threads attached to the snapshot; the clock starts once all are ready. */
async function batch(count: number, opts: SearchOptions): Promise<BatchRun> {
  const tw = performance.now();
  const workers = Array.from({ length: count }, () => new Worker(workerUrl, { workerData: { snapshot, threshold: DEFAULT_THRESHOLD } }));
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  })));
  const startupMs = performance.now() - tw;
  const tb = performance.now();
  let alerts = 0;
  await new Promise<void>((resolve, reject) => {
    let next = 0;
    let done = 0;
    const chunks = Math.ceil(queries.length / CHUNK);
    const send = (w: Worker) => {
      if (next >= chunks) return;
      const seq = next++;
      w.postMessage({ seq, queries: queries.slice(seq * CHUNK, (seq + 1) * CHUNK), search: opts });
    };
    for (const w of workers) {
      w.on('message', (m: { rows: [number, number, number, number][] }) => {
        for (const row of m.rows) alerts += row[1];
        if (++done === chunks) resolve();
        else send(w);
      });
      w.on('error', reject);
      // Two chunks in flight per worker so none waits on the main thread.
      send(w);
      send(w);
    }
  });
  const ms = performance.now() - tb;
  await Promise.all(workers.map((w) => w.terminate()));
  return { ms, startupMs, alerts };
}
const one = await batch(1, BATCH);
const two = await batch(WORKERS, BATCH);
const twoInteractive = await batch(WORKERS, INTERACTIVE);
const qps = (x: BatchRun) => queries.length / (x.ms / 1000);
const ms3 = (x: number) => x.toFixed(3);

console.log('# bench:screen — names engine at a million names');
console.log(`index: ${index.size} names (${realNames.length} real UN + OFAC names, the rest synthetic, seed 20261128), ${entityId} entities`);
console.log(`build: ${(buildMs / 1000).toFixed(2)} s (adding ${(addMs / 1000).toFixed(2)} s, freeze ${((buildMs - addMs) / 1000).toFixed(2)} s)   target < 30 s`);
console.log(`RSS after build: ${(rss / 2 ** 20).toFixed(0)} MiB   target < 1536 MiB`);
console.log(`start-up from the saved index (a fresh process): read ${(fromFile.readMs / 1000).toFixed(2)} s, attach ${fromFile.attachMs.toFixed(0)} ms, first query ${fromFile.firstQueryMs.toFixed(1)} ms `
  + `(baseline: the build above, ${(buildMs / 1000).toFixed(2)} s: ${(buildMs / (fromFile.readMs + fromFile.attachMs)).toFixed(1)}x faster); `
  + `file ${(fileBytes / 2 ** 20).toFixed(0)} MiB, written in ${(writeMs / 1000).toFixed(2)} s; that process's RSS ${(fromFile.rss / 2 ** 20).toFixed(0)} MiB (${(fromFile.rssBefore / 2 ** 20).toFixed(0)} MiB before reading)   targets < 5 s, < 400 MiB`);
for (const u of updates) {
  console.log(`change of ${String(u.k).padStart(4)} entities into an overlay: built in ${u.buildMs.toFixed(1)} ms (baseline: a full build, ${(buildMs / 1000).toFixed(1)} s); `
    + `interactive queries through both layers p50 ${ms3(u.p50)} ms, p99 ${ms3(u.p99)} ms; unchanged entities' alerts kept ${u.alertsKept}/2000`);
}
console.log(`batch queries: ${queries.length} (40% real names respelled, 30% synthetic names respelled, 30% unlisted word combinations); limit 10, alert >= ${DEFAULT_THRESHOLD}`);
console.log('');
console.log('## batch throughput (every alerting hit searched for, weaker hits as met: `screen --input`, API jobs)');
console.log(`${WORKERS} worker threads: ${qps(two).toFixed(0)} queries/s (${(two.ms / 1000).toFixed(2)} s; start-up ${(two.startupMs / 1000).toFixed(2)} s not counted; ${two.alerts} alerting hits)   target >= 10000 q/s`);
console.log(`  baseline, 1 worker thread: ${qps(one).toFixed(0)} queries/s: ${WORKERS} workers scale ${(qps(two) / qps(one)).toFixed(2)}x`);
console.log(`  with the closest match searched for too (interactive mode; \`--closest\`), ${WORKERS} workers: ${qps(twoInteractive).toFixed(0)} queries/s`);
console.log(`  ${availableParallelism()} cores; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end (other processes share the cores)`);
console.log('');
console.log(`## single query, main thread (${LATENCY_QUERIES} queries after ${LATENCY_QUERIES} warm-up queries)`);
console.log(`batch mode:       p50 ${ms3(warmBatch.p50)} ms, p99 ${ms3(warmBatch.p99)} ms, max ${warmBatch.max.toFixed(2)} ms, mean ${ms3(warmBatch.mean)} ms   target p99 < 5 ms`);
console.log(`interactive mode: p50 ${ms3(warmInteractive.p50)} ms, p99 ${ms3(warmInteractive.p99)} ms, max ${warmInteractive.max.toFixed(2)} ms, mean ${ms3(warmInteractive.mean)} ms   target p99 < 5 ms`);
console.log(`cold (interactive, the same queries first thing after the build): p50 ${ms3(cold.p50)} ms, p99 ${ms3(cold.p99)} ms, max ${cold.max.toFixed(2)} ms`);
const fmtWork = (w: Work) => `candidates mean ${w.candidates.toFixed(0)} (max ${w.maxCandidates} of ${index.size} names), postings walked ${w.postings.toFixed(0)}, probed ${w.probed.toFixed(0)}, aligned ${w.scored.toFixed(1)}, weak rounds left out ${w.capped}`;
console.log(`work per query (2,000 queries): batch ${fmtWork(workBatch)}`);
console.log(`                                interactive ${fmtWork(workInteractive)}`);
console.log(`against the exhaustive search (${AGREEMENT_QUERIES} queries, ${agreeInteractive.ms.toFixed(2)} ms/query): alerting hits agree ${agreeBatch.alerts}/${AGREEMENT_QUERIES} (batch), ${agreeInteractive.alerts}/${AGREEMENT_QUERIES} (interactive); same top score ${agreeInteractive.top}/${AGREEMENT_QUERIES} (interactive), ${agreeBatch.top}/${AGREEMENT_QUERIES} (batch: not searched for below the threshold)`);

// Baselines on subsets.
function timeIt(f: () => void, n: number): number {
  const t = performance.now();
  f();
  return n / ((performance.now() - t) / 1000);
}
const realSlots = entities.flatMap((e) => e.names.map((n) => ({ entity: e.id, name: n.text }))).map((x, slot) => ({ ...x, slot }));
const fuseQs = latencyQueries.slice(0, FUSE_QUERIES);
const tf = performance.now();
const fuse = fuseEngine(realSlots);
const fuseBuild = performance.now() - tf;
const fuseQps = timeIt(() => fuseQs.forEach((q) => fuse.search(q, 10)), fuseQs.length);
const small = new NameIndex();
for (const s of realSlots) small.add(s.entity, s.name);
small.freeze();
const smallQps = timeIt(() => fuseQs.forEach((q) => small.search(q, INTERACTIVE)), fuseQs.length);
console.log('');
console.log('## baselines, single thread, same queries (interactive mode for the names engine)');
console.log(`fuse.js 7.5.0 on the ${realSlots.length} real names only (it scans every name per query): ${fuseQps.toFixed(1)} queries/s over ${fuseQs.length} queries (index ${(fuseBuild / 1000).toFixed(2)} s); names engine on the same subset: ${smallQps.toFixed(0)} queries/s`);
const miniSlots = firstNames.map((x, slot) => ({ ...x, slot }));
const tm = performance.now();
const mini = miniSearchEngine(miniSlots);
const miniBuild = performance.now() - tm;
const miniQs = latencyQueries.slice(0, MINI_QUERIES);
const miniQps = timeIt(() => miniQs.forEach((q) => mini.search(q, 10)), miniQs.length);
const mid = new NameIndex();
for (const s of miniSlots) mid.add(s.entity, s.name);
mid.freeze();
const midQps = timeIt(() => miniQs.forEach((q) => mid.search(q, INTERACTIVE)), miniQs.length);
console.log(`minisearch 7.2.0 on the first ${miniSlots.length} names of the index (real + synthetic): ${miniQps.toFixed(0)} queries/s over ${miniQs.length} queries (index ${(miniBuild / 1000).toFixed(2)} s); names engine on the same subset: ${midQps.toFixed(0)} queries/s`);
console.log(`names engine on all ${index.size} names, single thread, interactive mode: ${(1000 / warmInteractive.mean).toFixed(0)} queries/s`);
