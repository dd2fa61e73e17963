import type { Measure } from '../lists/catalogue.js';
import { type LineageEdge, type LineageHop, MAX_LINEAGE_DEPTH, edgeStart, listedAncestor } from './lineage.js';
import { type ListingOrigin, type ListingPeriod, UNKNOWN_START, periodOn } from './listings.js';

/**
 * Whether an entity is listed on a day, the one answer `screen`, `list`, `entity show`, the API
 * and the UI all give. An entity is *listed* when a period of its own is in force on one of the
 * lists asked about; it is *linked* when it is not listed itself but an offshoot, front or
 * successor of one that is (through accepted lineage facts) — never reported as proscribed
 * itself. A link counts from the later of the parent's listing and the link's own start, so
 * the flag never predates the parent's ban.
 */

/** One listing in force on the day asked about. */
export interface ListingView {
  jurisdiction: string;
  /** The list (`pk-nacta`); null for a ban reported by the news or recorded by an analyst. */
  list: string | null;
  measure: Measure;
  /** First day in force; null when the list gives no date. */
  since: string | null;
  sinceAsStated: string | null;
  programs?: string;
  /** The name the list gives it, where the list's entry was joined to an entity of another name. */
  listedAs?: string;
  /** Where a ban of no list was recorded from: the news, an analyst, an import. */
  origin: ListingOrigin;
}

/** Which listings count: those of any of the lists, or of any of the jurisdictions; of these measures. */
export interface ListingScope {
  lists?: ReadonlySet<string>;
  jurisdictions?: ReadonlySet<string>;
  measures?: ReadonlySet<Measure>;
}

export type ListingStatusWord = 'listed' | 'linked' | 'not-listed';

export interface LinkedStatus {
  /** The chain from the entity to the listed one, nearest first. */
  via: LineageHop[];
  /** The listings of the chain's end that the link rests on. */
  parentListings: ListingView[];
  /** First day the link flags the entity: the later of the parent's listing and each link's start. */
  since: string | null;
}

export interface EntityStatus {
  status: ListingStatusWord;
  listed: boolean;
  listings: ListingView[];
  linked: LinkedStatus | null;
  /** Lineage goes deeper than it is followed: the entity may be linked through a longer chain. */
  depthLimited: boolean;
}

/** A ban reported by the news (no list) is a ban. */
export function measureOf(period: Pick<ListingPeriod, 'list'>, measures: ReadonlyMap<string, Measure>): Measure {
  return period.list === null ? 'ban' : (measures.get(period.list) ?? 'ban');
}

export function inScope(period: ListingPeriod, scope: ListingScope | undefined, measures: ReadonlyMap<string, Measure>): boolean {
  if (!scope) return true;
  const named = scope.lists !== undefined || scope.jurisdictions !== undefined;
  if (named && !(period.list !== null && scope.lists?.has(period.list)) && !scope.jurisdictions?.has(period.jurisdiction)) return false;
  return scope.measures === undefined || scope.measures.has(measureOf(period, measures));
}

export function listingView(p: ListingPeriod, measures: ReadonlyMap<string, Measure>): ListingView {
  return {
    jurisdiction: p.jurisdiction, list: p.list, measure: measureOf(p, measures),
    since: p.from === UNKNOWN_START ? null : p.from, sinceAsStated: p.fromAsStated,
    ...(p.programs ? { programs: p.programs } : {}),
    ...(p.listedAs ? { listedAs: p.listedAs } : {}),
    origin: p.origin,
  };
}

export class RegistryStatus {
  constructor(
    readonly periods: ReadonlyMap<number, readonly ListingPeriod[]>,
    readonly lineage: ReadonlyMap<number, readonly LineageEdge[]>,
    readonly measures: ReadonlyMap<string, Measure>,
  ) {}

  /** The entity's own listings in force on `asOf`, within the scope. */
  listingsOn(entityId: number, asOf: string, scope?: ListingScope): ListingView[] {
    const out: ListingView[] = [];
    for (const p of this.periods.get(entityId) ?? []) {
      if (periodOn([p], asOf) !== null && inScope(p, scope, this.measures)) out.push(listingView(p, this.measures));
    }
    return out;
  }

  status(entityId: number, asOf: string, scope?: ListingScope): EntityStatus {
    const listings = this.listingsOn(entityId, asOf, scope);
    if (listings.length > 0) return { status: 'listed', listed: true, listings, linked: null, depthLimited: false };
    if (!this.lineage.has(entityId)) return { status: 'not-listed', listed: false, listings, linked: null, depthLimited: false };
    const found = listedAncestor(entityId, this.lineage, (id) => this.listingsOn(id, asOf, scope).length > 0, MAX_LINEAGE_DEPTH, asOf);
    if (!found.found) return { status: 'not-listed', listed: false, listings, linked: null, depthLimited: found.depthLimited };
    const parentListings = this.listingsOn(found.via.at(-1)!.to, asOf, scope);
    // The parent's earliest listing in force (undated: since before any day asked about).
    const parentSince = parentListings.some((l) => l.since === null) ? UNKNOWN_START : parentListings.map((l) => l.since!).sort()[0]!;
    const since = [parentSince, ...found.via.map(edgeStart)].sort().at(-1)!;
    return {
      status: 'linked', listed: false, listings, depthLimited: false,
      linked: { via: found.via, parentListings, since: since === UNKNOWN_START ? null : since },
    };
  }

  /** Entities in scope: any period of theirs (in force or not) is, or lineage reaches one whose is. */
  entitiesInScope(scope: ListingScope): Set<number> {
    const inside = new Set<number>();
    for (const [entityId, periods] of this.periods) if (periods.some((p) => inScope(p, scope, this.measures))) inside.add(entityId);
    // Offshoots, fronts and successors of those, downwards through the lineage.
    const children = new Map<number, number[]>();
    for (const [from, edges] of this.lineage) for (const e of edges) children.set(e.to, [...(children.get(e.to) ?? []), from]);
    let frontier = [...inside];
    for (let depth = 0; depth < MAX_LINEAGE_DEPTH && frontier.length; depth++) {
      const next: number[] = [];
      for (const id of frontier) for (const child of children.get(id) ?? []) if (!inside.has(child)) (inside.add(child), next.push(child));
      frontier = next;
    }
    return inside;
  }
}
