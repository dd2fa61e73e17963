/**
 * Matching quality on real lists (npm run bench:match).
 *
 * Index: every name of the UN consolidated list (2018-10-29) and the OFAC SDN list (2024-05),
 * parsed by the project's importers, one entity per list entry.
 *
 * Leave one alias out: for each entity with at least two names, each of its names in turn is
 * excluded from the index (NameIndex `exclude`, no rebuild) and used as the query; a hit at
 * rank 1 is the entity itself (recall@1), or within the first five (recall@5). Rank is by
 * score alone, with a low floor (minScore 0.3), whether or not the score would alert.
 * The queries are also broken down:
 * - trivial: another name of the entity has the same folded content words (OFAC's
 *   `First LAST` reordering of `LAST, First`, case variants);
 * - no shared key: no content word of the query has the fold or skeleton of a word of any
 *   other name of the entity, and it is not their initials. The engine can only find these
 *   through edit-distance or phonetic neighbours, or by luck: mostly unrelated nicknames
 *   (`al-Bija` for `Abd Al-Rahman al-Milad`), a name in another script whose transliteration
 *   shares no skeleton, or numbers.
 * Headline: recall@1 over the queries with a shared key (the complement of the last subset):
 * those a name matcher can be asked to link at all. Printed three ways: strict (the entity
 * itself at rank 1); identical-name aware (or another entity holding the query's very name,
 * which no matcher can tell apart); each list on its own (the other list's names left out:
 * the UN and OFAC lists name many of the same people, so the strict figure also counts as
 * misses the other list's entry for the same person). The all-queries figures follow.
 * Negatives: bench/data/negatives.txt (real names that are on neither list) screened at
 * DEFAULT_THRESHOLD: the number that alert and the highest score.
 * fuse.js and minisearch answer a deterministic sample of the same queries (every k-th, for
 * about SAMPLE queries: they are slow) and all negatives; the names engine is reported on the
 * same sample too.
 */
import { DEFAULT_THRESHOLD, NameIndex, acronymForms, initialsOf, skeletonKey, tokenize } from '../src/names/index.js';
import { TokenClass } from '../src/names/lexicon.js';
import { type BaselineEngine, fuseEngine, miniSearchEngine } from './lib/baselines.js';
import { loadNegatives, loadRealLists } from './lib/lists.js';

const SAMPLE = 300;
const MIN_SCORE = 0.3;

const t0 = performance.now();
const { entities, un, ofac } = loadRealLists();
const negatives = loadNegatives();
const index = new NameIndex();
const slots: { slot: number; entity: number; name: string }[] = [];
/** Entity ids below this are UN entries, the rest OFAC. */
const firstOfac = un;
const listOf = (entity: number) => (entity < firstOfac ? 0 : 1);
for (const e of entities) for (const n of e.names) slots.push({ slot: index.add(e.id, n.text, n.type), entity: e.id, name: n.text });
index.freeze();
const buildMs = performance.now() - t0;

interface LooQuery {
  slot: number;
  entity: number;
  name: string;
  trivial: boolean;
  noSharedKey: boolean;
}

function contentTokens(name: string) {
  return tokenize(name).filter((t) => t.cls !== TokenClass.Particle && t.cls !== TokenClass.Stop && t.cls !== TokenClass.Legal);
}

const signature = (name: string) => contentTokens(name).map((t) => t.fold).sort().join(' ');
const entitiesBySignature = new Map<string, Set<number>>();
for (const sl of slots) {
  const sig = signature(sl.name);
  const set = entitiesBySignature.get(sig) ?? new Set<number>();
  set.add(sl.entity);
  entitiesBySignature.set(sig, set);
}

const queries: LooQuery[] = [];
for (const e of entities) {
  if (e.names.length < 2) continue;
  const first = slots.findIndex((s) => s.entity === e.id);
  const mine = slots.slice(first, first + e.names.length);
  for (const q of mine) {
    const others = mine.filter((o) => o.slot !== q.slot);
    const qTokens = contentTokens(q.name);
    const qSig = qTokens.map((t) => t.fold).sort().join(' ');
    const trivial = others.some((o) => contentTokens(o.name).map((t) => t.fold).sort().join(' ') === qSig);
    const otherFolds = new Set<string>();
    const otherSkeletons = new Set<string>();
    const otherInitials = new Set<string>();
    for (const o of others) {
      const toks = tokenize(o.name);
      for (const t of toks) {
        otherFolds.add(t.fold);
        otherSkeletons.add(skeletonKey(t.fold));
      }
      for (const i of initialsOf(toks)) otherInitials.add(i);
    }
    const shared = qTokens.some((t) => otherFolds.has(t.fold) || otherSkeletons.has(skeletonKey(t.fold)))
      || (acronymForms(q.name) ?? []).some((f) => otherInitials.has(f));
    queries.push({ slot: q.slot, entity: q.entity, name: q.name, trivial, noSharedKey: !shared });
  }
}

interface Tally {
  n: number;
  at1: number;
  at5: number;
}
const tally = (): Tally => ({ n: 0, at1: 0, at5: 0 });
const fmt = (t: Tally, k: 'at1' | 'at5') => (t.n === 0 ? 'n/a' : (t[k] / t.n).toFixed(4));

function rankOf(ids: number[], entity: number): number {
  const i = ids.indexOf(entity);
  return i < 0 ? Infinity : i + 1;
}

/** Rank of the first entity that is the query's own or holds the same name. */
function rankOfAny(ids: number[], q: LooQuery): number {
  const same = entitiesBySignature.get(signature(q.name));
  const i = ids.findIndex((id) => id === q.entity || (same?.has(id) ?? false));
  return i < 0 ? Infinity : i + 1;
}

const step = Math.max(1, Math.ceil(queries.length / SAMPLE));
const sample = queries.filter((_, i) => i % step === 0);

// The names engine on every query.
const all = tally();
const nonTrivial = tally();
const possible = tally();
const possibleAware = tally();
const possiblePerList = tally();
const noKey = tally();
const engineOnSample = tally();
const aware = tally();
const perList = tally();
const engineOnSampleAware = tally();
const missExamples: string[] = [];
let atThreshold = 0;
let maxCandidates = 0;
let sumCandidates = 0;
const tq = performance.now();
queries.forEach((q, qi) => {
  const res = index.search(q.name, { limit: 5, minScore: MIN_SCORE, exclude: (s) => s === q.slot });
  const st = index.lastSearchStats;
  sumCandidates += st.candidates;
  maxCandidates = Math.max(maxCandidates, st.candidates);
  const rank = rankOf(res.map((r) => r.entityId), q.entity);
  const add = (t: Tally) => {
    t.n++;
    if (rank <= 1) t.at1++;
    if (rank <= 5) t.at5++;
  };
  add(all);
  const slotEntity = (sl: number) => slots[sl]!.entity;
  const own = index.search(q.name, { limit: 5, minScore: MIN_SCORE, exclude: (sl) => sl === q.slot || listOf(slotEntity(sl)) !== listOf(q.entity) });
  const rankOwn = rankOf(own.map((r) => r.entityId), q.entity);
  perList.n++;
  if (rankOwn <= 1) perList.at1++;
  if (rankOwn <= 5) perList.at5++;
  const rankAny = rankOfAny(res.map((r) => r.entityId), q);
  aware.n++;
  if (rankAny <= 1) aware.at1++;
  if (rankAny <= 5) aware.at5++;
  if (!q.trivial) add(nonTrivial);
  if (q.noSharedKey) add(noKey);
  else {
    add(possible);
    possibleAware.n++;
    if (rankAny <= 1) possibleAware.at1++;
    if (rankAny <= 5) possibleAware.at5++;
    possiblePerList.n++;
    if (rankOwn <= 1) possiblePerList.at1++;
    if (rankOwn <= 5) possiblePerList.at5++;
  }
  if (qi % step === 0) {
    add(engineOnSample);
    engineOnSampleAware.n++;
    if (rankAny <= 1) engineOnSampleAware.at1++;
    if (rankAny <= 5) engineOnSampleAware.at5++;
  }
  if (rank === 1 && res[0]!.score >= DEFAULT_THRESHOLD) atThreshold++;
  if (rankAny > 1 && !q.noSharedKey && missExamples.length < 25 && qi % 7 === 0) {
    const top = res[0];
    missExamples.push(`  ${JSON.stringify(q.name)} (${entities[q.entity]!.ref}) → ${top ? `${JSON.stringify(top.matchedName)} ${top.score.toFixed(3)}` : 'nothing'}; own: ${entities[q.entity]!.names.filter((n) => n.text !== q.name).slice(0, 3).map((n) => JSON.stringify(n.text)).join(', ')}`);
  }
});
const queryMs = performance.now() - tq;

function negativesFor(search: (q: string) => { score: number; alert: boolean; name: string }[]) {
  let alerts = 0;
  let max = 0;
  let maxDesc = '';
  const alerted: string[] = [];
  for (const n of negatives) {
    const top = search(n)[0];
    if (!top) continue;
    if (top.alert) {
      alerts++;
      alerted.push(`${n} → ${top.name} (${top.score.toFixed(3)})`);
    }
    if (top.score > max) {
      max = top.score;
      maxDesc = `${JSON.stringify(n)} → ${JSON.stringify(top.name)}`;
    }
  }
  return { alerts, max, maxDesc, alerted };
}

const engineNeg = negativesFor((q) => index.search(q, { limit: 1, minScore: 0 }).map((m) => ({ score: m.score, alert: m.score >= DEFAULT_THRESHOLD, name: m.matchedName })));

console.log('# bench:match — names engine vs fuse.js and minisearch on real lists');
console.log(`lists: UN 2018-10-29 ${un} entries, OFAC SDN 2024-05 ${ofac} entries; ${slots.length} names indexed in ${(buildMs / 1000).toFixed(2)} s (parsing included)`);
console.log(`leave-one-alias-out queries: ${queries.length} (every name of the ${entities.filter((e) => e.names.length >= 2).length} entities with >= 2 names)`);
console.log(`  trivial (another name has the same folded words): ${queries.filter((q) => q.trivial).length}`);
console.log(`  no shared key with the entity's other names (inherently impossible except by fuzzy luck): ${queries.filter((q) => q.noSharedKey).length}`);
console.log(`negatives: ${negatives.length} names; DEFAULT_THRESHOLD = ${DEFAULT_THRESHOLD}`);
console.log('');
console.log(`## headline: queries with a shared key (n=${possible.n} of ${all.n}; the other ${noKey.n} share no word, skeleton or initials with any other name of their entity)`);
console.log(`recall@1 ${fmt(possible, 'at1')} strict | ${fmt(possibleAware, 'at1')} identical-name aware | ${fmt(possiblePerList, 'at1')} each list on its own   target >= 0.90`);
console.log(`recall@5 ${fmt(possible, 'at5')} strict | ${fmt(possibleAware, 'at5')} identical-name aware | ${fmt(possiblePerList, 'at5')} each list on its own`);
console.log(`all queries: recall@1 ${fmt(all, 'at1')}  recall@5 ${fmt(all, 'at5')}  (n=${all.n})`);
console.log('');
console.log('## names engine, all queries');
console.log(`recall@1 ${fmt(all, 'at1')}  recall@5 ${fmt(all, 'at5')}  (n=${all.n})`);
console.log(`  each list on its own:    recall@1 ${fmt(perList, 'at1')}  recall@5 ${fmt(perList, 'at5')}  (the other list's names excluded from the query's candidates)`);
console.log(`  identical-name aware:    recall@1 ${fmt(aware, 'at1')}  recall@5 ${fmt(aware, 'at5')}  (n=${aware.n})`);
console.log(`  non-trivial only:        recall@1 ${fmt(nonTrivial, 'at1')}  recall@5 ${fmt(nonTrivial, 'at5')}  (n=${nonTrivial.n})`);
console.log(`  with a shared key:       recall@1 ${fmt(possible, 'at1')}  recall@5 ${fmt(possible, 'at5')}  (n=${possible.n})`);
console.log(`  without a shared key:    recall@1 ${fmt(noKey, 'at1')}  recall@5 ${fmt(noKey, 'at5')}  (n=${noKey.n})`);
console.log(`  rank 1 and alerting (score >= ${DEFAULT_THRESHOLD}): ${(atThreshold / all.n).toFixed(4)}`);
console.log(`  ${(queryMs / queries.length).toFixed(3)} ms/query; candidates touched per query: mean ${(sumCandidates / queries.length).toFixed(0)}, max ${maxCandidates} of ${index.size} names`);
console.log(`negatives: ${engineNeg.alerts} alerts; highest score ${engineNeg.max.toFixed(4)} (${engineNeg.maxDesc})`);
for (const a of engineNeg.alerted) console.log(`  alert: ${a}`);

const baselines: BaselineEngine[] = process.env.BENCH_NO_BASELINES ? [] : [fuseEngine(slots), miniSearchEngine(slots)];
console.log('');
console.log(`## comparison on a sample: every ${step}th query (${sample.length} queries) and all negatives`);
console.log(`names engine      recall@1 ${fmt(engineOnSample, 'at1')}  recall@5 ${fmt(engineOnSample, 'at5')}  identical-name aware ${fmt(engineOnSampleAware, 'at1')}/${fmt(engineOnSampleAware, 'at5')}  negatives alerting ${engineNeg.alerts}, highest ${engineNeg.max.toFixed(4)}  (alert: score >= ${DEFAULT_THRESHOLD})`);
for (const b of baselines) {
  const t = tally();
  const ta = tally();
  const tb = performance.now();
  for (const q of sample) {
    const ids = b.search(q.name, 5, q.slot).map((h) => h.entityId);
    const rank = rankOf(ids, q.entity);
    const rankAny = rankOfAny(ids, q);
    t.n++;
    ta.n++;
    if (rank <= 1) t.at1++;
    if (rank <= 5) t.at5++;
    if (rankAny <= 1) ta.at1++;
    if (rankAny <= 5) ta.at5++;
  }
  const neg = negativesFor((q) => b.search(q, 1).map((h) => ({ score: h.score, alert: b.isAlert(h), name: slots[h.slot]!.name })));
  const ms = (performance.now() - tb) / (sample.length + negatives.length);
  console.log(`${b.label.padEnd(17)} recall@1 ${fmt(t, 'at1')}  recall@5 ${fmt(t, 'at5')}  identical-name aware ${fmt(ta, 'at1')}/${fmt(ta, 'at5')}  negatives alerting ${neg.alerts}, highest ${neg.max.toFixed(4)}  (${ms.toFixed(1)} ms/query; alert: ${b.alertRule})`);
}
console.log('');
console.log('## some misses of the names engine among queries with a shared key');
for (const m of missExamples) console.log(m);
