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
 * one another. Names are generated straight into the index, not kept.
 *
 * Queries (20,000, seeded): 8,000 real list names respelled (varyName, strength 0.35); 6,000
 * synthetic names drawn from the index respelled; 6,000 unlisted names made of 2 to 4 words of
 * bench/data/negatives.txt. Each query asks what the screener asks: the best 10 entities
 * (limit 10, default minScore), every hit at or above DEFAULT_THRESHOLD searched for
 * (completeFrom), weaker ones as met; scores only (explanations are built on demand, as for a
 * CSV batch output).
 *
 * Reported: build time (adding names + freeze), RSS after build, batch throughput on 2 worker
 * threads that get the index as a snapshot, against 1 worker thread on the same queries (the
 * scaling), single-query latency p50/p99 on the main thread (5,000 queries), how much each
 * query walked, and on 1,000 queries the agreement with the exhaustive search (no pruning:
 * every name the query's keys reach is aligned). Then fuse.js / minisearch throughput on the
 * same queries over subsets they can handle (printed), with the names engine on the same subset.
 */
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_THRESHOLD, NameIndex } from '../src/names/index.js';
import { fuseEngine, miniSearchEngine } from './lib/baselines.js';
import { loadNegatives, loadRealLists } from './lib/lists.js';
import { pick, rng, varyName } from './lib/variants.js';

const TARGET_NAMES = Number(process.env.BENCH_NAMES ?? 1_000_000);
const QUERY_COUNT = 20_000;
const LATENCY_QUERIES = 5_000;
const WORKERS = 2;
const AGREEMENT_QUERIES = 1_000;
const SEARCH = { limit: 10, completeFrom: DEFAULT_THRESHOLD };
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
const queries: string[] = [];
for (let i = 0; i < QUERY_COUNT; i++) {
  const k = i % 10;
  if (k < 4) queries.push(varyName(r, pick(r, realNames), 0.35));
  else if (k < 7) queries.push(varyName(r, pick(r, syntheticSample), 0.35));
  else queries.push(Array.from({ length: 2 + Math.floor(r() * 3) }, () => pick(r, negWords)).join(' '));
}

// Single-query latency on the main thread.
const lat: number[] = [];
for (const q of queries.slice(0, LATENCY_QUERIES)) {
  const t = performance.now();
  index.search(q, SEARCH);
  lat.push(performance.now() - t);
}
lat.sort((a, b) => a - b);
const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
let maxCandidates = 0;
let sumCandidates = 0;
let sumPostings = 0;
let sumProbed = 0;
let sumScored = 0;
let capped = 0;
for (const q of queries.slice(0, 2000)) {
  index.search(q, SEARCH);
  const st = index.lastSearchStats;
  sumCandidates += st.candidates;
  sumPostings += st.postings;
  sumProbed += st.probed;
  sumScored += st.scored;
  if (st.capped) capped++;
  maxCandidates = Math.max(maxCandidates, st.candidates);
}

// Agreement with the exhaustive search, which aligns every name the query's keys reach.
let sameTop = 0;
let sameAlerts = 0;
let exhaustiveMs = 0;
const alerting = (ms: { entityId: number; score: number }[]) => ms.filter((m) => m.score >= DEFAULT_THRESHOLD).map((m) => `${m.entityId}:${m.score.toFixed(6)}`).sort().join(' ');
for (const q of queries.slice(0, AGREEMENT_QUERIES)) {
  const fast = index.search(q, SEARCH);
  const t = performance.now();
  const full = index.search(q, { limit: 10, exhaustive: true });
  exhaustiveMs += performance.now() - t;
  if ((fast[0]?.entityId ?? -1) === (full[0]?.entityId ?? -1) || (fast[0] && full[0] && fast[0].score === full[0].score)) sameTop++;
  if (alerting(fast) === alerting(full)) sameAlerts++;
}

// Batch on worker threads.
const snapshot = index.toSnapshot();
const workerUrl = fileURLToPath(import.meta.url).endsWith('.ts') ? new URL('./lib/screen-worker-boot.mjs', import.meta.url) : new URL('./lib/screen-worker.js', import.meta.url);
interface BatchRun {
  ms: number;
  startupMs: number;
  attach: number[];
  alerts: number;
}

/** All queries through `count` worker threads attached to the snapshot; the clock starts once all are ready. */
async function batch(count: number): Promise<BatchRun> {
  const tw = performance.now();
  const workers = Array.from({ length: count }, () => new Worker(workerUrl, { workerData: { snapshot } }));
  const attach = await Promise.all(workers.map((w) => new Promise<number>((resolve, reject) => {
    w.once('message', (m: { attachMs: number }) => resolve(m.attachMs));
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
      w.postMessage({ seq, queries: queries.slice(seq * CHUNK, (seq + 1) * CHUNK), search: SEARCH });
    };
    for (const w of workers) {
      w.on('message', (m: { top: [number, number][] }) => {
        for (const [, score] of m.top) if (score >= DEFAULT_THRESHOLD) alerts++;
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
  return { ms, startupMs, attach, alerts };
}
const one = await batch(1);
const two = await batch(WORKERS);
const batchMs = two.ms;
const alerts = two.alerts;

console.log('# bench:screen — names engine at a million names');
console.log(`index: ${index.size} names (${realNames.length} real UN + OFAC names, the rest synthetic, seed 20261128), ${entityId} entities`);
console.log(`build: ${(buildMs / 1000).toFixed(2)} s (adding ${(addMs / 1000).toFixed(2)} s, freeze ${((buildMs - addMs) / 1000).toFixed(2)} s)   target < 30 s`);
console.log(`RSS after build: ${(rss / 2 ** 20).toFixed(0)} MiB   target < 1536 MiB`);
console.log(`queries: ${queries.length} (40% real names respelled, 30% synthetic names respelled, 30% unlisted word combinations); limit 10`);
const qps = (r: BatchRun) => queries.length / (r.ms / 1000);
console.log(`batch on ${WORKERS} worker threads: ${qps(two).toFixed(0)} queries/s (${(batchMs / 1000).toFixed(2)} s; worker start-up ${(two.startupMs / 1000).toFixed(2)} s, snapshot attach ${two.attach.map((a) => a.toFixed(1)).join(' / ')} ms, not counted)   target >= 10000 q/s`);
console.log(`  baseline, same queries on 1 worker thread: ${qps(one).toFixed(0)} queries/s (${(one.ms / 1000).toFixed(2)} s): ${WORKERS} workers scale ${(qps(two) / qps(one)).toFixed(2)}x; ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end (other processes share the cores)`);
console.log(`single query (main thread, ${LATENCY_QUERIES} queries): p50 ${pct(0.5).toFixed(3)} ms, p99 ${pct(0.99).toFixed(3)} ms, max ${lat[lat.length - 1]!.toFixed(2)} ms   target p99 < 5 ms`);
console.log(`per query (2,000 queries): candidates touched mean ${(sumCandidates / 2000).toFixed(0)}, max ${maxCandidates} of ${index.size} names; postings walked mean ${(sumPostings / 2000).toFixed(0)}; candidates probed ${(sumProbed / 2000).toFixed(0)}; aligned ${(sumScored / 2000).toFixed(1)}; weak rounds left out ${capped}; top hits alerting (>= ${DEFAULT_THRESHOLD}): ${alerts}`);
console.log(`against the exhaustive search (${AGREEMENT_QUERIES} queries, ${(exhaustiveMs / AGREEMENT_QUERIES).toFixed(2)} ms/query): same top hit (or one with the same score) ${sameTop}/${AGREEMENT_QUERIES}, same alerting hits (entity and score) ${sameAlerts}/${AGREEMENT_QUERIES}`);

// Baselines on subsets.
function timeIt(f: () => void, n: number): number {
  const t = performance.now();
  f();
  return n / ((performance.now() - t) / 1000);
}
const realSlots = entities.flatMap((e) => e.names.map((n) => ({ entity: e.id, name: n.text }))).map((x, slot) => ({ ...x, slot }));
const fuseQs = queries.slice(0, FUSE_QUERIES);
const tf = performance.now();
const fuse = fuseEngine(realSlots);
const fuseBuild = performance.now() - tf;
const fuseQps = timeIt(() => fuseQs.forEach((q) => fuse.search(q, 10)), fuseQs.length);
const small = new NameIndex();
for (const s of realSlots) small.add(s.entity, s.name);
small.freeze();
const smallQps = timeIt(() => fuseQs.forEach((q) => small.search(q, SEARCH)), fuseQs.length);
console.log('');
console.log(`## baselines, single thread, same queries`);
console.log(`fuse.js 7.5.0 on the ${realSlots.length} real names only (it scans every name per query): ${fuseQps.toFixed(1)} queries/s over ${fuseQs.length} queries (index ${(fuseBuild / 1000).toFixed(2)} s); names engine on the same subset: ${smallQps.toFixed(0)} queries/s`);
const miniSlots = firstNames.map((x, slot) => ({ ...x, slot }));
const tm = performance.now();
const mini = miniSearchEngine(miniSlots);
const miniBuild = performance.now() - tm;
const miniQs = queries.slice(0, MINI_QUERIES);
const miniQps = timeIt(() => miniQs.forEach((q) => mini.search(q, 10)), miniQs.length);
const mid = new NameIndex();
for (const s of miniSlots) mid.add(s.entity, s.name);
mid.freeze();
const midQps = timeIt(() => miniQs.forEach((q) => mid.search(q, SEARCH)), miniQs.length);
console.log(`minisearch 7.2.0 on the first ${miniSlots.length} names of the index (real + synthetic): ${miniQps.toFixed(0)} queries/s over ${miniQs.length} queries (index ${(miniBuild / 1000).toFixed(2)} s); names engine on the same subset: ${midQps.toFixed(0)} queries/s`);
console.log(`names engine on all ${index.size} names, single thread: ${(1000 / (lat.reduce((a, b) => a + b, 0) / lat.length)).toFixed(0)} queries/s`);
