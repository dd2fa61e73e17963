import { dateBounds } from '../model/partial-date.js';
import type { Evidence, Fact, Predicate } from '../model/types.js';
import { LINEAGE_PREDICATES } from '../model/types.js';

/**
 * Lineage: an organisation that is an offshoot, front or successor of a proscribed one is
 * "banned through lineage". Edges run from the subject of an accepted lineage fact to its
 * object (offshoot → parent, front → principal, successor → predecessor).
 */
export interface LineageEdge {
  to: number;
  predicate: Predicate;
  factId: number;
  /** When the link began (a split, a renaming), as the fact gave it; null when not known. */
  date: string | null;
  evidence: Evidence | null;
  /** The sentence the evidence points at, where it points into a stored document. */
  sentence?: string | null;
}

export interface LineageHop extends LineageEdge {
  from: number;
}

/** Longest chain followed before giving up; a deeper chain is reported as not followed. */
export const MAX_LINEAGE_DEPTH = 6;

export type LineageResult =
  | { found: true; via: LineageHop[] }
  | { found: false; depthLimited: boolean };

export function lineageEdges(facts: readonly Fact[]): Map<number, LineageEdge[]> {
  const edges = new Map<number, LineageEdge[]>();
  for (const f of facts) {
    if (f.status !== 'accepted' || !LINEAGE_PREDICATES.includes(f.predicate) || f.objectId === null) continue;
    // After a merge both ends can read as one entity: a group is not its own offshoot.
    if (f.objectId === f.subjectId) continue;
    const list = edges.get(f.subjectId) ?? [];
    list.push({ to: f.objectId, predicate: f.predicate, factId: f.id, date: f.date, evidence: f.evidence[0] ?? null });
    edges.set(f.subjectId, list);
  }
  return edges;
}

/** First day a link can hold: the start of its date, or the earliest day when it has none. */
export function edgeStart(edge: Pick<LineageEdge, 'date'>): string {
  return (edge.date ? dateBounds(edge.date)?.start : null) ?? '0000-01-01';
}

/**
 * The shortest chain of lineage edges from `start` to an entity for which `isListed` holds
 * (breadth first, so cycles end and the nearest listed ancestor wins). With `asOf`, a link that
 * began after that day (an offshoot that split later) is not followed: a group is not banned
 * through a parent it did not have yet.
 */
export function listedAncestor(
  start: number,
  edges: ReadonlyMap<number, readonly LineageEdge[]>,
  isListed: (entityId: number) => boolean,
  maxDepth = MAX_LINEAGE_DEPTH,
  asOf?: string,
): LineageResult {
  const cameFrom = new Map<number, LineageHop | null>([[start, null]]);
  let frontier = [start];
  for (let depth = 0; depth < maxDepth && frontier.length; depth++) {
    const next: number[] = [];
    for (const id of frontier) {
      for (const edge of edges.get(id) ?? []) {
        if (cameFrom.has(edge.to)) continue;
        if (asOf !== undefined && edgeStart(edge) > asOf) continue;
        cameFrom.set(edge.to, { ...edge, from: id });
        if (isListed(edge.to)) {
          const via: LineageHop[] = [];
          for (let hop = cameFrom.get(edge.to); hop; hop = cameFrom.get(hop.from)) via.unshift(hop);
          return { found: true, via };
        }
        next.push(edge.to);
      }
    }
    frontier = next;
  }
  const depthLimited = frontier.some((id) => (edges.get(id) ?? []).some((e) => !cameFrom.has(e.to)));
  return { found: false, depthLimited };
}

/**
 * Every lineage edge reachable upwards from `start` (breadth first, each entity once, so cycles
 * end), nearest first: what a reader needs to see where a group comes from, listed or not.
 */
export function lineageUpwards(
  start: number,
  edges: ReadonlyMap<number, readonly LineageEdge[]>,
  maxDepth = MAX_LINEAGE_DEPTH,
): { hops: LineageHop[]; depthLimited: boolean } {
  const seen = new Set<number>([start]);
  const hops: LineageHop[] = [];
  let frontier = [start];
  for (let depth = 0; depth < maxDepth && frontier.length; depth++) {
    const next: number[] = [];
    for (const id of frontier) {
      for (const edge of edges.get(id) ?? []) {
        hops.push({ ...edge, from: id });
        if (seen.has(edge.to)) continue;
        seen.add(edge.to);
        next.push(edge.to);
      }
    }
    frontier = next;
  }
  const depthLimited = frontier.some((id) => (edges.get(id) ?? []).length > 0);
  return { hops, depthLimited };
}
