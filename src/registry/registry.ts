import { InputError } from '../errors.js';
import { MEASURES, type Measure } from '../lists/catalogue.js';
import type { Entity, EntityKind, Predicate } from '../model/types.js';
import type { ListRecord, Repository } from '../store/repository.js';
import { lineageEdges } from './lineage.js';
import { listingPeriods, periodOn } from './listings.js';
import { type ListingScope, type ListingView, RegistryStatus, inScope, listingView } from './status.js';

export interface ListingsQuery {
  asOf: string;
  /** A jurisdiction code: its lists (bans by default, see {@link resolveListScope}) and the bans the news reported. */
  jurisdiction?: string;
  /** List ids: exactly these lists. */
  lists?: string[];
  /** Which measures count (default: bans, or every measure of a jurisdiction that bans nothing). */
  measures?: Measure[];
  kinds?: EntityKind[];
}

export interface ListedEntity {
  entity: Entity;
  /** Its listings in force on the day, with the facts each rests on. */
  listings: (ListingView & { facts: number[] })[];
}

export interface LinkedEntity {
  entity: Entity;
  /** First day the link flags it. */
  since: string | null;
  via: { from: number; to: { id: number; name: string; kind: EntityKind }; predicate: Predicate; fact: number }[];
  /** The listings of the listed entity at the chain's end. */
  parentListings: ListingView[];
}

export interface ListingsAnswer {
  asOf: string;
  jurisdiction: string | null;
  /** The lists counted. */
  lists: ListRecord[];
  measures: Measure[];
  /** Whether bans reported by the news (accepted facts of no list) count. */
  reported: boolean;
  /** Lists of the jurisdiction left out by the measure (a watch list, a sanctions list). */
  otherLists: ListRecord[];
  listed: ListedEntity[];
  /** Not listed themselves: offshoots, fronts and successors of a listed entity. */
  linked: LinkedEntity[];
}

export interface ResolvedScope {
  scope: ListingScope;
  lists: ListRecord[];
  measures: Measure[];
  reported: boolean;
  otherLists: ListRecord[];
}

/**
 * What `list --jurisdiction J` counts: J's bans (its ban lists and the bans the news reported)
 * when J bans anything, else every measure of J (the UN and the EU only sanction). `--list`
 * counts exactly those lists, whatever their measure.
 */
export async function resolveListScope(repo: Repository, query: Pick<ListingsQuery, 'jurisdiction' | 'lists' | 'measures'>): Promise<ResolvedScope> {
  const all = await repo.lists();
  if (query.lists?.length) {
    const chosen: ListRecord[] = [];
    for (const id of query.lists) {
      const list = all.find((l) => l.id === id);
      if (!list) throw new InputError(`no list "${id}" in this registry: it has ${all.map((l) => l.id).join(', ') || 'none yet (run proscribe bootstrap)'}`, { field: 'list' });
      if (query.jurisdiction && list.jurisdiction !== query.jurisdiction) {
        throw new InputError(`list ${id} is of jurisdiction ${list.jurisdiction}, not ${query.jurisdiction}`, { field: 'jurisdiction' });
      }
      chosen.push(list);
    }
    const measures = query.measures ?? [...new Set(chosen.map((l) => l.measure))];
    const lists = chosen.filter((l) => measures.includes(l.measure));
    return { scope: { lists: new Set(lists.map((l) => l.id)) }, lists, measures, reported: false, otherLists: chosen.filter((l) => !lists.includes(l)) };
  }
  if (!query.jurisdiction) throw new InputError('give --jurisdiction CODE or --list ID', { field: 'jurisdiction' });
  const ofJurisdiction = all.filter((l) => l.jurisdiction === query.jurisdiction);
  let measures = query.measures;
  if (!measures) {
    const reportedBans = (await repo.listFacts({ status: 'accepted', predicate: 'proscribed', jurisdiction: query.jurisdiction, list: null, limit: 1 })).length > 0;
    measures = ofJurisdiction.some((l) => l.measure === 'ban') || reportedBans || ofJurisdiction.length === 0 ? ['ban'] : [...MEASURES];
  }
  const lists = ofJurisdiction.filter((l) => measures.includes(l.measure));
  return {
    scope: { jurisdictions: new Set([query.jurisdiction]), measures: new Set(measures) },
    lists, measures, reported: measures.includes('ban'), otherLists: ofJurisdiction.filter((l) => !lists.includes(l)),
  };
}

/** The registry on a day: who is listed (on the lists asked about), and who is linked to them through lineage. */
export async function listingsAsOf(repo: Repository, query: ListingsQuery): Promise<ListingsAnswer> {
  const resolved = await resolveListScope(repo, query);
  const facts = await repo.listFacts(query.lists?.length
    ? { status: 'accepted', predicate: ['proscribed', 'delisted'], list: resolved.lists.map((l) => l.id) }
    : { status: 'accepted', predicate: ['proscribed', 'delisted'], jurisdiction: query.jurisdiction! });
  const periods = listingPeriods(facts);
  const lineage = lineageEdges(await repo.listFacts({ status: 'accepted', predicate: ['offshoot_of', 'front_for', 'successor_of'] }));
  const measures = new Map((await repo.lists()).map((l) => [l.id, l.measure] as const));
  const registry = new RegistryStatus(periods, lineage, measures);

  const listedIds: number[] = [];
  const periodsInForce = new Map<number, ListedEntity['listings']>();
  for (const [subjectId, ps] of periods) {
    const inForce = ps.filter((p) => periodOn([p], query.asOf) !== null && inScope(p, resolved.scope, measures));
    if (inForce.length === 0) continue;
    listedIds.push(subjectId);
    periodsInForce.set(subjectId, inForce.map((p) => ({ ...listingView(p, measures), facts: p.proscribedFacts })));
  }
  const linkedStatus = [...lineage.keys()]
    .filter((id) => !periodsInForce.has(id))
    .map((id) => ({ id, linked: registry.status(id, query.asOf, resolved.scope).linked }))
    .filter((x): x is { id: number; linked: NonNullable<typeof x.linked> } => x.linked !== null);

  const entities = await repo.getEntities([...listedIds, ...linkedStatus.flatMap((x) => [x.id, ...x.linked.via.map((h) => h.to)])]);
  const kindOk = (e: Entity | undefined): e is Entity => e !== undefined && (!query.kinds || query.kinds.includes(e.kind));
  const byName = (a: { entity: Entity }, b: { entity: Entity }) => a.entity.name.localeCompare(b.entity.name);
  const listed = listedIds
    .map((id) => ({ entity: entities.get(id), listings: periodsInForce.get(id)! }))
    .filter((x): x is ListedEntity => kindOk(x.entity))
    .sort(byName);
  const linked = linkedStatus
    .map(({ id, linked: l }) => ({
      entity: entities.get(id),
      since: l.since,
      via: l.via.map((h) => {
        const to = entities.get(h.to);
        return { from: h.from, to: { id: h.to, name: to?.name ?? `entity ${h.to}`, kind: to?.kind ?? 'organisation' }, predicate: h.predicate, fact: h.factId };
      }),
      parentListings: l.parentListings,
    }))
    .filter((x): x is LinkedEntity => kindOk(x.entity))
    .sort(byName);
  return {
    asOf: query.asOf, jurisdiction: query.jurisdiction ?? null, lists: resolved.lists, measures: resolved.measures, reported: resolved.reported,
    otherLists: resolved.otherLists, listed, linked,
  };
}

/** The JSON of `proscribe list --format json` and `GET /listings`. */
export function listingsJson(answer: ListingsAnswer) {
  return {
    jurisdiction: answer.jurisdiction,
    asOf: answer.asOf,
    lists: answer.lists.map((l) => ({ id: l.id, title: l.title, jurisdiction: l.jurisdiction, measure: l.measure })),
    measures: answer.measures,
    reported: answer.reported,
    otherLists: answer.otherLists.map((l) => ({ id: l.id, title: l.title, jurisdiction: l.jurisdiction, measure: l.measure })),
    organisations: answer.listed.map((x) => {
      const earliest = [...x.listings].sort((a, b) => (a.since ?? '').localeCompare(b.since ?? ''))[0]!;
      return {
        entity: { id: x.entity.id, name: x.entity.name, kind: x.entity.kind, refs: x.entity.refs },
        since: earliest.since,
        sinceAsStated: earliest.sinceAsStated,
        facts: x.listings.flatMap((l) => l.facts),
        listings: x.listings,
      };
    }),
    linked: answer.linked.map((x) => ({
      entity: { id: x.entity.id, name: x.entity.name, kind: x.entity.kind, refs: x.entity.refs },
      since: x.since,
      via: x.via,
      parentListings: x.parentListings,
    })),
  };
}
