import type { NameType } from '../model/types.js';
import { NAME_TYPES } from '../model/types.js';
import { CAND_ALIGNED, CAND_SPECIAL, CandidateSearch } from './candidates.js';
import { type BaseRarity, NameIndexBuilder } from './index-builder.js';
import { KeyTable, hashString } from './keytable.js';
import {
  EDIT_MIN_LENGTH, NO_TYPE, type NameIndexSnapshot, SEED_INITIALS, SEED_JOIN, SNAPSHOT_VERSION, decodeChars, isContent,
} from './layout.js';
import { Chains, MAX_QUERY_TOKENS, type Prepared, prepare } from './query.js';
import { sortIndexes } from './index-sort.js';
import { Ranking, typeRank } from './ranking.js';
import { RecordMatcher } from './record-match.js';
import { Aligner, type MatchExplanation, explain } from './scorer.js';
import { type NameToken, acronymForms, bracketsDisagree, nameSegments, tokenize } from './tokens.js';
import { SplitCache, unglue } from './unglue.js';
import { Vocabulary } from './vocabulary.js';

export type { NameIndexSnapshot } from './layout.js';

/**
 * Score at or above which a match raises an alert. Chosen on bench/match.ts: no hard negative
 * of bench/data/negatives.txt reaches it; the closest sit between 0.8 and 0.85, near-misses on
 * one respelled word (`Al Tayer Group` / `Al-Ta'ir Company`) or a name order and role that
 * differ (`Mohammad Hafeez` / `Hafiz Muhammad`). Ranking (recall@k) does not depend on it.
 */
export const DEFAULT_THRESHOLD = 0.85;

/** Default lowest score `search` reports. */
export const DEFAULT_MIN_SCORE = 0.5;

export interface NameMatch {
  entityId: number;
  matchedName: string;
  nameType: NameType | null;
  score: number;
  /** Built on first read (a batch that only needs scores does not pay for it); JSON.stringify includes it. */
  readonly explanation: MatchExplanation;
}

/** What builds a match's explanation: the index that found it. */
interface Explainer {
  explainMatch(query: string, b: Best, matchedName: string): MatchExplanation;
}

/**
 * A match whose explanation is built on first read, from the search that found it. A getter
 * on the class, not a closure per match: a batch makes millions of matches and reads few
 * explanations. To send a match to another thread, copy it with its explanation read.
 */
class LazyMatch implements NameMatch {
  // ES private fields: not own properties, so a spread or a structured clone of a match never
  // drags the index along.
  #cached: MatchExplanation | null = null;
  readonly #source: Explainer;
  readonly #query: string;
  readonly #best: Best;

  constructor(
    readonly entityId: number,
    readonly matchedName: string,
    readonly nameType: NameType | null,
    readonly score: number,
    source: Explainer,
    query: string,
    best: Best,
  ) {
    this.#source = source;
    this.#query = query;
    this.#best = best;
  }

  get explanation(): MatchExplanation {
    return (this.#cached ??= this.#source.explainMatch(this.#query, this.#best, this.matchedName));
  }

  toJSON(): Omit<NameMatch, 'explanation'> & { explanation: MatchExplanation } {
    return { entityId: this.entityId, matchedName: this.matchedName, nameType: this.nameType, score: this.score, explanation: this.explanation };
  }
}

export interface SearchOptions {
  /** Most entities returned (default 10). */
  limit?: number;
  /** Lowest score returned (default {@link DEFAULT_MIN_SCORE}). */
  minScore?: number;
  /** Name slots to leave out, as if they had not been added. */
  exclude?: (slot: number) => boolean;
  /** Only names of these categories (bit c for category c, see NameIndex.add); default: all. */
  categories?: number;
  /**
   * Matches scoring at least this are always found (up to `limit`), and so is the best match
   * (unless `bestEffort`); weaker ones are those met while searching for them, which on a
   * large index may be fewer than `limit` and is much faster. Default: `minScore` (the `limit`
   * best matches). Screening passes its alert threshold: every alerting match is found.
   */
  completeFrom?: number;
  /**
   * Search only for the matches from `completeFrom` on; weaker ones are reported as met on
   * the way, and the best match is not searched for when it is weaker. What a batch needs: it
   * is complete where it alerts, and spends nothing on proving the best of the rest.
   */
  bestEffort?: boolean;
  /**
   * No pruning: every name the query's keys reach is aligned. The reference the benchmarks
   * and tests check the pruned search against; slow on a large index.
   */
  exhaustive?: boolean;
}

/** What the last `search` did: how many stored names it touched and fully scored. */
export interface SearchStats {
  /** Name readings reached through postings of the query's keys. */
  candidates: number;
  /** Candidates aligned token by token (the shortlist). */
  scored: number;
  /** Posting-list entries walked to reach the candidates. */
  postings: number;
  /** Candidates whose own tokens were looked at (a bound tighter than the postings give). */
  probed: number;
  /** A round below the complete level was left out as too costly (see SearchOptions.completeFrom). */
  capped: boolean;
}

/** The threshold of the search round between completeFrom and minScore. */
const MIDDLE_ROUND_THRESHOLD = 0.7;
/**
 * A search round below the complete level (see SearchOptions.completeFrom) is left out when it
 * would walk more postings than this: it could only find hits weaker than the complete level.
 */
const WEAK_ROUND_POSTINGS = 30_000;
/** Alternatives not needed to reach candidates are walked over them anyway (to tighten bounds), up to this many postings per candidate. */
const UPDATE_WALK_PER_CANDIDATE = 4;
const UPDATE_WALK_MIN = 64;
/** Entries with at most this many postings to walk are always walked (see chooseEntries). */
const CHEAP_ENTRY = 32;
/** bracketLimit: the record may not match this query reading. */
const SKIP = -1;
const NO_LIMIT = 2;
/** Highest score of two names alike but for brackets that name different places or branches: shown, never an alert. */
const QUALIFIED_CAP = 0.8;
/** Similarity given to an acronym query whose letters are a name's initials. */
const INITIALS_SIMILARITY = 0.86;
/** Slack for float32 record weights at the edges of weight windows. */
const WINDOW_EPSILON = 1e-5;

interface Best {
  slot: number;
  /** typeRank of the slot's name type. */
  type: number;
  rec: number;
  score: number;
  prepared: Prepared;
  initials: number | null;
  segText: string;
  /** The two names' brackets name different places or branches: the score is held at QUALIFIED_CAP at most. */
  qualified: boolean;
}

/**
 * An in-memory index of names for screening and entity resolution.
 *
 * Each added name becomes a slot; each reading of it (the whole name, and the parts outside
 * and inside brackets) a record of folded-token ids. `freeze` lays them out in flat typed
 * arrays (index-builder.ts). A query's words are matched to vocabulary words first (a few
 * key look-ups each, vocabulary.ts), then only records holding those words are touched —
 * never every name.
 *
 * A record's score is a weighted Dice coefficient over aligned tokens (scorer.ts), so bounds
 * are cheap: a record of weight w holding only the query tokens of a set T scores at most
 * (Σq + min(w, Σn)) / (U + w) over T. The search uses them three ways: only the weight window
 * of records that can reach the threshold is read (one id range, records being numbered by
 * weight); only the tokens needed for a record to reach it walk their postings; and candidates
 * are aligned best bound first, until none left can beat the limit-th best entity. Thresholds
 * fall in rounds, so a query with strong matches stops early.
 */
export class NameIndex implements Explainer {
  /** Collects the names until freeze(). */
  private builder: NameIndexBuilder | null;

  // Frozen state.
  private s: NameIndexSnapshot | null = null;
  private vocab!: Vocabulary;
  private initialsT!: KeyTable;
  private joinsT!: KeyTable;
  private matcher!: RecordMatcher;
  // Per-query scratch, made on first search.
  private cands: CandidateSearch | null = null;
  private readonly chains = new Chains();
  private readonly aligner = new Aligner();
  private readonly explainAligner = new Aligner();
  private readonly explainChains = new Chains();
  /** Per candidate number, its estimate; and the candidates to align, best estimate first. */
  private estOf = new Float64Array(256);
  private toAlign = new Int32Array(256);
  private chosen = new Int32Array(256);
  private readonly slackQ = new Float64Array(MAX_QUERY_TOKENS);
  private readonly slackN = new Float64Array(MAX_QUERY_TOKENS);
  private readonly ranking = new Ranking<Best>();
  private readonly stats: SearchStats = { candidates: 0, scored: 0, postings: 0, probed: 0, capped: false };
  /** Entry selection scratch: entries to order, and those left out (count in droppedCount). */
  private order = new Int32Array(256);
  private gainScratch = new Float64Array(256);
  private readonly nextStep = new Int32Array(MAX_QUERY_TOKENS);
  private dropped = new Int32Array(256);
  private droppedCount = 0;

  /**
   * `weightsFrom`: a frozen index this one is searched beside (an overlay of recent changes);
   * words are weighed by their rarity across both, so the two indexes' scores compare.
   */
  constructor(options: { weightsFrom?: NameIndex } = {}) {
    this.builder = new NameIndexBuilder(options.weightsFrom ? options.weightsFrom.rarity() : null);
    this.weightsFrom = options.weightsFrom ?? null;
  }

  /** The larger index this one is an overlay of: query words it alone knows weigh what it says. */
  private weightsFrom: NameIndex | null;
  private readonly knownWeight = (token: NameToken): number | null => this.weightsFrom?.rarityWeightOf(token) ?? null;

  /** Weigh query words this index does not know by `base` (an overlay read back from a snapshot). */
  weighBeside(base: NameIndex): this {
    this.weightsFrom = base;
    return this;
  }

  /** The rarity × class weight of the stored word a query word matches well, or null when none does. */
  rarityWeightOf(token: NameToken): number | null {
    const s = this.frozenState();
    const top = this.vocab.alternatives(token)[0];
    return top && top.sim >= 0.8 ? s.vocabW[top.v]! : null;
  }

  get size(): number {
    return this.s ? this.s.slotCount : this.builder!.size;
  }

  /** This index's rarity counts, for an overlay built beside it. */
  rarity(): BaseRarity {
    const s = this.frozenState();
    const vocab = this.vocab;
    return {
      slotCount: s.slotCount,
      documentFrequency: (fold: string) => {
        const v = vocab.findExact(fold);
        return v < 0 ? 0 : s.vocabDf[v]!;
      },
    };
  }

  get frozen(): boolean {
    return this.s !== null;
  }

  get lastSearchStats(): SearchStats {
    return { ...this.stats };
  }

  /**
   * Adds a name of an entity; returns its slot id (consecutive from 0). `category` (0 to 31)
   * is what SearchOptions.categories can restrict a search to.
   */
  add(entityId: number, name: string, nameType?: NameType, category = 0): number {
    if (!this.builder) throw new Error('NameIndex.add after freeze()');
    return this.builder.add(entityId, name, nameType, category);
  }

  /** Builds postings, key tables and weights; the index is read-only afterwards. */
  freeze(): void {
    if (this.s) return;
    const snapshot = this.builder!.build();
    this.builder = null;
    this.attach(snapshot);
  }

  private attach(s: NameIndexSnapshot): void {
    this.s = s;
    this.vocab = new Vocabulary(s);
    this.splits.clear();
    this.initialsT = new KeyTable(s.initials);
    this.joinsT = new KeyTable(s.joins);
    this.matcher = new RecordMatcher(s, this.vocab);
  }

  toSnapshot(): NameIndexSnapshot {
    if (!this.s) this.freeze();
    return this.s!;
  }

  static fromSnapshot(s: NameIndexSnapshot): NameIndex {
    if (s.version !== SNAPSHOT_VERSION) throw new Error(`unsupported name index snapshot version ${String(s.version)}`);
    const index = new NameIndex();
    index.builder = null;
    index.attach(s);
    return index;
  }

  /** The stored name of a slot. */
  nameOf(slot: number): string {
    const s = this.frozenState();
    return decodeChars(s.nameChars, s.nameOff[slot]!, s.nameOff[slot + 1]!);
  }

  entityOf(slot: number): number {
    return this.frozenState().slotEntity[slot]!;
  }

  private frozenState(): NameIndexSnapshot {
    if (!this.s) this.freeze();
    return this.s!;
  }

  /**
   * The best-scoring stored name of each entity that matches the query, best first. Token
   * weights, alignment and the score are explained in each match.
   */
  search(query: string, opts: SearchOptions = {}): NameMatch[] {
    const s = this.frozenState();
    this.cands ??= new CandidateSearch(s);
    const limit = opts.limit ?? 10;
    const minScore = opts.minScore ?? DEFAULT_MIN_SCORE;
    const st = this.stats;
    st.candidates = st.scored = st.postings = st.probed = 0;
    st.capped = false;
    if (limit <= 0) return [];
    const floor = Math.max(0.05, minScore);
    const exhaustive = opts.exhaustive === true;
    const ranking = this.ranking.reset(limit, floor, exhaustive ? -Infinity : Math.max(floor, opts.completeFrom ?? floor));
    this.query = query;
    this.queryBracketed = /[([]/.test(query);
    this.disagreeing.clear();
    for (const segText of nameSegments(query)) {
      const qtokens = tokenize(segText);
      if (qtokens.length === 0) continue;
      this.searchReading(segText, qtokens.length > MAX_QUERY_TOKENS ? qtokens.slice(0, MAX_QUERY_TOKENS) : qtokens, ranking, opts, exhaustive);
      // A word with an article glued on (`Hizbul`, `Jabhatalnusra`) is read split too.
      const split = unglue(qtokens, this.knownFold, this.splits);
      if (split) this.searchReading(segText, split.length > MAX_QUERY_TOKENS ? split.slice(0, MAX_QUERY_TOKENS) : split, ranking, opts, exhaustive);
    }
    const ranked: Best[] = [];
    for (const b of ranking.best.values()) if (b.score >= minScore) ranked.push(b);
    // Insertion sort: a few dozen hits at most, and no temporary arrays.
    for (let i = 1; i < ranked.length; i++) {
      const x = ranked[i]!;
      let j = i - 1;
      while (j >= 0 && compareBest(ranked[j]!, x) > 0) {
        ranked[j + 1] = ranked[j]!;
        j--;
      }
      ranked[j + 1] = x;
    }
    const out: NameMatch[] = [];
    for (let i = 0; i < ranked.length && i < limit; i++) out.push(this.toMatch(query, ranked[i]!));
    return out;
  }

  private searchReading(segText: string, qtokens: NameToken[], ranking: Ranking<Best>, opts: SearchOptions, exhaustive: boolean): void {
    const s = this.s!;
    const prepared = prepare(this.vocab, s, qtokens, this.weightsFrom ? this.knownWeight : undefined);
    const { U } = prepared;
    const c = this.chains.link(prepared, s);
    const cs = this.cands!;
    cs.begin(c);
    const joinTokens = this.reachSpecials(segText, prepared, cs);
    if (this.chosen.length < c.count) {
      this.chosen = new Int32Array(c.v.length);
      this.order = new Int32Array(c.v.length);
      this.dropped = new Int32Array(c.v.length);
      this.gainScratch = new Float64Array(c.v.length);
    }

    const floor = ranking.floor;
    let theta = ranking.threshold();
    const rounds = exhaustive || opts.bestEffort ? 1 : 3;
    let previous = Infinity;
    for (let round = 0; round < rounds; round++) {
      const step = exhaustive ? floor : round === 0 ? ranking.completeFrom : round === 1 ? MIDDLE_ROUND_THRESHOLD : floor;
      const roundTheta = Math.max(step, theta, floor);
      if (roundTheta >= previous) continue;
      previous = roundTheta;
      // The weights a record can have and still score roundTheta: at most
      // (Σq + min(w, Σn)) / (U + w), and at most (ratio·w + w) / (U + w).
      let a = 0;
      let b = s.recordCount;
      if (!exhaustive) {
        const byRatio = 1 + cs.ratio - roundTheta > 0 ? (roundTheta * U) / (1 + cs.ratio - roundTheta) : Infinity;
        const byGain = roundTheta < 1 ? (roundTheta * U - cs.totalQ) / (1 - roundTheta) : -Infinity;
        const hi = (cs.totalQ + cs.totalN) / roundTheta - U;
        cs.window(Math.max(byRatio, byGain) - WINDOW_EPSILON, hi + WINDOW_EPSILON);
        a = cs.winA;
        b = cs.winB;
      }
      const cost = cs.startRound(a, b);
      const chosen = exhaustive ? this.allEntries(c.count) : this.chooseEntries(cs, c, cost, U, roundTheta);
      // Below the complete level hits are kept as met: a round that would walk too much is not
      // walked (its best hit would be a weak one).
      if (!exhaustive && roundTheta < ranking.completeFrom) {
        let todo = 0;
        for (let x = 0; x < chosen; x++) todo += cost[this.chosen[x]!]!;
        if (todo > WEAK_ROUND_POSTINGS) {
          this.stats.capped = true;
          break;
        }
      }
      for (let x = 0; x < chosen; x++) cs.create(this.chosen[x]!, a, b);
      let restQ = 0;
      let restN = 0;
      if (!exhaustive) {
        this.updateWalks(cs, c, cost, a, b);
        cs.unwalkedGains();
        restQ = cs.restQ;
        restN = cs.restN;
      }
      theta = this.evaluate(roundTheta, theta, prepared, c, cs, ranking, segText, joinTokens, opts, exhaustive, restQ, restN);
      if (theta >= roundTheta) break;
    }
    this.stats.candidates += cs.count;
    this.stats.postings += cs.postingsWalked;
    cs.end();
  }

  /** Records reached by initials (an acronym query) and by the query's joined compounds; returns the query tokens that are such compounds. */
  private reachSpecials(segText: string, p: Prepared, cs: CandidateSearch): number[] | null {
    const { qs } = p;
    let joinTokens: number[] | null = null;
    for (let i = 0; i < qs.length; i++) {
      const t = qs[i]!.token;
      if (!isContent(t) || t.fold.length < EDIT_MIN_LENGTH) continue;
      const g = this.joinsT.find(hashString(t.fold, SEED_JOIN));
      if (g < 0) continue;
      (joinTokens ??= []).push(i);
      for (let x = this.joinsT.offsets[g]!; x < this.joinsT.offsets[g + 1]!; x++) cs.reachSpecial(this.joinsT.values[x]!);
    }
    const acronym = qs.length === 1 ? acronymForms(segText) : null;
    if (acronym) {
      for (const form of acronym) {
        const g = this.initialsT.find(hashString(form, SEED_INITIALS));
        if (g < 0) continue;
        for (let x = this.initialsT.offsets[g]!; x < this.initialsT.offsets[g + 1]!; x++) cs.reachSpecial(this.initialsT.values[x]!);
      }
    }
    this.acronym = acronym;
    return joinTokens;
  }

  private readonly knownFold = (fold: string): boolean => this.vocab.findExact(fold) >= 0;
  /** Glued words' splits for this index's vocabulary (see unglue). */
  private readonly splits = new SplitCache();

  /** The query being searched, whole, and whether it has brackets. */
  private query = '';
  private queryBracketed = false;
  /** Per slot, how its name and the query's name disagree (see bracketsDisagree), for the current query. */
  private readonly disagreeing = new Map<number, 'outer' | 'qualifier' | null>();

  /**
   * What bracketed names that disagree (see bracketsDisagree) allow of record r against a query
   * reading: SKIP a part of either name matching on its own, at most QUALIFIED_CAP for the whole
   * names when their brackets name different places or branches, else NO_LIMIT.
   */
  private bracketLimit(r: number, segText: string): number {
    const s = this.s!;
    const part = s.recSeg[r] !== 0 || segText !== this.query;
    if (!part && !this.queryBracketed) return NO_LIMIT;
    const slot = s.recSlot[r]!;
    let known = this.disagreeing.get(slot);
    if (known === undefined) {
      known = this.queryBracketed ? bracketsDisagree(this.query, this.nameOf(slot)) : null;
      this.disagreeing.set(slot, known);
    }
    if (known === null) return NO_LIMIT;
    return part ? SKIP : known === 'qualifier' ? QUALIFIED_CAP : NO_LIMIT;
  }

  /** The acronym forms of the current query reading (set by reachSpecials). */
  private acronym: string[] | null = null;

  /**
   * Walks entries left out over the candidates, within a budget of postings, to tighten their
   * bounds. A bound counts, per query token, the largest gain among its entries not walked: so
   * a token's entries are walked from the largest gain down (entries of equal gain as one
   * step, which only lowers the bound once all are walked), and of the tokens' next steps the
   * one that lowers the bound most per posting goes first.
   */
  private updateWalks(cs: CandidateSearch, c: Chains, cost: Float64Array, a: number, b: number): void {
    const dropped = this.dropped;
    const n = this.droppedCount;
    if (n === 0) return;
    const gain = this.gainScratch;
    for (let x = 0; x < n; x++) {
      const k = dropped[x]!;
      gain[k] = c.gainQ[k]! + c.gainN[k]!;
    }
    // By token, then gain descending: each token's entries form one run.
    sortIndexes(dropped, n, c.tok, 1, gain, -1);
    const T = c.tokens;
    const next = this.nextStep.fill(-1, 0, T);
    for (let x = n - 1; x >= 0; x--) next[c.tok[dropped[x]!]!] = x;
    let budget = UPDATE_WALK_MIN + UPDATE_WALK_PER_CANDIDATE * cs.count;
    for (;;) {
      let bestToken = -1;
      let bestRatio = 0;
      let bestEnd = 0;
      let bestCost = 0;
      for (let i = 0; i < T; i++) {
        const x = next[i]!;
        if (x < 0) continue;
        // The step: entries x .. end-1 of equal gain; it lowers the token's part of the bound to the next gain.
        const g = gain[dropped[x]!]!;
        let end = x;
        let stepCost = 0;
        while (end < n && c.tok[dropped[end]!] === i && gain[dropped[end]!] === g) stepCost += cost[dropped[end++]!]!;
        const after = end < n && c.tok[dropped[end]!] === i ? gain[dropped[end]!]! : 0;
        const ratio = (g - after) / (stepCost + 1);
        if (stepCost <= budget && ratio > bestRatio) {
          bestRatio = ratio;
          bestToken = i;
          bestEnd = end;
          bestCost = stepCost;
        }
      }
      if (bestToken < 0) break;
      for (let x = next[bestToken]!; x < bestEnd; x++) cs.update(dropped[x]!, a, b);
      budget -= bestCost;
      next[bestToken] = bestEnd < n && c.tok[dropped[bestEnd]!] === bestToken ? bestEnd : -1;
    }
  }

  private allEntries(n: number): number {
    for (let k = 0; k < n; k++) this.chosen[k] = k;
    this.droppedCount = 0;
    return n;
  }

  /**
   * The chain entries that must create candidates for every record that can reach theta to be
   * one, into this.chosen (their count is returned), and the others into this.dropped. Entries that created
   * before are extended over the window, and so are those with few postings in it; of the rest,
   * the most expensive are left out while a record holding only left-out entries stays below theta.
   */
  private chooseEntries(cs: CandidateSearch, c: Chains, cost: Float64Array, U: number, theta: number): number {
    let chosen = 0;
    const order = this.order;
    let orderCount = 0;
    for (let k = 0; k < c.count; k++) {
      // Cheap lists are walked whatever the bound: leaving them out saves little, and sorting them costs.
      if (cs.created(k) || cost[k]! <= CHEAP_ENTRY) this.chosen[chosen++] = k;
      else order[orderCount++] = k;
    }
    sortIndexes(order, orderCount, cost, -1, c.gainQ, 1);
    const slackQ = this.slackQ.fill(0, 0, c.tokens);
    const slackN = this.slackN.fill(0, 0, c.tokens);
    let q = 0;
    let n = 0;
    const dropped = this.dropped;
    let droppedCount = 0;
    for (let x = 0; x < orderCount; x++) {
      const k = order[x]!;
      const i = c.tok[k]!;
      const nq = Math.max(slackQ[i]!, c.gainQ[k]!);
      const nn = Math.max(slackN[i]!, c.gainN[k]!);
      const q2 = q - slackQ[i]! + nq;
      const n2 = n - slackN[i]! + nn;
      // A record holding only left-out entries scores at most (q + min(w, n)) / (U + w).
      if (q2 < U && (q2 + n2) / (U + n2) < theta) {
        slackQ[i] = nq;
        slackN[i] = nn;
        q = q2;
        n = n2;
        dropped[droppedCount++] = k;
      } else {
        this.chosen[chosen++] = k;
      }
    }
    // An entry whose gains are no larger than what its token already leaves out costs nothing
    // to leave out too: it reaches no record that must be a candidate.
    let kept = 0;
    for (let x = 0; x < chosen; x++) {
      const k = this.chosen[x]!;
      const i = c.tok[k]!;
      if (!cs.created(k) && cost[k]! > 0 && c.gainQ[k]! <= slackQ[i]! && c.gainN[k]! <= slackN[i]!) dropped[droppedCount++] = k;
      else this.chosen[kept++] = k;
    }
    this.droppedCount = droppedCount;
    return kept;
  }

  /**
   * Scores the candidates not aligned yet: first their bound from what the walks know, then an
   * estimate from their own tokens, then the alignment, best estimate first, until none left
   * can beat the limit-th best entity. Returns the raised threshold.
   */
  private evaluate(
    admit: number, theta: number, prepared: Prepared, c: Chains, cs: CandidateSearch, ranking: Ranking<Best>, segText: string,
    joinTokens: number[] | null, opts: SearchOptions, exhaustive: boolean, restQ: number, restN: number,
  ): number {
    const s = this.s!;
    const exclude = opts.exclude;
    const categories = opts.categories ?? -1;
    const { U } = prepared;
    const floor = Math.max(admit, theta);
    if (this.estOf.length < cs.count) {
      this.estOf = new Float64Array(cs.count * 2);
      this.toAlign = new Int32Array(cs.count * 2);
    }
    let n = 0;
    for (let t = 0; t < cs.count; t++) {
      const flags = cs.candFlags[t]!;
      if (flags & CAND_ALIGNED) continue;
      const r = cs.candRec[t]!;
      let est: number;
      if (flags & CAND_SPECIAL || exhaustive) {
        if (!this.admits(r, categories, exclude)) continue;
        est = 2;
      } else {
        if (cs.bound(t, U, restQ, restN) < floor) continue;
        if (!this.admits(r, categories, exclude)) continue;
        this.stats.probed++;
        est = this.matcher.estimate(r, U, c);
        if (est < floor) continue;
      }
      this.estOf[t] = est;
      this.toAlign[n++] = t;
    }
    // Best estimate first; ties: the lower record first.
    sortIndexes(this.toAlign, n, this.estOf, -1, null, 0, cs.candRec);
    for (let x = 0; x < n; x++) {
      // Once `limit` entities are in, a record can only enter by scoring above the last of them.
      const t = this.toAlign[x]!;
      const bound = this.estOf[t]!;
      if (bound < theta || (ranking.full && bound <= theta)) break;
      const r = cs.candRec[t]!;
      cs.candFlags[t]! |= CAND_ALIGNED;
      const limit = this.queryBracketed || s.recSeg[r] !== 0 ? this.bracketLimit(r, segText) : NO_LIMIT;
      if (limit === SKIP) continue;
      this.stats.scored++;
      const matched = this.matcher.align(r, prepared, c, cs.candFlags[t]! & CAND_SPECIAL ? joinTokens : null, this.aligner);
      let score = matched / (U + s.recW[r]! + this.matcher.extra);
      let initials: number | null = null;
      if (this.acronym !== null && INITIALS_SIMILARITY > score && this.hasInitials(r)) {
        score = INITIALS_SIMILARITY;
        initials = INITIALS_SIMILARITY;
      }
      const qualified = limit === QUALIFIED_CAP;
      if (score > limit) score = limit;
      if (score <= 0 || score < ranking.floor) continue;
      const slot = s.recSlot[r]!;
      const type = typeRank(s.slotType[slot]!);
      const entity = s.slotEntity[slot]!;
      // Checked first, so that a record that does not improve its entity makes no object.
      if (!ranking.improves(entity, score, type)) continue;
      ranking.keep(entity, { slot, type, rec: r, score, prepared, initials, segText, qualified });
      if (!exhaustive) theta = Math.max(theta, ranking.threshold());
    }
    return theta;
  }

  /** Whether record r's name is of a category asked for and not excluded. */
  private admits(r: number, categories: number, exclude: ((slot: number) => boolean) | undefined): boolean {
    const slot = this.s!.recSlot[r]!;
    if ((categories & (1 << this.s!.slotCategory[slot]!)) === 0) return false;
    return exclude === undefined || !exclude(slot);
  }

  /** Whether record r's initials spell the current acronym query. */
  private hasInitials(r: number): boolean {
    for (const form of this.acronym ?? []) {
      const g = this.initialsT.find(hashString(form, SEED_INITIALS));
      if (g < 0) continue;
      for (let x = this.initialsT.offsets[g]!; x < this.initialsT.offsets[g + 1]!; x++) if (this.initialsT.values[x] === r) return true;
    }
    return false;
  }

  private toMatch(query: string, b: Best): NameMatch {
    const s = this.s!;
    const typeIndex = s.slotType[b.slot]!;
    return new LazyMatch(
      s.slotEntity[b.slot]!, this.nameOf(b.slot), typeIndex === NO_TYPE ? null : (NAME_TYPES[typeIndex] ?? null), Math.min(1, Math.max(0, b.score)),
      this, query, b,
    );
  }

  /** Re-runs the alignment of the best record so the explanation shows exactly what scored (for LazyMatch). */
  explainMatch(query: string, b: Best, matchedName: string): MatchExplanation {
    const s = this.s!;
    const { rec, initials, segText } = b;
    const { qs, U } = b.prepared;
    const joinTokens: number[] = [];
    for (let i = 0; i < qs.length; i++) if (isContent(qs[i]!.token) && qs[i]!.token.fold.length >= EDIT_MIN_LENGTH) joinTokens.push(i);
    const aligner = this.explainAligner;
    const start = s.recOff[rec]!;
    const c = this.explainChains.link(b.prepared, s);
    this.matcher.align(rec, b.prepared, c, joinTokens, aligner);
    const m = this.matcher;
    // Shown with the weight they count for (unmatched family names, mismatched numbers weigh more).
    const nShown = m.nCounted.slice(0, m.nCount);
    const qShown = m.qCounted.slice(0, qs.length);
    const segment = nameSegments(matchedName)[s.recSeg[rec]!] ?? matchedName;
    const nameTokens = tokenize(segment).slice(0, 255);
    return explain({
      query: segText === query ? query : segText,
      matchedName,
      queryTokens: qs.map((q) => q.token),
      nameTokens: nameTokens.length === nShown.length ? nameTokens : Array.from({ length: nShown.length }, (_, j) => ({ surface: this.vocab.fold(s.recPair[2 * (start + j)]!), via: null })),
      qW: qShown,
      nW: nShown,
      total: U + s.recW[rec]! + m.extra,
      aligner,
      initials,
      notes: [
        ...(m.nameSurnameDouble || m.querySurnameDouble ? ['family-name-unmatched'] : []), ...(m.numbersMismatch ? ['number-mismatch'] : []),
        ...(m.patronymicsMismatch ? ['patronymic-mismatch'] : []), ...(m.titleUnmatched ? ['title-unmatched'] : []),
        ...(m.innerUnmatched ? ['father-name-unmatched'] : []), ...(b.qualified ? ['qualifier-mismatch'] : []),
      ],
    });
  }
}

/** Best score first; then primary names, then the earlier name. */
function compareBest(a: Best, b: Best): number {
  return b.score - a.score || a.type - b.type || a.slot - b.slot;
}
