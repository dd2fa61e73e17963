import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';

/**
 * The two general-purpose search libraries the names engine is compared with, configured as
 * one reasonably would for name screening. Each returns entities best first with a score in
 * [0,1] (higher is better) and says whether its own alert rule fires.
 */
export interface BaselineHit {
  entityId: number;
  slot: number;
  score: number;
}

export interface BaselineEngine {
  readonly label: string;
  /** How the library's score is read as an alert, for the printed report. */
  readonly alertRule: string;
  search(query: string, limit: number, excludeSlot?: number): BaselineHit[];
  isAlert(hit: BaselineHit): boolean;
}

interface Doc {
  slot: number;
  entity: number;
  name: string;
}

function stripMarks(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function bestPerEntity(hits: BaselineHit[], limit: number, excludeSlot?: number): BaselineHit[] {
  const seen = new Set<number>();
  const out: BaselineHit[] = [];
  for (const h of hits) {
    if (h.slot === excludeSlot || seen.has(h.entityId)) continue;
    seen.add(h.entityId);
    out.push(h);
    if (out.length === limit) break;
  }
  return out;
}

/** fuse.js 7: Bitap over the whole name, location ignored; similarity = 1 − fuse score. */
export const FUSE_ALERT_SIMILARITY = 0.75;
export function fuseEngine(names: { slot: number; entity: number; name: string }[]): BaselineEngine {
  const docs: Doc[] = names.map((n) => ({ ...n, name: stripMarks(n.name) }));
  const fuse = new Fuse(docs, { keys: ['name'], includeScore: true, ignoreLocation: true, threshold: 0.4, minMatchCharLength: 2 });
  return {
    label: 'fuse.js 7.5.0',
    alertRule: `similarity = 1 - fuse score >= ${FUSE_ALERT_SIMILARITY} (options: threshold 0.4, ignoreLocation, diacritics stripped)`,
    search(query, limit, excludeSlot) {
      const res = fuse.search(stripMarks(query), { limit: limit * 8 + 8 });
      return bestPerEntity(res.map((r) => ({ entityId: r.item.entity, slot: r.item.slot, score: 1 - (r.score ?? 1) })), limit, excludeSlot);
    },
    isAlert: (h) => h.score >= FUSE_ALERT_SIMILARITY,
  };
}

/**
 * minisearch 7: BM25 over words, fuzzy 0.2 and prefix matching, OR. Its scores are unbounded,
 * so a hit is read as an alert when every distinct query term matched (fuzzily) and the
 * name has no more words than the query has plus one; the reported score is the fraction of
 * query terms matched.
 */
export function miniSearchEngine(names: { slot: number; entity: number; name: string }[]): BaselineEngine {
  const ms = new MiniSearch<Doc>({
    fields: ['name'],
    storeFields: ['slot', 'entity', 'name'],
    idField: 'slot',
    processTerm: (t) => stripMarks(t),
    searchOptions: { fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  ms.addAll(names);
  const words = (s: string) => new Set(stripMarks(s).split(/[\s\p{P}]+/u).filter((w) => w !== ''));
  const info = new Map<number, { terms: number; docWords: number }>();
  return {
    label: 'minisearch 7.2.0',
    alertRule: 'every query term matched (fuzzy 0.2, prefix) and the name has at most one word more than the query',
    search(query, limit, excludeSlot) {
      const qTerms = words(query).size || 1;
      const res = ms.search(query);
      const hits = res.map((r) => {
        const slot = r['slot'] as number;
        info.set(slot, { terms: qTerms, docWords: words(r['name'] as string).size });
        return { entityId: r['entity'] as number, slot, score: Math.min(1, r.queryTerms.length / qTerms) };
      });
      return bestPerEntity(hits, limit, excludeSlot);
    },
    isAlert(h) {
      const i = info.get(h.slot);
      return h.score >= 1 && i !== undefined && i.docWords <= i.terms + 1;
    },
  };
}
