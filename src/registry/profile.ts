import type { Decision, Entity, EntityMerge, EntityName, Evidence, Fact, FactStatus, Predicate, Qualifiers } from '../model/types.js';
import { LINEAGE_PREDICATES } from '../model/types.js';
import type { Repository } from '../store/repository.js';
import { type EvidenceExcerpt, evidenceExcerpt } from './evidence-text.js';
import type { Measure } from '../lists/catalogue.js';
import { type LineageEdge, lineageEdges, MAX_LINEAGE_DEPTH } from './lineage.js';
import { type ListingPeriod, listingPeriods, periodOn } from './listings.js';
import { type ListingStatusWord, type ListingView, RegistryStatus, measureOf } from './status.js';

export interface EntityRef {
  id: number;
  name: string;
  kind: Entity['kind'];
}

export interface ProfileEvidence extends Evidence {
  document: { id: number; date: string; url: string | null; title: string | null } | null;
  excerpt: EvidenceExcerpt | null;
}

export interface ProfileFact {
  id: number;
  subject: EntityRef;
  predicate: Predicate;
  object: EntityRef | null;
  objectLiteral: string | null;
  date: string | null;
  qualifiers: Qualifiers;
  confidence: number;
  extractor: string;
  status: FactStatus;
  recordedAt: string;
  evidence: ProfileEvidence[];
  decisions: Decision[];
}

export interface ProfileListing {
  jurisdiction: string;
  /** The list (`pk-nacta`); null for bans reported by the news or recorded by an analyst. */
  list: string | null;
  measure: Measure;
  /** In force on the as-of day. */
  inForce: boolean;
  periods: ListingPeriod[];
}

export interface ProfileLineageEdge {
  predicate: Predicate;
  /** The other end: the parent for `parents`, the offshoot for `children`. */
  entity: EntityRef;
  fact: number;
  status: FactStatus;
}

export interface EntityProfile {
  asOf: string;
  entity: Entity;
  /** Set when the id asked for was merged into `entity`. */
  requestedId: number;
  mergedInto: EntityRef | null;
  merges: EntityMerge[];
  names: EntityName[];
  listings: ProfileListing[];
  /** `listed` itself, `linked` through lineage to a listed entity, or `not-listed`, on the as-of day. */
  status: ListingStatusWord;
  /** Listed itself on the as-of day (an entity linked through lineage is not). */
  listed: boolean;
  /** For a linked entity: the chain to the listed one (else empty). */
  via: { from: number; to: EntityRef; predicate: Predicate; fact: number }[];
  /** For a linked entity: the first day the link flags it, and the listings it rests on. */
  linked: { since: string | null; parentListings: ListingView[] } | null;
  lineage: { parents: ProfileLineageEdge[]; children: ProfileLineageEdge[] };
  facts: ProfileFact[];
}

/**
 * Everything known about one entity, for `entity show`, the API and the UI: its names, each
 * jurisdiction's listing timeline, where it comes from and what came from it, and every fact
 * about it with the sentence it rests on and the decisions taken on it.
 */
export async function entityProfile(repo: Repository, id: number, options: { asOf: string }): Promise<EntityProfile | null> {
  const entity = await repo.getEntity(id);
  if (!entity) return null;
  const facts = await repo.listFacts({ entityId: entity.id });
  const ids = new Set<number>([entity.id]);
  for (const f of facts) {
    ids.add(f.subjectId);
    if (f.objectId !== null) ids.add(f.objectId);
  }
  // Listing through lineage needs the listings of ancestors beyond this entity's own facts.
  const lineageFacts = await repo.listFacts({ status: 'accepted', predicate: [...LINEAGE_PREDICATES] });
  const edges = lineageEdges(lineageFacts);
  const ancestorIds = reachable(entity.id, edges);
  const listingFacts = facts.filter((f) => f.subjectId === entity.id && f.status === 'accepted' && (f.predicate === 'proscribed' || f.predicate === 'delisted'));
  for (const a of ancestorIds) listingFacts.push(...(await repo.listFacts({ status: 'accepted', predicate: ['proscribed', 'delisted'], subjectId: a })));
  ancestorIds.forEach((a) => ids.add(a));
  const entities = await repo.getEntities([...ids]);
  const ref = (eid: number): EntityRef => {
    const e = entities.get(eid);
    return { id: eid, name: e?.name ?? `entity ${eid}`, kind: e?.kind ?? 'organisation' };
  };

  const periods = listingPeriods(listingFacts);
  const measures = new Map((await repo.lists()).map((l) => [l.id, l.measure] as const));
  const own = periods.get(entity.id) ?? [];
  const byList = new Map<string, ListingPeriod[]>();
  for (const p of own) {
    const k = `${p.jurisdiction}\u0000${p.list ?? ''}`;
    byList.set(k, [...(byList.get(k) ?? []), p]);
  }
  const listings = [...byList.values()]
    .map((ps) => ({
      jurisdiction: ps[0]!.jurisdiction, list: ps[0]!.list, measure: measureOf(ps[0]!, measures),
      inForce: periodOn(ps, options.asOf) !== null, periods: ps.sort((a, b) => a.from.localeCompare(b.from)),
    }))
    .sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction) || (a.list ?? '').localeCompare(b.list ?? ''));
  const st = new RegistryStatus(periods, edges, measures).status(entity.id, options.asOf);
  const via: EntityProfile['via'] = st.linked ? st.linked.via.map((h) => ({ from: h.from, to: ref(h.to), predicate: h.predicate, fact: h.factId })) : [];

  const documents = new Map<number, Awaited<ReturnType<Repository['getDocument']>>>();
  const profileFacts: ProfileFact[] = [];
  for (const f of facts) {
    const evidence: ProfileEvidence[] = [];
    for (const ev of f.evidence) {
      let doc = null;
      if (ev.documentId !== null) {
        if (!documents.has(ev.documentId)) documents.set(ev.documentId, await repo.getDocument(ev.documentId));
        doc = documents.get(ev.documentId) ?? null;
      }
      evidence.push({
        ...ev,
        document: doc ? { id: doc.id, date: doc.date, url: doc.url, title: doc.title } : null,
        excerpt: doc ? evidenceExcerpt(doc.text, ev.start, ev.end) : null,
      });
    }
    profileFacts.push({
      id: f.id, subject: ref(f.subjectId), predicate: f.predicate, object: f.objectId === null ? null : ref(f.objectId),
      objectLiteral: f.objectLiteral, date: f.date, qualifiers: f.qualifiers, confidence: f.confidence, extractor: f.extractor,
      status: f.status, recordedAt: f.recordedAt, evidence, decisions: await repo.decisionsOf(f.id),
    });
  }

  // The registry's lineage is what was accepted; a proposed link is in `facts` and the review queue.
  const isLineage = (f: Fact): boolean => LINEAGE_PREDICATES.includes(f.predicate) && f.objectId !== null && f.status === 'accepted' && f.objectId !== f.subjectId;
  const lineage = {
    parents: facts.filter((f) => isLineage(f) && f.subjectId === entity.id).map((f) => edge(f, ref(f.objectId!))),
    children: facts.filter((f) => isLineage(f) && f.objectId === entity.id).map((f) => edge(f, ref(f.subjectId))),
  };

  const merges = await repo.merges();
  const related = merges.filter((m) => m.entityId === id || m.intoId === id || m.entityId === entity.id || m.intoId === entity.id);
  return {
    asOf: options.asOf,
    entity,
    requestedId: id,
    mergedInto: id === entity.id ? null : ref(entity.id),
    merges: related,
    names: await repo.namesOf(entity.id),
    listings,
    status: st.status,
    listed: st.listed,
    via,
    linked: st.linked ? { since: st.linked.since, parentListings: st.linked.parentListings } : null,
    lineage,
    facts: profileFacts,
  };
}

function edge(f: Fact, other: EntityRef): ProfileLineageEdge {
  return { predicate: f.predicate, entity: other, fact: f.id, status: f.status };
}

/** Ids reachable upwards through accepted lineage edges (bounded, cycle-safe). */
function reachable(start: number, edges: ReadonlyMap<number, readonly LineageEdge[]>): number[] {
  const seen = new Set<number>([start]);
  let frontier = [start];
  for (let depth = 0; depth < MAX_LINEAGE_DEPTH && frontier.length; depth++) {
    const next: number[] = [];
    for (const id of frontier) for (const e of edges.get(id) ?? []) if (!seen.has(e.to)) (seen.add(e.to), next.push(e.to));
    frontier = next;
  }
  seen.delete(start);
  return [...seen];
}
