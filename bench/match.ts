/**
 * Matching quality on real lists (npm run bench:match).
 *
 * Index: every name of the UN consolidated list (2018-10-29) and the OFAC SDN list (2024-05),
 * parsed by the project's importers, one entity per list entry, each name in the category of
 * its entity's kind (person, organisation, vessel, aircraft).
 *
 * Leave one alias out: for each entity with at least two names, each of its names in turn is
 * left out of the index (NameIndex `exclude`, no rebuild) and used as the query; a hit at
 * rank 1 is the entity itself (recall@1), or within the first five (recall@5). Rank is by
 * score alone, with a low floor (minScore 0.3), whether or not the score would alert.
 *
 * The queries are read several ways, each printed:
 * - all queries, both lists in one index: the definition in the issue, taken literally;
 * - each list on its own (the other list's names left out of the query's candidates): the UN
 *   and OFAC lists name many of the same people and groups as separate entities, so across
 *   lists the entry found first for a name is often the right one of the other list;
 * - queries with a shared key: some content word of the query has the fold or the skeleton of
 *   a word of another name of its entity, or the query is their initials. The others share
 *   nothing a name matcher can use (a kunya for a full name, a nickname, another language);
 * - unambiguous: no other entity of the same list holds a name with the query's folded
 *   content words (a homonym: another person with the same name, or an entry listed twice),
 *   where no matcher can know which entity is meant;
 * - kind-aware: the search restricted to the kind of the query's entity, as an analyst
 *   screening a person screens against people (SearchOptions.categories; `screen --kinds`).
 * Headline: each list on its own, unambiguous queries with a shared key, kind-blind.
 *
 * Negatives: bench/data/negatives.txt (real names on neither list), screened at
 * DEFAULT_THRESHOLD: the number that alert and the highest score; kind-blind, and screened as
 * the kind they are (the file's sections: people against people, organisations against
 * organisations).
 * fuse.js and minisearch answer a deterministic sample of the same queries (every k-th, for
 * about SAMPLE queries: they are slow), both lists in one index and each list on its own, and
 * all negatives; the names engine is reported on the same sample.
 */
import { writeFileSync } from 'node:fs';
import { ENTITY_KINDS, type EntityKind } from '../src/model/types.js';
import { DEFAULT_THRESHOLD, NameIndex, acronymForms, initialsOf, skeletonKey, tokenize } from '../src/names/index.js';
import { TokenClass } from '../src/names/lexicon.js';
import { type BaselineEngine, fuseEngine, miniSearchEngine } from './lib/baselines.js';
import { loadNationalLists, loadNegativesWithKinds, loadRealLists } from './lib/lists.js';

const SAMPLE = 300;
const MIN_SCORE = 0.3;

const t0 = performance.now();
const { entities, un, ofac } = loadRealLists();
const negatives = loadNegativesWithKinds();
const index = new NameIndex();
const slots: { slot: number; entity: number; name: string }[] = [];
/** Entity ids below this are UN entries, the rest OFAC. */
const firstOfac = un;
const listOf = (entity: number) => (entity < firstOfac ? 0 : 1);
const category = (kind: EntityKind) => ENTITY_KINDS.indexOf(kind);
for (const e of entities) for (const n of e.names) slots.push({ slot: index.add(e.id, n.text, n.type, category(e.kind)), entity: e.id, name: n.text });
index.freeze();
const buildMs = performance.now() - t0;

function contentTokens(name: string) {
  return tokenize(name).filter((t) => t.cls !== TokenClass.Particle && t.cls !== TokenClass.Stop && t.cls !== TokenClass.Legal);
}
const signature = (name: string) => contentTokens(name).map((t) => t.fold).sort().join(' ');

// Per list: folded name signature → the entities holding it.
const holders = [new Map<string, Set<number>>(), new Map<string, Set<number>>()];
for (const sl of slots) {
  const m = holders[listOf(sl.entity)]!;
  const sig = signature(sl.name);
  const set = m.get(sig) ?? new Set<number>();
  set.add(sl.entity);
  m.set(sig, set);
}

interface LooQuery {
  slot: number;
  entity: number;
  name: string;
  sharedKey: boolean;
  /** Another entity of the same list holds a name with the same folded content words. */
  homonym: boolean;
}

/** Some content word of the query has the fold or skeleton of a word of the other names, or the query is their initials. */
function hasSharedKey(query: string, others: readonly string[]): boolean {
  const otherFolds = new Set<string>();
  const otherSkeletons = new Set<string>();
  const otherInitials = new Set<string>();
  for (const o of others) {
    const toks = tokenize(o);
    for (const t of toks) {
      otherFolds.add(t.fold);
      otherSkeletons.add(skeletonKey(t.fold));
    }
    for (const i of initialsOf(toks)) otherInitials.add(i);
  }
  return contentTokens(query).some((t) => otherFolds.has(t.fold) || otherSkeletons.has(skeletonKey(t.fold)))
    || (acronymForms(query) ?? []).some((f) => otherInitials.has(f));
}

const queries: LooQuery[] = [];
for (const e of entities) {
  if (e.names.length < 2) continue;
  const first = slots.findIndex((s) => s.entity === e.id);
  const mine = slots.slice(first, first + e.names.length);
  for (const q of mine) {
    const others = mine.filter((o) => o.slot !== q.slot);
    const sharedKey = hasSharedKey(q.name, others.map((o) => o.name));
    const same = holders[listOf(e.id)]!.get(signature(q.name));
    const homonym = same !== undefined && [...same].some((id) => id !== e.id);
    queries.push({ slot: q.slot, entity: q.entity, name: q.name, sharedKey, homonym });
  }
}

interface Tally {
  n: number;
  at1: number;
  at5: number;
}
const tally = (): Tally => ({ n: 0, at1: 0, at5: 0 });
const fmt = (t: Tally, k: 'at1' | 'at5') => (t.n === 0 ? 'n/a' : (t[k] / t.n).toFixed(4));
function count(t: Tally, rank: number): void {
  t.n++;
  if (rank <= 1) t.at1++;
  if (rank <= 5) t.at5++;
}
function rankOf(ids: number[], entity: number): number {
  const i = ids.indexOf(entity);
  return i < 0 ? Infinity : i + 1;
}

/** The cuts, each a tally for every way of searching. */
const CUTS = ['all', 'shared key', 'shared key, unambiguous'] as const;
type Cut = (typeof CUTS)[number];
const inCut = (q: LooQuery, c: Cut) => c === 'all' || (q.sharedKey && (c === 'shared key' || !q.homonym));
const WAYS = ['both lists', 'each list', 'each list, kind-aware'] as const;
type Way = (typeof WAYS)[number];
const table = new Map<string, Tally>();
const cell = (c: Cut, w: Way) => {
  const k = `${c}|${w}`;
  let t = table.get(k);
  if (!t) table.set(k, (t = tally()));
  return t;
};

const step = Math.max(1, Math.ceil(queries.length / SAMPLE));
const sample = queries.filter((_, i) => i % step === 0);
const sampleTable = new Map<string, Tally>();
const sampleCell = (engine: string, c: Cut, w: Way) => {
  const k = `${engine}|${c}|${w}`;
  let t = sampleTable.get(k);
  if (!t) sampleTable.set(k, (t = tally()));
  return t;
};

// BENCH_MATCH_DUMP=FILE writes each query's rank and top hit, to compare two versions query by query.
const dump: string[] | null = process.env.BENCH_MATCH_DUMP ? [] : null;
const missExamples: string[] = [];
let atThreshold = 0;
let maxCandidates = 0;
let sumCandidates = 0;
const tq = performance.now();
queries.forEach((q, qi) => {
  const list = listOf(q.entity);
  const kindMask = 1 << category(entities[q.entity]!.kind);
  const both = index.search(q.name, { limit: 5, minScore: MIN_SCORE, exclude: (s) => s === q.slot });
  const st = index.lastSearchStats;
  sumCandidates += st.candidates;
  maxCandidates = Math.max(maxCandidates, st.candidates);
  const own = index.search(q.name, { limit: 5, minScore: MIN_SCORE, exclude: (s) => s === q.slot || listOf(slots[s]!.entity) !== list });
  const ownKind = index.search(q.name, { limit: 5, minScore: MIN_SCORE, categories: kindMask, exclude: (s) => s === q.slot || listOf(slots[s]!.entity) !== list });
  const ranks: Record<Way, number> = {
    'both lists': rankOf(both.map((r) => r.entityId), q.entity),
    'each list': rankOf(own.map((r) => r.entityId), q.entity),
    'each list, kind-aware': rankOf(ownKind.map((r) => r.entityId), q.entity),
  };
  for (const c of CUTS) {
    if (!inCut(q, c)) continue;
    for (const w of WAYS) {
      count(cell(c, w), ranks[w]);
      if (qi % step === 0) count(sampleCell('names engine', c, w), ranks[w]);
    }
  }
  dump?.push(`${q.name}\t${entities[q.entity]!.ref}\t${ranks['both lists']}\t${both[0]?.matchedName ?? ''}\t${both[0]?.score.toFixed(4) ?? ''}`);
  if (ranks['both lists'] === 1 && both[0]!.score >= DEFAULT_THRESHOLD) atThreshold++;
  if (ranks['each list'] > 1 && q.sharedKey && !q.homonym && missExamples.length < 25 && qi % 7 === 0) {
    const top = own[0];
    missExamples.push(`  ${JSON.stringify(q.name)} (${entities[q.entity]!.ref}) → ${top ? `${JSON.stringify(top.matchedName)} ${top.score.toFixed(3)}` : 'nothing'}; own: ${entities[q.entity]!.names.filter((n) => n.text !== q.name).slice(0, 3).map((n) => JSON.stringify(n.text)).join(', ')}`);
  }
});
const queryMs = performance.now() - tq;

function negativesFor(search: (q: string, kind: EntityKind) => { score: number; alert: boolean; name: string }[]) {
  let alerts = 0;
  let max = 0;
  let maxDesc = '';
  const alerted: string[] = [];
  for (const n of negatives) {
    const top = search(n.name, n.kind)[0];
    if (!top) continue;
    if (top.alert) {
      alerts++;
      alerted.push(`${n.name} → ${top.name} (${top.score.toFixed(3)})`);
    }
    if (top.score > max) {
      max = top.score;
      maxDesc = `${JSON.stringify(n.name)} → ${JSON.stringify(top.name)}`;
    }
  }
  return { alerts, max, maxDesc, alerted };
}
const asMatches = (ms: ReturnType<NameIndex['search']>) => ms.map((m) => ({ score: m.score, alert: m.score >= DEFAULT_THRESHOLD, name: m.matchedName }));
const engineNeg = negativesFor((q) => asMatches(index.search(q, { limit: 1, minScore: 0 })));
const engineNegKind = negativesFor((q, kind) => asMatches(index.search(q, { limit: 1, minScore: 0, categories: 1 << category(kind) })));

const n = (c: Cut) => cell(c, 'both lists').n;
console.log('# bench:match — names engine vs fuse.js and minisearch on real lists');
console.log(`lists: UN 2018-10-29 ${un} entries, OFAC SDN 2024-05 ${ofac} entries; ${slots.length} names indexed in ${(buildMs / 1000).toFixed(2)} s (parsing included)`);
console.log(`leave-one-alias-out queries: ${queries.length} (every name of the ${entities.filter((e) => e.names.length >= 2).length} entities with >= 2 names)`);
console.log(`  with a shared key: ${n('shared key')}; of those unambiguous (no homonym in their list): ${n('shared key, unambiguous')}; without a shared key: ${queries.length - n('shared key')}`);
console.log(`negatives: ${negatives.length} names (${negatives.filter((x) => x.kind === 'person').length} people, ${negatives.filter((x) => x.kind === 'organisation').length} organisations); DEFAULT_THRESHOLD = ${DEFAULT_THRESHOLD}`);
console.log('');
console.log(`## headline: each list on its own, unambiguous queries with a shared key (n=${n('shared key, unambiguous')})`);
console.log(`recall@1 ${fmt(cell('shared key, unambiguous', 'each list'), 'at1')}   target >= 0.90;  recall@5 ${fmt(cell('shared key, unambiguous', 'each list'), 'at5')}`);
console.log(`negatives: ${engineNeg.alerts} alerts kind-blind (highest ${engineNeg.max.toFixed(4)}: ${engineNeg.maxDesc}); ${engineNegKind.alerts} screened as the kind they are (highest ${engineNegKind.max.toFixed(4)}: ${engineNegKind.maxDesc})   target 0`);
for (const a of engineNeg.alerted) console.log(`  alert, kind-blind: ${a}`);
for (const a of engineNegKind.alerted) console.log(`  alert, kind-aware: ${a}`);
console.log('');
console.log('## names engine, every cut: recall@1 / recall@5');
console.log(`${'queries'.padEnd(36)}${WAYS.map((w) => w.padEnd(24)).join('')}`);
for (const c of CUTS) console.log(`${`${c} (n=${n(c)})`.padEnd(36)}${WAYS.map((w) => `${fmt(cell(c, w), 'at1')} / ${fmt(cell(c, w), 'at5')}`.padEnd(24)).join('')}`);
console.log(`rank 1 and alerting (score >= ${DEFAULT_THRESHOLD}), all queries, both lists: ${(atThreshold / queries.length).toFixed(4)}`);
console.log(`${(queryMs / queries.length / 3).toFixed(3)} ms/search; candidates touched per query: mean ${(sumCandidates / queries.length).toFixed(0)}, max ${maxCandidates} of ${index.size} names`);

// The same measures with the national lists (data/lists/national) in the index as well, as the
// product's screening index holds them: UN and OFAC names get the same slots, the national
// entries come after. The UN and OFAC queries must rank and alert as before, the negatives must
// not alert on a national name, and the national entries' own aliases are queries too.
const national = loadNationalLists(entities.length);
const withNational = new NameIndex();
for (const e of entities) for (const n of e.names) withNational.add(e.id, n.text, n.type, category(e.kind));
const nationalSlots: { slot: number; entity: number; name: string }[] = [];
for (const e of national) for (const n of e.names) nationalSlots.push({ slot: withNational.add(e.id, n.text, n.type, category(e.kind)), entity: e.id, name: n.text });
withNational.freeze();
const natTable = new Map<string, Tally>();
const natCell = (c: Cut, w: Way) => {
  const k = `${c}|${w}`;
  let t = natTable.get(k);
  if (!t) natTable.set(k, (t = tally()));
  return t;
};
const nationalEntityOfSlot = new Map(nationalSlots.map((x) => [x.slot, x.entity] as const));
const listOfSlot = (slot: number) => (slot < slots.length ? listOf(slots[slot]!.entity) : 2);
for (const q of queries) {
  const list = listOf(q.entity);
  const kindMask = 1 << category(entities[q.entity]!.kind);
  const both = withNational.search(q.name, { limit: 5, minScore: MIN_SCORE, exclude: (sl) => sl === q.slot });
  const own = withNational.search(q.name, { limit: 5, minScore: MIN_SCORE, exclude: (sl) => sl === q.slot || listOfSlot(sl) !== list });
  const ownKind = withNational.search(q.name, { limit: 5, minScore: MIN_SCORE, categories: kindMask, exclude: (sl) => sl === q.slot || listOfSlot(sl) !== list });
  const ranks: Record<Way, number> = {
    'both lists': rankOf(both.map((r) => r.entityId), q.entity),
    'each list': rankOf(own.map((r) => r.entityId), q.entity),
    'each list, kind-aware': rankOf(ownKind.map((r) => r.entityId), q.entity),
  };
  for (const c of CUTS) if (inCut(q, c)) for (const w of WAYS) count(natCell(c, w), ranks[w]);
}
// Leave one alias out among the national entries themselves, each list on its own (the lists
// name many of the same groups, each as its own entry here).
const natQueries = tally();
const natMisses: string[] = [];
const fileOf = (entity: number) => national[entity - entities.length]!.ref.split(':')[0];
for (const e of national) {
  if (e.names.length < 2) continue;
  const file = fileOf(e.id);
  const mine = nationalSlots.filter((x) => x.entity === e.id);
  for (const q of mine) {
    if (!hasSharedKey(q.name, mine.filter((o) => o.slot !== q.slot).map((o) => o.name))) continue;
    const hits = withNational.search(q.name, {
      limit: 5, minScore: MIN_SCORE, exclude: (sl) => sl === q.slot || !nationalEntityOfSlot.has(sl) || fileOf(nationalEntityOfSlot.get(sl)!) !== file,
    });
    const rank = rankOf(hits.map((h) => h.entityId), e.id);
    count(natQueries, rank);
    dump?.push(`national\t${q.name}\t${e.ref}\t${rank}\t${hits[0]?.matchedName ?? ''}\t${hits[0]?.score.toFixed(4) ?? ''}`);
    if (rank > 1 && natMisses.length < 8) natMisses.push(`  ${JSON.stringify(q.name)} (${e.ref}) → ${hits[0] ? `${JSON.stringify(hits[0].matchedName)} ${hits[0].score.toFixed(3)}` : 'nothing'}`);
  }
}
const natNeg = negativesFor((q) => asMatches(withNational.search(q, { limit: 1, minScore: 0 })));
const natNegKind = negativesFor((q, kind) => asMatches(withNational.search(q, { limit: 1, minScore: 0, categories: 1 << category(kind) })));
console.log('');
console.log(`## with the national lists in the index too: ${national.length} entries of 8 lists, ${nationalSlots.length} names (${withNational.size} in all); baseline: the UN+OFAC index above, same run`);
console.log(`${'queries'.padEnd(36)}${'UN+OFAC index'.padEnd(26)}${'UN+OFAC+national index'.padEnd(26)}`);
for (const c of CUTS) {
  for (const w of WAYS) {
    console.log(`${`${c}, ${w}`.padEnd(36)}${`${fmt(cell(c, w), 'at1')} / ${fmt(cell(c, w), 'at5')}`.padEnd(26)}${`${fmt(natCell(c, w), 'at1')} / ${fmt(natCell(c, w), 'at5')}`.padEnd(26)}`);
  }
}
console.log(`${'negatives alerting, kind-blind'.padEnd(36)}${`${engineNeg.alerts} (highest ${engineNeg.max.toFixed(4)})`.padEnd(26)}${`${natNeg.alerts} (highest ${natNeg.max.toFixed(4)}: ${natNeg.maxDesc})`}`);
console.log(`${'negatives alerting, kind-aware'.padEnd(36)}${`${engineNegKind.alerts} (highest ${engineNegKind.max.toFixed(4)})`.padEnd(26)}${`${natNegKind.alerts} (highest ${natNegKind.max.toFixed(4)}: ${natNegKind.maxDesc})`}`);
for (const a of natNeg.alerted) console.log(`  alert with national names, kind-blind: ${a}`);
console.log(`national entries' own names left out one at a time, with a shared key (n=${natQueries.n}), each national list on its own: recall@1 ${fmt(natQueries, 'at1')}, recall@5 ${fmt(natQueries, 'at5')}`);
for (const m of natMisses) console.log(m);

const baselines: { label: string; alertRule: string; both: BaselineEngine; perList: BaselineEngine[] }[] = [];
if (!process.env.BENCH_NO_BASELINES) {
  const ofList = (l: number) => slots.filter((s) => listOf(s.entity) === l);
  baselines.push({ label: 'fuse.js', alertRule: '', both: fuseEngine(slots), perList: [fuseEngine(ofList(0)), fuseEngine(ofList(1))] });
  baselines.push({ label: 'minisearch', alertRule: '', both: miniSearchEngine(slots), perList: [miniSearchEngine(ofList(0)), miniSearchEngine(ofList(1))] });
}
console.log('');
console.log(`## comparison on a sample: every ${step}th query (${sample.length} queries) and all negatives (kind-blind); recall@1 / recall@5`);
console.log(`${'engine'.padEnd(18)}${CUTS.flatMap((c) => [`${c}, both lists`, `${c}, each list`]).map((h) => h.padEnd(38)).join('')}negatives alerting (highest)`);
const sampleRow = (engine: string) => CUTS.flatMap((c) => (['both lists', 'each list'] as const).map((w) => `${fmt(sampleCell(engine, c, w), 'at1')} / ${fmt(sampleCell(engine, c, w), 'at5')}`.padEnd(38))).join('');
console.log(`${'names engine'.padEnd(18)}${sampleRow('names engine')}${engineNeg.alerts} (${engineNeg.max.toFixed(4)})   alert: score >= ${DEFAULT_THRESHOLD}`);
for (const b of baselines) {
  const tb = performance.now();
  for (const q of sample) {
    const ranks = {
      'both lists': rankOf(b.both.search(q.name, 5, q.slot).map((h) => h.entityId), q.entity),
      'each list': rankOf(b.perList[listOf(q.entity)]!.search(q.name, 5, q.slot).map((h) => h.entityId), q.entity),
    };
    for (const c of CUTS) if (inCut(q, c)) for (const w of ['both lists', 'each list'] as const) count(sampleCell(b.label, c, w), ranks[w]);
  }
  const neg = negativesFor((q) => b.both.search(q, 1).map((h) => ({ score: h.score, alert: b.both.isAlert(h), name: slots[h.slot]!.name })));
  const ms = (performance.now() - tb) / (3 * sample.length + negatives.length);
  console.log(`${b.both.label.padEnd(18)}${sampleRow(b.label)}${neg.alerts} (${neg.max.toFixed(4)})   ${ms.toFixed(1)} ms/query; alert: ${b.both.alertRule}`);
}
console.log('');
console.log('## some misses of the names engine (each list, unambiguous, shared key)');
for (const m of missExamples) console.log(m);
if (dump && process.env.BENCH_MATCH_DUMP) writeFileSync(process.env.BENCH_MATCH_DUMP, `${dump.join('\n')}\n`);
