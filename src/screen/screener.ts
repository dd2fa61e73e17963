import { DEFAULT_THRESHOLD, type MatchExplanation, NameIndex, type NameIndexSnapshot } from '../names/index.js';
import type { Entity, EntityKind } from '../model/types.js';
import { type ListingPeriod, listingPeriods, periodOn } from '../registry/listings.js';
import type { Repository } from '../store/repository.js';

export interface ScreenOptions {
  /** Day the listing status is asked for, YYYY-MM-DD. */
  asOf: string;
  /** Score at or above which a hit is an alert. */
  threshold?: number;
  /** Most hits per query. */
  limit?: number;
  /** Hits below this score are not reported at all. */
  minScore?: number;
}

export interface ScreenListing {
  jurisdiction: string;
  since: string | null;
  sinceAsStated: string | null;
}

export interface ScreenHit {
  entity: { id: number; name: string; kind: EntityKind; refs: string[] };
  matched_name: string;
  score: number;
  alert: boolean;
  listed: boolean;
  listings: ScreenListing[];
  explanation: MatchExplanation;
}

export interface ScreenResult {
  query: string;
  hits: ScreenHit[];
}

type EntityRow = [id: number, name: string, kind: EntityKind, refs: string[]];

/** Everything a screening worker needs, as plain structured-cloneable data. */
export interface ScreenerSnapshot {
  index: NameIndexSnapshot;
  entities: EntityRow[];
  periods: [number, ListingPeriod[]][];
}

/**
 * Screening over the registry: the names engine finds candidates and scores them; the
 * registry's temporal logic says whether each hit is listed on the day asked about.
 */
export class Screener {
  private constructor(
    private readonly index: NameIndex,
    private readonly entities: Map<number, EntityRow>,
    private readonly periods: Map<number, ListingPeriod[]>,
  ) {}

  static async load(repo: Repository): Promise<Screener> {
    const index = new NameIndex();
    const entityIds = new Set<number>();
    for await (const page of repo.allNames({ registryOnly: true })) {
      for (const n of page) {
        index.add(n.entityId, n.text, n.type);
        entityIds.add(n.entityId);
      }
    }
    index.freeze();
    const entities = new Map<number, EntityRow>();
    for (const e of (await repo.getEntities([...entityIds])).values()) entities.set(e.id, toRow(e));
    const facts = await repo.listFacts({ status: 'accepted', predicate: ['proscribed', 'delisted'] });
    return new Screener(index, entities, listingPeriods(facts));
  }

  static fromSnapshot(s: ScreenerSnapshot): Screener {
    return new Screener(NameIndex.fromSnapshot(s.index), new Map(s.entities.map((e) => [e[0], e])), new Map(s.periods));
  }

  toSnapshot(): ScreenerSnapshot {
    return { index: this.index.toSnapshot(), entities: [...this.entities.values()], periods: [...this.periods] };
  }

  get nameCount(): number {
    return this.index.size;
  }

  screen(query: string, options: ScreenOptions): ScreenResult {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const matches = this.index.search(query, { limit: options.limit ?? 10, minScore: options.minScore ?? Math.min(0.5, threshold) });
    const hits: ScreenHit[] = [];
    for (const m of matches) {
      const row = this.entities.get(m.entityId);
      if (!row) continue;
      const listings = (this.periods.get(m.entityId) ?? [])
        .filter((p) => periodOn([p], options.asOf) !== null)
        .map((p) => ({ jurisdiction: p.jurisdiction, since: p.from === '0000-01-01' ? null : p.from, sinceAsStated: p.fromAsStated }));
      hits.push({
        entity: { id: row[0], name: row[1], kind: row[2], refs: row[3] },
        matched_name: m.matchedName,
        score: round(m.score),
        alert: m.score >= threshold,
        listed: listings.length > 0,
        listings,
        explanation: m.explanation,
      });
    }
    return { query, hits };
  }
}

function toRow(e: Entity): EntityRow {
  return [e.id, e.name, e.kind, e.refs];
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
