/**
 * The cross-list join: one entity per organisation across lists. The UN, OFAC, every national
 * schedule and the Mapping Militants dataset each make their own entity for a group; the join
 * finds the entries that are one organisation and folds them together as recorded merges
 * (reversible with `entity split`), or, where the evidence is not strong enough, proposes the
 * pair as a `same_as` fact for an analyst to accept (which merges them) or reject.
 *
 * Evidence for a pair is what the names engine finds between their names: the best score of any
 * name of one against any name of the other, and whether a primary name takes part (a match that
 * rests on an alias only — the US lists "Al-Anfal Trust" as an alias of Lashkar-e-Tayyiba while
 * Pakistan lists the trust on its own — is weaker). Acronyms and weak aliases are no evidence:
 * "AAB" is both Abdallah Azzam Brigades and Al-Ashtar Brigades.
 *
 * A pair is joined automatically when it is strong (≥ JOIN_THRESHOLD), each entry is the other's
 * best match among the entries of the other's list (mutual best) by a margin, and the two are not
 * already blocked: two entries of one list are never one entity (a list does not list a group
 * twice), a pair an analyst rejected or split is not joined again. Everything else from
 * PROPOSE_THRESHOLD up that is not already decided is proposed.
 */
import type { EntityKind } from '../model/types.js';
import { NameIndex, foldName, jaroWinkler } from '../names/index.js';
import { listIdOfRefPrefix } from '../lists/catalogue.js';
import type { RawEntity, Repository } from '../store/repository.js';

export const JOIN_THRESHOLD = 0.9;
export const PROPOSE_THRESHOLD = 0.85;
/** Mutual best must win over the runner-up of the same list by this much. */
const MARGIN = 0.02;
export const JOINER = 'importer:join';

/** Sources in the order their entry's name becomes the joined entity's: curated mixed-case names first. */
const ROOT_PRIORITY = ['us-fto', 'gb-proscribed', 'ca-listed', 'au-listed', 'eu-terrorist', 'in-uapa', 'pk-nacta', 'pk-nacta-watch', 'un-sc', 'us-ofac-sdn'];

export interface JoinPair {
  left: { id: number; name: string; source: string };
  right: { id: number; name: string; source: string };
  /** Best score of any name pair. */
  score: number;
  /** Score of the two primary names. */
  primary: number;
  /** The names that agree are not both primary names. */
  viaAlias: boolean;
  /** The names that matched best. */
  names: [string, string];
  decision: 'joined' | 'proposed' | 'skipped';
  /** Why a strong pair was not joined, or why a pair was skipped. */
  reason: string | null;
}

export interface JoinSummary {
  /** Entities taking part (organisations from lists, the lineage dataset and the news). */
  entities: number;
  pairs: number;
  joined: JoinPair[];
  proposed: JoinPair[];
  /** Pairs found but left alone: already one entity, decided before, below the proposal level. */
  skipped: number;
  dryRun: boolean;
}

interface Participant {
  raw: RawEntity;
  /** Where the entry comes from: a list id, `mmp`, another ref prefix, or `local:ID` for an entity of no list. */
  source: string;
}

/** The list (or dataset) a raw entity is an entry of. */
export function sourceOf(e: Pick<RawEntity, 'id' | 'refs'>): string {
  const sources = e.refs.map((ref) => {
    const prefix = ref.slice(0, Math.max(0, ref.indexOf(':')));
    return listIdOfRefPrefix(prefix) ?? prefix;
  });
  if (sources.length === 0) return `local:${e.id}`;
  return [...sources].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0]!;
}

/** Which of two entities (read through merges) a merge keeps: the one with the entry of the better-named source. */
export function keepFirst(a: Pick<RawEntity, 'id' | 'refs'>, b: Pick<RawEntity, 'id' | 'refs'>): boolean {
  return rank(sourceOf(a)) <= rank(sourceOf(b));
}

function rank(source: string): number {
  const i = ROOT_PRIORITY.indexOf(source);
  if (i >= 0) return i;
  if (source === 'mmp') return ROOT_PRIORITY.length + 2;
  if (source.startsWith('local:')) return ROOT_PRIORITY.length + 3;
  return ROOT_PRIORITY.length + 1;
}

interface PairStats {
  a: number;
  b: number;
  /** Best score of any two names. */
  score: number;
  /** Primary name to primary name. */
  pp: number;
  /** A primary name of either to any name of the other. */
  pa: number;
  /** 2: the primary names agree; 1: a primary name agrees with an alias; 0: aliases only. */
  tier: number;
  /** What pairs are ranked by: the tier, then the score that put the pair in it. */
  strength: number;
  /** Similarity of the two whole primary names, for telling apart entries that score alike. */
  tiebreak: number;
  names: [string, string];
}

const key = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** Union-find over participants, seeded with the merges already in force. */
class Clusters {
  private readonly parent = new Map<number, number>();
  private readonly sources = new Map<number, Set<string>>();
  private readonly root = new Map<number, number>();

  constructor(participants: readonly Participant[], rootOf: ReadonlyMap<number, number>) {
    for (const p of participants) {
      const r = rootOf.get(p.raw.id) ?? p.raw.id;
      this.parent.set(p.raw.id, r);
      if (!this.parent.has(r)) this.parent.set(r, r);
      const s = this.sources.get(r) ?? new Set<string>();
      if (!p.source.startsWith('local:')) s.add(p.source);
      this.sources.set(r, s);
      this.root.set(r, r);
    }
  }

  find(id: number): number {
    let r = id;
    while (this.parent.get(r) !== r && this.parent.has(r)) r = this.parent.get(r)!;
    return r;
  }

  /** Lists two clusters share: a list never holds one group twice, so they are not one. */
  shared(a: number, b: number): string[] {
    const sa = this.sources.get(this.find(a)) ?? new Set();
    return [...(this.sources.get(this.find(b)) ?? [])].filter((s) => sa.has(s));
  }

  union(keep: number, other: number): void {
    const rk = this.find(keep);
    const ro = this.find(other);
    this.parent.set(ro, rk);
    const s = this.sources.get(rk)!;
    for (const x of this.sources.get(ro) ?? []) s.add(x);
  }
}

export interface JoinOptions {
  dryRun?: boolean;
  by?: string;
  /** For measuring the rule (bench:join): the score from which a pair is joined. */
  joinThreshold?: number;
}

/**
 * Find entries of different lists that are one organisation; merge the strong pairs and propose
 * the others (see the module comment). One transaction.
 */
export async function joinLists(repo: Repository, options: JoinOptions = {}): Promise<JoinSummary> {
  const by = options.by ?? JOINER;
  const joinThreshold = options.joinThreshold ?? JOIN_THRESHOLD;
  return repo.transaction(async (tx) => {
    const kinds: EntityKind[] = ['organisation'];
    const participants: Participant[] = (await tx.rawEntities(kinds)).map((raw) => ({ raw, source: sourceOf(raw) }));
    const byId = new Map(participants.map((p) => [p.raw.id, p]));
    const summary: JoinSummary = { entities: participants.length, pairs: 0, joined: [], proposed: [], skipped: 0, dryRun: options.dryRun === true };
    if (participants.length < 2) return summary;

    // The names that are evidence: not acronyms ("AAB"), not weak aliases.
    const index = new NameIndex();
    const slotSource: string[] = [];
    const slotOwner: number[] = [];
    const primarySlot = new Map<number, number>();
    const evidenceNames = (p: Participant) => p.raw.names.filter((n) => n.type !== 'acronym' && n.type !== 'weak');
    for (const p of participants) {
      for (const n of evidenceNames(p)) {
        const slot = index.add(p.raw.id, n.text, n.type);
        slotSource.push(p.source);
        slotOwner.push(p.raw.id);
        if (n.type === 'primary' && !primarySlot.has(p.raw.id)) primarySlot.set(p.raw.id, slot);
      }
    }
    index.freeze();

    // Candidates: search from every source but the largest (a pair is found from either side).
    const sizes = new Map<string, number>();
    for (const p of participants) sizes.set(p.source, (sizes.get(p.source) ?? 0) + 1);
    const largest = [...sizes].sort((x, y) => y[1] - x[1])[0]![0];
    const candidates = new Map<string, { a: number; b: number; score: number; names: [string, string] }>();
    for (const p of participants) {
      if (p.source === largest) continue;
      for (const n of evidenceNames(p)) {
        const hits = index.search(n.text, { limit: 8, minScore: PROPOSE_THRESHOLD, exclude: (slot) => slotSource[slot] === p.source });
        for (const h of hits) {
          const k = key(p.raw.id, h.entityId);
          const have = candidates.get(k);
          if (have && have.score >= h.score) continue;
          const [a, b] = p.raw.id < h.entityId ? [p.raw.id, h.entityId] : [h.entityId, p.raw.id];
          candidates.set(k, { a, b, score: h.score, names: a === p.raw.id ? [n.text, h.matchedName] : [h.matchedName, n.text] });
        }
      }
    }

    // Each candidate scored on its primary names: primary to primary (pp), and a primary of one
    // to any name of the other (pa). A match on aliases only ranks below both.
    const restricted = (query: string, owner: number, onlyPrimary: boolean): number => {
      const ps = primarySlot.get(owner);
      if (onlyPrimary && ps === undefined) return 0;
      const [hit] = index.search(query, {
        limit: 1, minScore: 0.3, exclude: onlyPrimary ? (slot) => slot !== ps : (slot) => slotOwner[slot] !== owner,
      });
      return hit?.score ?? 0;
    };
    const primaryOf = (id: number) => byId.get(id)!.raw.names.find((n) => n.type === 'primary')?.text ?? byId.get(id)!.raw.name;
    const pairs = new Map<string, PairStats>();
    for (const [k, c] of candidates) {
      const pp = restricted(primaryOf(c.a), c.b, true);
      const pa = Math.max(pp, restricted(primaryOf(c.a), c.b, false), restricted(primaryOf(c.b), c.a, false));
      const tier = pp >= joinThreshold ? 2 : pa >= joinThreshold ? 1 : 0;
      const score = Math.max(c.score, pa);
      // Between two entries that score alike (`X` and `X (Bangladesh)`), the one whose whole primary name is closer.
      const tiebreak = jaroWinkler(foldName(primaryOf(c.a)), foldName(primaryOf(c.b)));
      pairs.set(k, { a: c.a, b: c.b, score, pp, pa, tier, strength: tier * 10 + (tier === 2 ? pp : tier === 1 ? pa : score), tiebreak, names: c.names });
    }
    summary.pairs = pairs.size;

    // Each entry's best and runner-up among the entries of each other source.
    const best = new Map<string, { first: PairStats | null; second: PairStats | null }>();
    const better = (x: PairStats, y: PairStats | null) => y === null || x.strength > y.strength || (x.strength === y.strength && x.tiebreak > y.tiebreak);
    const note = (id: number, otherSource: string, s: PairStats) => {
      const k = `${id}|${otherSource}`;
      const b = best.get(k) ?? { first: null, second: null };
      if (better(s, b.first)) best.set(k, { first: s, second: b.first });
      else if (better(s, b.second)) best.set(k, { ...b, second: s });
      else best.set(k, b);
    };
    for (const s of pairs.values()) {
      note(s.a, byId.get(s.b)!.source, s);
      note(s.b, byId.get(s.a)!.source, s);
    }
    const mutualBest = (s: PairStats): string | null => {
      for (const [x, y] of [[s.a, s.b], [s.b, s.a]] as const) {
        const { first, second } = best.get(`${x}|${byId.get(y)!.source}`)!;
        if (first !== s) return `${byId.get(x)!.raw.name} matches another entry of ${byId.get(y)!.source} better`;
        if (second && first.strength - second.strength < MARGIN && first.tiebreak - second.tiebreak < MARGIN) {
          const other = second.a === x ? second.b : second.a;
          return `${byId.get(x)!.raw.name} matches another entry of ${byId.get(y)!.source} (${byId.get(other)!.raw.name}) about as well`;
        }
      }
      return null;
    };
    // A list that holds both a group and, separately, a name the other list gives as the group's
    // alias treats them as two organisations (Pakistan lists Jamaat-ud-Dawa apart from LeT).
    const listedApart = (s: PairStats): string | null => {
      if (s.tier !== 1) return null;
      for (const [x, y] of [[s.a, s.b], [s.b, s.a]] as const) {
        const source = byId.get(x)!.source;
        for (const other of pairs.values()) {
          const [c, d] = other.a === y ? [other.b, other.a] : other.b === y ? [other.a, other.b] : [-1, -1];
          if (d !== y || c === x || byId.get(c)?.source !== source) continue;
          if (other.pp >= joinThreshold) return `${source} lists ${byId.get(c)!.raw.name} apart from ${byId.get(x)!.raw.name}`;
        }
      }
      return null;
    };

    // What is decided already: merges in force, merges undone (splits), same_as facts.
    const merges = await tx.merges();
    const rootOf = new Map<number, number>();
    const active = merges.filter((m) => m.undoneAt === null);
    const into = new Map(active.map((m) => [m.entityId, m.intoId]));
    for (const id of into.keys()) {
      let r = id;
      for (let hops = 0; into.has(r) && hops <= into.size; hops++) r = into.get(r)!;
      rootOf.set(id, r);
    }
    const splits = merges.filter((m) => m.undoneAt !== null).map((m) => [m.entityId, m.intoId] as const);
    const decided = new Set<string>();
    for (const f of await tx.listFacts({ predicate: 'same_as' })) {
      const [l, r] = [Number(f.qualifiers.left), Number(f.qualifiers.right)];
      if (l && r) decided.add(key(l, r));
    }

    const clusters = new Clusters(participants, rootOf);
    const ordered = [...pairs.values()].sort((x, y) => y.strength - x.strength || y.score - x.score || x.a - y.a || x.b - y.b);
    const toMerge: { keep: number; other: number; pair: JoinPair }[] = [];
    for (const s of ordered) {
      const left = byId.get(s.a)!;
      const right = byId.get(s.b)!;
      const pair: JoinPair = {
        left: { id: s.a, name: left.raw.name, source: left.source }, right: { id: s.b, name: right.raw.name, source: right.source },
        score: round(s.score), primary: round(s.pp), viaAlias: s.tier < 2, names: s.names, decision: 'skipped', reason: null,
      };
      if (clusters.find(s.a) === clusters.find(s.b)) {
        summary.skipped++;
        continue;
      }
      if (decided.has(key(s.a, s.b))) {
        summary.skipped++;
        continue;
      }
      const split = splits.some(([e, i]) => {
        const ce = clusters.find(e);
        const ci = clusters.find(i);
        const [ca, cb] = [clusters.find(s.a), clusters.find(s.b)];
        return (ce === ca && ci === cb) || (ce === cb && ci === ca);
      });
      if (split) {
        summary.skipped++;
        continue;
      }
      // Both already hold an entry of one list: the list names two organisations (a group and
      // its front, two branches), so they are not one, and not worth an analyst's time either.
      if (clusters.shared(s.a, s.b).length) {
        summary.skipped++;
        continue;
      }
      let reason: string | null = null;
      if (s.tier > 0) {
        reason = listedApart(s) ?? mutualBest(s);
        if (reason === null) {
          const [ra, rb] = [clusters.find(s.a), clusters.find(s.b)];
          const [keep, other] = rank(sourceOf(byId.get(ra)?.raw ?? left.raw)) <= rank(sourceOf(byId.get(rb)?.raw ?? right.raw)) ? [ra, rb] : [rb, ra];
          clusters.union(keep, other);
          pair.decision = 'joined';
          summary.joined.push(pair);
          toMerge.push({ keep, other, pair });
          continue;
        }
      }
      if (s.score < PROPOSE_THRESHOLD) {
        summary.skipped++;
        continue;
      }
      pair.decision = 'proposed';
      pair.reason = reason ?? 'the names agree, but not strongly enough to join without an analyst';
      summary.proposed.push(pair);
    }
    if (options.dryRun) return summary;

    for (const { keep, other, pair } of toMerge) {
      await tx.mergeEntities(keep, other, by, `cross-list join: ${describe(pair)}`);
    }
    for (const pair of summary.proposed) {
      await tx.addFact({
        subjectId: pair.left.id, predicate: 'same_as', objectId: pair.right.id,
        qualifiers: { left: String(pair.left.id), right: String(pair.right.id), left_source: pair.left.source, right_source: pair.right.source, score: String(pair.score) },
        evidence: { source: 'cross-list join', attribution: 'proscribe names engine', quote: `${describe(pair)}. Not joined: ${pair.reason}.` },
        extractor: JOINER, confidence: Math.max(0, Math.min(1, pair.score)),
      });
    }
    return summary;
  });
}

function describe(p: JoinPair): string {
  return `"${p.names[0]}" (${p.left.name}, ${p.left.source}) ~ "${p.names[1]}" (${p.right.name}, ${p.right.source}), score ${p.score}${p.viaAlias ? ` (primary names ${p.primary})` : ''}`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
