/**
 * Search for a search box: what an analyst types ("Lashkar", "TTP", "Tahrir") finds the entities
 * whose names hold it, best first, then what merely sounds like it. Screening asks "is this name
 * one of ours?" and ranks by how alike two whole names are; a search box asks "which entities
 * have this word?", so that "Lashkar" lists Lashkar-e-Tayyiba, Lashkar-e-Jhangvi, Lashkar-e-Islam
 * and Lashkar-e-Jhangvi al-Alami before any fuzzy neighbour. Tiers, best first:
 * - `exact`: the whole name, folded (case, accents, transliteration aside);
 * - `word`: every word of the query is a word of the name;
 * - `prefix`: every word of the query begins a word of the name ("Lash", "hizb ut tah");
 * - `acronym`: the query is one of the entity's acronyms or the initials of one of its names (TTP, LeT);
 * - `fuzzy`: the names engine scores the query against the name from 0.6 up.
 * Within a tier: entities listed on the day first, then those on more lists, then shorter names.
 */
import type { Entity, EntityKind } from '../model/types.js';
import { NameIndex, initialsOf, tokenize } from '../names/index.js';
import type { Repository } from '../store/repository.js';
import { lineageEdges } from './lineage.js';
import { listingPeriods } from './listings.js';
import { type ListingView, RegistryStatus } from './status.js';

export const SEARCH_TIERS = ['exact', 'word', 'prefix', 'acronym', 'fuzzy'] as const;
export type SearchTier = (typeof SEARCH_TIERS)[number];

const FUZZY_MIN_SCORE = 0.6;

export interface SearchHit {
  entity: Entity;
  /** The name that matched best. */
  matchedName: string;
  match: SearchTier;
  /** Names-engine score of the query against the matched name (1 for an exact match). */
  score: number;
  /** The entity is in the registry: some fact about it is accepted (else it is known from proposals only). */
  inRegistry: boolean;
  status: 'listed' | 'linked' | 'not-listed';
  listings: ListingView[];
}

interface NameRow {
  entityId: number;
  kind: EntityKind;
  text: string;
  fold: string;
  words: string[];
}

function wordsOf(text: string): string[] {
  return tokenize(text).map((t) => t.fold).filter((f) => f !== '');
}

export class EntitySearch {
  private constructor(
    private readonly names: NameRow[],
    private readonly byWord: Map<string, number[]>,
    private readonly sortedWords: string[],
    private readonly initials: Map<string, number[]>,
    private readonly fuzzy: NameIndex,
    private readonly rowOf: Map<string, number>,
    private readonly entities: Map<number, Entity>,
    private readonly registry: Set<number>,
    private readonly status: RegistryStatus,
  ) {}

  /** Every entity's names (proposals' entities too: an analyst looks for those as well). */
  static async load(repo: Repository): Promise<EntitySearch> {
    const names: NameRow[] = [];
    const byWord = new Map<string, number[]>();
    const initials = new Map<string, number[]>();
    const fuzzy = new NameIndex();
    const rowOf = new Map<string, number>();
    for await (const page of repo.allNames()) {
      for (const n of page) {
        const key = `${n.entityId}\u0000${n.text}`;
        if (rowOf.has(key)) continue;
        const tokens = tokenize(n.text);
        const words = tokens.map((t) => t.fold).filter((f) => f !== '');
        if (words.length === 0) continue;
        const i = names.length;
        rowOf.set(key, i);
        names.push({ entityId: n.entityId, kind: n.kind, text: n.text, fold: words.join(' '), words });
        for (const w of new Set(words)) {
          const list = byWord.get(w);
          if (list) list.push(i);
          else byWord.set(w, [i]);
        }
        const abbreviations = n.type === 'acronym' ? [n.text.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase(), ...initialsOf(tokens)] : initialsOf(tokens);
        for (const a of new Set(abbreviations)) {
          if (a.length < 2) continue;
          const list = initials.get(a);
          if (list) list.push(i);
          else initials.set(a, [i]);
        }
        fuzzy.add(n.entityId, n.text, n.type);
      }
    }
    fuzzy.freeze();
    const registry = new Set<number>();
    for await (const page of repo.allNames({ registryOnly: true })) for (const n of page) registry.add(n.entityId);
    const facts = await repo.listFacts({ status: 'accepted', predicate: ['proscribed', 'delisted'] });
    const lineage = lineageEdges(await repo.listFacts({ status: 'accepted', predicate: ['offshoot_of', 'front_for', 'successor_of'] }));
    const measures = new Map((await repo.lists()).map((l) => [l.id, l.measure] as const));
    const entities = await repo.getEntities([...new Set(names.map((n) => n.entityId))]);
    return new EntitySearch(names, byWord, [...byWord.keys()].sort(), initials, fuzzy, rowOf, entities, registry, new RegistryStatus(listingPeriods(facts), lineage, measures));
  }

  get size(): number {
    return this.names.length;
  }

  /** Names holding a word that begins with `prefix` (binary search over the sorted words). */
  private withPrefix(prefix: string): Set<number> {
    const out = new Set<number>();
    let lo = 0;
    let hi = this.sortedWords.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedWords[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sortedWords.length && this.sortedWords[i]!.startsWith(prefix); i++) {
      for (const n of this.byWord.get(this.sortedWords[i]!)!) out.add(n);
    }
    return out;
  }

  search(query: string, options: { limit?: number; kinds?: readonly EntityKind[]; asOf: string }): SearchHit[] {
    const limit = options.limit ?? 10;
    const words = wordsOf(query);
    if (words.length === 0) return [];
    const fold = words.join(' ');
    const kindOk = (row: NameRow) => !options.kinds || options.kinds.includes(row.kind);
    const best = new Map<number, { tier: number; row: NameRow; score: number }>();
    const offer = (i: number, tier: number, score: number) => {
      const row = this.names[i]!;
      if (!kindOk(row)) return;
      const have = best.get(row.entityId);
      if (!have || tier < have.tier || (tier === have.tier && (score > have.score || (score === have.score && row.text.length < have.row.text.length)))) {
        best.set(row.entityId, { tier, row, score });
      }
    };

    // Names holding every word of the query, whole or as a beginning.
    // A short word (a particle, an initial) is matched whole: as a beginning it would match half the names.
    const sets = words.map((w) => (w.length < 3 ? new Set(this.byWord.get(w) ?? []) : this.withPrefix(w)));
    const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
    for (const i of smallest ?? []) {
      if (!rest.every((s) => s.has(i))) continue;
      const row = this.names[i]!;
      const whole = words.every((w) => row.words.includes(w));
      offer(i, row.fold === fold ? 0 : whole ? 1 : 2, row.fold === fold ? 1 : words.length / row.words.length);
    }
    const compact = query.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
    if (!/\s/.test(query.trim()) && compact.length >= 2 && compact.length <= 8) {
      for (const i of this.initials.get(compact) ?? []) offer(i, 3, 1);
    }
    for (const m of this.fuzzy.search(query, { limit: limit * 3, minScore: FUZZY_MIN_SCORE })) {
      const i = this.rowOf.get(`${m.entityId}\u0000${m.matchedName}`);
      if (i !== undefined) offer(i, 4, m.score);
    }

    const ranked = [...best.entries()].map(([entityId, b]) => {
      const st = this.status.status(entityId, options.asOf);
      return { entityId, ...b, st, lists: new Set(st.listings.map((l) => l.list ?? l.jurisdiction)).size };
    });
    ranked.sort((a, b) => a.tier - b.tier
      || Number(b.st.status === 'listed') - Number(a.st.status === 'listed')
      || b.lists - a.lists
      || b.score - a.score
      || a.row.text.length - b.row.text.length
      || a.row.text.localeCompare(b.row.text));
    return ranked.slice(0, limit).flatMap((r) => {
      const entity = this.entities.get(r.entityId);
      if (!entity) return [];
      return [{
        entity, matchedName: r.row.text, match: SEARCH_TIERS[r.tier]!, score: Math.round(r.score * 1000) / 1000,
        inRegistry: this.registry.has(r.entityId), status: r.st.status, listings: r.st.listings,
      }];
    });
  }
}
