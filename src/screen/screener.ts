import { DEFAULT_THRESHOLD, type MatchExplanation, NameIndex, type NameIndexSnapshot } from '../names/index.js';
import { NameLayers } from './name-layers.js';
import { ENTITY_KINDS, type Entity, type EntityKind } from '../model/types.js';
import type { Measure } from '../lists/catalogue.js';
import { type LineageEdge, type LineageHop, lineageEdges, lineageUpwards } from '../registry/lineage.js';
import { attachSentences } from '../registry/lineage-sentences.js';
import { type ListingPeriod, listingPeriods } from '../registry/listings.js';
import { type ListingScope, type ListingStatusWord, type ListingView, RegistryStatus } from '../registry/status.js';
import type { Repository } from '../store/repository.js';
import { InputError } from '../errors.js';

export interface ScreenOptions {
  /** Day the listing status is asked for, YYYY-MM-DD. */
  asOf: string;
  /** Score at or above which a hit is an alert. */
  threshold?: number;
  /** Most hits per query. */
  limit?: number;
  /** Hits below this score are not reported at all. */
  minScore?: number;
  /** Include each hit's explanation (default true; a batch writing only scores turns it off). */
  explain?: boolean;
  /**
   * Also search for the closest match when nothing alerts (default true). Every alerting hit
   * is found either way; without it, weaker hits are those met on the way, which is what a
   * batch needs and several times faster on a large registry.
   */
  closest?: boolean;
  /** Only hits of these kinds (default: every kind): screen a company against organisations, a crew member against people. */
  kinds?: readonly EntityKind[];
  /**
   * Screen against these lists (ids) and these jurisdictions only: hits are entities ever on one
   * of them, or linked through lineage to one; listings reported are theirs. Default: everything.
   */
  lists?: readonly string[];
  jurisdictions?: readonly string[];
}

/** A listing in force on the as-of day: its list, jurisdiction, kind of measure and start. */
export type ScreenListing = ListingView;

export interface ScreenEntity {
  id: number;
  name: string;
  kind: EntityKind;
  refs: string[];
}

/** One step of the chain through which a hit is banned: the hit (or the previous step) is `predicate` of `entity`. */
export interface ScreenLineageStep {
  entity: ScreenEntity;
  predicate: string;
  fact: number;
  evidence: { documentId: number | null; start: number | null; end: number | null; attribution: string | null; source: string | null } | null;
  /** The sentence of the evidence, where it is a stored document. */
  sentence?: string | null;
  /** The entity this step starts from (the hit, or the previous step's entity). */
  from?: number;
  /** The listings of the last step's entity that make the hit listed. */
  listings?: ScreenListing[];
}

export interface ScreenHit {
  entity: ScreenEntity;
  matched_name: string;
  score: number;
  alert: boolean;
  /** `listed`: itself; `linked`: an offshoot, front or successor of a listed entity (`via`); else `not-listed`. */
  status: ListingStatusWord;
  /** Listed itself on the as-of day (an entity linked through lineage is not). */
  listed: boolean;
  /** The hit's own listings in force on the as-of day. */
  listings: ScreenListing[];
  /** For a linked hit: the chain to the listed entity, whose listings the last step carries. */
  via?: ScreenLineageStep[];
  /** For a linked hit: the first day the link flags it (never before the parent's listing). */
  linked_since?: string | null;
  /** Where the hit comes from: its lineage edges upwards (offshoot of, front for, successor of), listed or not. */
  lineage?: ScreenLineageStep[];
  /** Lineage went deeper than it is followed; the hit may be listed through a longer chain. */
  lineage_depth_limited?: boolean;
  /** Absent only when the caller asked for no explanations. */
  explanation?: MatchExplanation;
}

export interface ScreenResult {
  query: string;
  hits: ScreenHit[];
}

type EntityRow = [id: number, name: string, kind: EntityKind, refs: string[]];

/** Everything a screening worker needs, as plain structured-cloneable data. */
export interface ScreenerSnapshot {
  /** The names of the last full build. */
  index: NameIndexSnapshot;
  /** The names of the entities changed since (absent or null: none), and those entities. */
  overlay?: NameIndexSnapshot | null;
  shadow?: number[];
  entities: EntityRow[];
  periods: [number, ListingPeriod[]][];
  lineage: [number, LineageEdge[]][];
  measures: [string, Measure][];
}

/**
 * Screening over the registry: the names engine finds candidates and scores them; the
 * registry's temporal logic says whether each hit is listed on the day asked about.
 */
export class Screener {
  private readonly registry: RegistryStatus;
  /** Entities in scope of each list/jurisdiction filter asked for, by the filter's key. */
  private readonly scopes = new Map<string, { scope: ListingScope; entities: Set<number> }>();

  private constructor(
    private readonly index: NameLayers,
    private readonly entities: Map<number, EntityRow>,
    private readonly periods: Map<number, ListingPeriod[]>,
    private readonly lineage: Map<number, LineageEdge[]>,
    private readonly measures: Map<string, Measure>,
  ) {
    this.registry = new RegistryStatus(periods, lineage, measures);
  }

  static async load(repo: Repository): Promise<Screener> {
    const index = new NameIndex();
    const entityIds = new Set<number>();
    for await (const page of repo.allNames({ registryOnly: true })) {
      for (const n of page) {
        index.add(n.entityId, n.text, n.type, kindCategory(n.kind));
        entityIds.add(n.entityId);
      }
    }
    index.freeze();
    const facts = await repo.listFacts({ status: 'accepted', predicate: ['proscribed', 'delisted'] });
    const lineage = await loadLineage(repo);
    for (const [from, edges] of lineage) [from, ...edges.map((e) => e.to)].forEach((id) => entityIds.add(id));
    const entities = new Map<number, EntityRow>();
    for (const e of (await repo.getEntities([...entityIds])).values()) entities.set(e.id, toRow(e));
    const measures = new Map((await repo.lists()).map((l) => [l.id, l.measure] as const));
    return new Screener(new NameLayers(index), entities, listingPeriods(facts), lineage, measures);
  }

  /**
   * This screener brought up to the registry as it is now, from the registry version it was
   * built or caught up at, by reading only what changed since (`Repository.changedSince`): the
   * changed entities' names go into an overlay beside the last full build, which leaves their
   * old names out; their listings are read again, lineage and lists whole (both small).
   * Null when a full build is due instead: the change log cannot say what changed, or the
   * overlay would exceed `maxOverlayEntities` (a large import is cheaper built whole).
   */
  async catchUp(repo: Repository, fromVersion: string, maxOverlayEntities = DEFAULT_MAX_OVERLAY_ENTITIES): Promise<Screener | null> {
    const touched = await repo.changedSince(fromVersion);
    if (!touched) return null;
    if (touched.size === 0) return this;
    const changed = new Set([...this.index.shadow, ...touched]);
    if (changed.size > maxOverlayEntities) return null;
    const base = this.index.base;
    const overlay = new NameIndex({ weightsFrom: base });
    for await (const page of repo.allNames({ registryOnly: true, entities: changed })) {
      for (const n of page) overlay.add(n.entityId, n.text, n.type, kindCategory(n.kind));
    }
    overlay.freeze();
    const periods = new Map(this.periods);
    for (const id of changed) periods.delete(id);
    const facts = await repo.listFacts({ status: 'accepted', predicate: ['proscribed', 'delisted'], subjectIds: [...changed] });
    for (const [id, p] of listingPeriods(facts)) periods.set(id, p);
    const lineage = await loadLineage(repo);
    const entities = new Map(this.entities);
    for (const id of changed) entities.delete(id);
    const wanted = new Set<number>(changed);
    for (const [from, edges] of lineage) [from, ...edges.map((e) => e.to)].forEach((id) => { if (!entities.has(id)) wanted.add(id); });
    for (const e of (await repo.getEntities([...wanted])).values()) entities.set(e.id, toRow(e));
    const measures = new Map((await repo.lists()).map((l) => [l.id, l.measure] as const));
    return new Screener(new NameLayers(base, overlay, changed), entities, periods, lineage, measures);
  }

  static fromSnapshot(s: ScreenerSnapshot): Screener {
    const names = NameLayers.fromSnapshot({ base: s.index, overlay: s.overlay ?? null, shadow: s.shadow ?? [] });
    return new Screener(names, new Map(s.entities.map((e) => [e[0], e])), new Map(s.periods), new Map(s.lineage), new Map(s.measures));
  }

  toSnapshot(): ScreenerSnapshot {
    const names = this.index.toSnapshot();
    return {
      index: names.base, ...(names.overlay ? { overlay: names.overlay, shadow: names.shadow } : {}),
      entities: [...this.entities.values()], periods: [...this.periods], lineage: [...this.lineage], measures: [...this.measures],
    };
  }

  /** Names in the overlay of changes since the last full build (0 right after one). */
  get overlayNames(): number {
    return this.index.overlaySize;
  }

  /** Entities changed since the last full build. */
  get changedEntities(): number {
    return this.index.shadowedEntities;
  }

  /** The lists screening knows (ids), for checking a filter. */
  get listIds(): string[] {
    return [...this.measures.keys()];
  }

  get nameCount(): number {
    return this.index.size;
  }

  screen(query: string, options: ScreenOptions): ScreenResult {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const filter = this.scopeOf(options);
    // Every alerting hit is searched for, and the closest match unless told otherwise; other
    // weaker ones are reported as the search meets them. A list filter leaves the names of
    // entities outside it out of the search, so the alerts it finds are complete too.
    const matches = this.index.search(query, {
      limit: options.limit ?? 10, minScore: options.minScore ?? Math.min(0.5, threshold), completeFrom: threshold, bestEffort: options.closest === false,
      ...(options.kinds ? { categories: kindMask(options.kinds) } : {}),
      ...(filter ? { keepEntity: (id: number) => filter.entities.has(id) } : {}),
    });
    const hits: ScreenHit[] = [];
    for (const m of matches) {
      const row = this.entities.get(m.entityId);
      if (!row) continue;
      const st = this.registry.status(m.entityId, options.asOf, filter?.scope);
      const hit: ScreenHit = {
        entity: entityOf(row),
        matched_name: m.matchedName,
        score: round(m.score),
        alert: m.score >= threshold,
        status: st.status,
        listed: st.listed,
        listings: st.listings,
        ...(options.explain === false ? {} : { explanation: m.explanation }),
      };
      if (this.lineage.has(m.entityId)) {
        hit.lineage = lineageUpwards(m.entityId, this.lineage).hops.map((hop) => ({ ...this.step(hop, null), from: hop.from }));
      }
      if (st.linked) {
        const last = st.linked.via.length - 1;
        hit.via = st.linked.via.map((hop, i) => this.step(hop, i === last ? st.linked!.parentListings : null));
        hit.linked_since = st.linked.since;
      } else if (st.depthLimited) {
        hit.lineage_depth_limited = true;
      }
      hits.push(hit);
    }
    return { query, hits };
  }

  /** The entities a list/jurisdiction filter screens against (null: no filter), computed once per filter. */
  private scopeOf(options: ScreenOptions): { scope: ListingScope; entities: Set<number> } | null {
    if (!options.lists?.length && !options.jurisdictions?.length) return null;
    const key = `${[...(options.lists ?? [])].sort().join(',')}|${[...(options.jurisdictions ?? [])].sort().join(',')}`;
    let found = this.scopes.get(key);
    if (!found) {
      const scope: ListingScope = {
        ...(options.lists?.length ? { lists: new Set(options.lists) } : {}),
        ...(options.jurisdictions?.length ? { jurisdictions: new Set(options.jurisdictions) } : {}),
      };
      found = { scope, entities: this.registry.entitiesInScope(scope) };
      this.scopes.set(key, found);
    }
    return found;
  }

  private step(hop: LineageHop, listings: ScreenListing[] | null): ScreenLineageStep {
    const row = this.entities.get(hop.to);
    return {
      entity: row ? entityOf(row) : { id: hop.to, name: `entity ${hop.to}`, kind: 'organisation', refs: [] },
      predicate: hop.predicate,
      fact: hop.factId,
      evidence: hop.evidence,
      sentence: hop.sentence ?? null,
      ...(listings ? { listings } : {}),
    };
  }
}

/** Past this many entities changed since the last full build, a change is built whole instead of into the overlay. */
export const DEFAULT_MAX_OVERLAY_ENTITIES = 2000;

async function loadLineage(repo: Repository): Promise<Map<number, LineageEdge[]>> {
  const lineage = lineageEdges(await repo.listFacts({ status: 'accepted', predicate: ['offshoot_of', 'front_for', 'successor_of'] }));
  await attachSentences(repo, lineage);
  return lineage;
}

/** The names engine's category of an entity kind (its place in ENTITY_KINDS). */
function kindCategory(kind: EntityKind): number {
  return ENTITY_KINDS.indexOf(kind);
}

function kindMask(kinds: readonly EntityKind[]): number {
  let mask = 0;
  for (const k of kinds) mask |= 1 << kindCategory(k);
  return mask;
}

function entityOf(row: EntityRow): ScreenEntity {
  return { id: row[0], name: row[1], kind: row[2], refs: row[3] };
}

function toRow(e: Entity): EntityRow {
  return [e.id, e.name, e.kind, e.refs];
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Refuse a list filter naming a list the registry does not hold (a typo would screen against nothing). */
export function checkListFilter(screener: Screener, lists: readonly string[] | undefined): void {
  const known = new Set(screener.listIds);
  for (const id of lists ?? []) {
    if (!known.has(id)) throw new InputError(`no list "${id}" in this registry: it has ${[...known].sort().join(', ') || 'none yet (run proscribe bootstrap)'}`, { field: 'lists' });
  }
}
