import type { NameType } from '../model/types.js';
import { NAME_TYPES } from '../model/types.js';
import { type VowelLayout, abjadSkeletonKey, layoutDistance, phoneticKey, skeletonKey, vowelLayout } from './fold.js';
import { NameIndexBuilder } from './index-builder.js';
import { IntMap } from './int-map.js';
import { KeyTable, hashString } from './keytable.js';
import {
  EDIT_MIN_LENGTH, JOINED_ARTICLE, NO_TYPE, type NameIndexSnapshot, SEED_DELETION, SEED_EXACT, SEED_INITIALS, SEED_JOIN,
  SEED_PHONETIC, SEED_SKELETON, SKIP, SNAPSHOT_VERSION, deletionKeys, isContent, joinFolds, roleWeight, tokenBitIndex,
} from './layout.js';
import { CLASS_MULTIPLIER } from './lexicon.js';
import { Ranking, TopK, typeRank } from './ranking.js';
import {
  Aligner, type MatchExplanation, RULE_COMPOUND, RULE_EDIT, RULE_EXACT, RULE_FOLDED, RULE_PHONETIC, RULE_ROLE_MISMATCH, RULE_SKELETON, explain,
} from './scorer.js';
import { editDistance, jaroWinkler } from './similarity.js';
import { type NameToken, ROLE_PATRONYMIC, ROLE_SURNAME, ROLE_TITLE, acronymForms, nameSegments, tokenize } from './tokens.js';

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
  explanation: MatchExplanation;
}

export interface SearchOptions {
  /** Most entities returned (default 10). */
  limit?: number;
  /** Lowest score returned (default {@link DEFAULT_MIN_SCORE}). */
  minScore?: number;
  /** Name slots to leave out, as if they had not been added. */
  exclude?: (slot: number) => boolean;
  /**
   * Matches scoring at least this, and the best match, are always found (up to `limit`);
   * weaker ones are only those met while searching for them, which on a large index may be
   * fewer than `limit` and is much faster. Default: `minScore` (the `limit` best matches).
   * Screening passes its alert threshold: every alerting match is found.
   */
  completeFrom?: number;
  /**
   * No pruning: every name the query's keys reach is aligned. The reference the benchmarks
   * check the pruned search against; slow on a large index.
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

/**
 * A family name (of a `LAST, First` name) left unmatched counts this many times its weight
 * against the score: a query without the listed person's family name is a weaker match
 * (`Omar Sharif` against `Mohammed, Shariff Omar`). A matched family name counts as any word.
 */
const UNMATCHED_SURNAME_WEIGHT = 2;
/**
 * Similarity factor when a word is a father's name (after `bin`) or a title on one side only:
 * `Mohammed bin Salman` (son of Salman) against `SALMAN, Muhammad`, `Mohammad Hafeez` against
 * `Hafiz Muhammad` (Muhammad, who knows the Quran by heart).
 */
const ROLE_MISMATCH_SIMILARITY = 0.7;

/** Similarity of a compound written joined on one side and as two words on the other. */
const COMPOUND_SIMILARITY = 0.97;
/** Skeleton similarity by vowel-layout distance (see vowelLayoutDistance); unknown layout: 0.9. */
const SKELETON_BY_LAYOUT = [0.95, 0.87, 0.78, 0.72];
const MAX_QUERY_TOKENS = 32;
const MAX_ALTS = 40;
const ALT_CACHE_LIMIT = 50_000;
const FUZZY_POSTINGS_CAP = 2_000;
/** The threshold of the search round between completeFrom and minScore (see searchSegment). */
const MIDDLE_ROUND_THRESHOLD = 0.7;
/**
 * A search round below the complete level (see SearchOptions.completeFrom) is left out when its
 * tokens have more postings than this: it could only find hits weaker than the complete level.
 */
const WEAK_ROUND_POSTINGS = 30_000;
/** An alternative of a token not needed for candidates is walked anyway up to this many postings in the window. */
const SMALL_ALT_POSTINGS = 16;
/** Frequent alternatives per query token checked by bitmap; the others by signature. */
const OPEN_BITMAPS = 4;
/** Most candidates per query reading given a second look (their own tokens, then alignment). */
const MAX_PROBED = 128;
/** Similarity given to an acronym query whose letters are a name's initials. */
const INITIALS_SIMILARITY = 0.78;

interface Alt {
  v: number;
  sim: number;
  rule: number;
  /** 2 when the alternative stands for this query token and the next, written as one word. */
  span: number;
}

interface QueryToken {
  token: NameToken;
  alts: Alt[];
  weight: number;
}

/**
 * An in-memory index of names for screening and entity resolution.
 *
 * Each added name becomes a slot; each reading of it (the whole name, and the parts outside
 * and inside brackets) a record of folded-token ids. `freeze` lays them out in flat typed
 * arrays (see NameIndexBuilder). A query is matched to vocabulary tokens first (a few hundred
 * key look-ups at most), then only records holding those tokens are touched — never every name.
 *
 * A record's score is a weighted Dice coefficient over aligned tokens (scorer.ts), so bounds
 * are cheap: a record of weight w holding only the query tokens of a set T scores at most
 * (Σq + min(w, Σn)) / (U + w) over T. The search uses them three ways (searchSegment): only
 * the tokens needed for a record to reach the threshold walk their postings; each posting list
 * (ordered by record weight) is walked only over the weights that can reach it; and candidates
 * are aligned best bound first, until none left can beat the limit-th best entity. Thresholds
 * fall in rounds, so a query with strong matches stops early.
 */
export class NameIndex {
  /** Collects the names until freeze(). */
  private builder: NameIndexBuilder | null = new NameIndexBuilder();

  // Frozen state.
  private s: NameIndexSnapshot | null = null;
  private exactT!: KeyTable;
  private skeletonT!: KeyTable;
  private phoneticT!: KeyTable;
  private deletionsT!: KeyTable;
  private articlelessT!: KeyTable;
  private initialsT!: KeyTable;
  private joinsT!: KeyTable;
  /** s.recPair and s.post read as float32, for the weights. */
  private recPairW!: Float32Array;
  private postF!: Float32Array;

  // Per-query scratch, allocated on first search.
  /**
   * Per record reached by the current query reading, in order: the record, its weight, its
   * token signature, the last query token that added to it, the walked sum of contributions and
   * the name weight it covers, so that scoring the candidates reads memory in sequence.
   */
  private touchedW: Float32Array = new Float32Array(0);
  private touchedAcc: Float32Array = new Float32Array(0);
  private touchedAccN: Float32Array = new Float32Array(0);
  private touchedSigLo: Int32Array = new Int32Array(0);
  private touchedSigHi: Int32Array = new Int32Array(0);
  private touchedTag: Uint8Array = new Uint8Array(0);
  private touchedCount = 0;
  private readonly tokCost = new Float64Array(MAX_QUERY_TOKENS);
  private readonly tokQMax = new Float64Array(MAX_QUERY_TOKENS);
  private readonly tokNMax = new Float64Array(MAX_QUERY_TOKENS);
  /** Per query token, the record weights over which its postings were walked. */
  private readonly tokLo = new Float64Array(MAX_QUERY_TOKENS);
  private readonly tokHi = new Float64Array(MAX_QUERY_TOKENS);
  /** Per query token, the most its never-walked alternatives (frequent fuzzy neighbours) add, query and name side. */
  private readonly tokSkipQ = new Float64Array(MAX_QUERY_TOKENS);
  private readonly tokSkipN = new Float64Array(MAX_QUERY_TOKENS);
  private readonly openLo = new Float64Array(2 * MAX_QUERY_TOKENS);
  private readonly openHi = new Float64Array(2 * MAX_QUERY_TOKENS);
  private readonly openBitQ = new Float64Array(2 * MAX_QUERY_TOKENS * 64);
  private readonly openBitN = new Float64Array(2 * MAX_QUERY_TOKENS * 64);
  private readonly openMaskLo = new Int32Array(2 * MAX_QUERY_TOKENS);
  private readonly openMaskHi = new Int32Array(2 * MAX_QUERY_TOKENS);
  private readonly openInside = new Uint8Array(2 * MAX_QUERY_TOKENS);
  /** Per open entry, up to OPEN_BITMAPS frequent alternatives: bitmap offset, query-side and name-side gain. */
  private readonly openBmCount = new Int32Array(2 * MAX_QUERY_TOKENS);
  private readonly openBm = new Int32Array(2 * MAX_QUERY_TOKENS * OPEN_BITMAPS);
  private readonly openBmQ = new Float64Array(2 * MAX_QUERY_TOKENS * OPEN_BITMAPS);
  private readonly openBmN = new Float64Array(2 * MAX_QUERY_TOKENS * OPEN_BITMAPS);
  private bitmapWords = 0;
  /** Vocabulary token → first chain entry of the query alternatives naming it. */
  private readonly altMap = new IntMap(512);
  /** Record → its index in the touched arrays, for the current query reading. */
  private readonly touchedMap = new IntMap(8192);
  private readonly chains = new Chains();
  private readonly estBest = new Float64Array(MAX_QUERY_TOKENS);
  private readonly estStamp = new Int32Array(MAX_QUERY_TOKENS);
  private estGen = 0;
  private readonly aligner = new Aligner();
  private readonly explainAligner = new Aligner();
  // Decoded folds and vowel layouts of the vocabulary tokens queries have reached.
  private foldCache: (string | undefined)[] = [];
  private altCache = new Map<string, Alt[]>();
  private touched: Int32Array = new Int32Array(0);
  // The window seekWindow last found.
  private windowA = 0;
  private windowB = 0;
  private nWScratch = new Float32Array(256);
  private readonly heap = new TopK();
  private layoutCache: (VowelLayout | null | undefined)[] = [];
  private stats: SearchStats = { candidates: 0, scored: 0, postings: 0, probed: 0, capped: false };

  get size(): number {
    return this.s ? this.s.slotCount : this.builder!.size;
  }

  get frozen(): boolean {
    return this.s !== null;
  }

  get lastSearchStats(): SearchStats {
    return { ...this.stats };
  }

  /** Adds a name of an entity; returns its slot id (consecutive from 0). */
  add(entityId: number, name: string, nameType?: NameType): number {
    if (!this.builder) throw new Error('NameIndex.add after freeze()');
    return this.builder.add(entityId, name, nameType);
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
    this.exactT = new KeyTable(s.exact);
    this.skeletonT = new KeyTable(s.skeleton);
    this.phoneticT = new KeyTable(s.phonetic);
    this.deletionsT = new KeyTable(s.deletions);
    this.articlelessT = new KeyTable(s.articleless);
    this.initialsT = new KeyTable(s.initials);
    this.joinsT = new KeyTable(s.joins);
    this.recPairW = new Float32Array(s.recPair.buffer, s.recPair.byteOffset, s.recPair.length);
    this.postF = new Float32Array(s.post.buffer, s.post.byteOffset, s.post.length);
    this.bitmapWords = (s.recordCount + 31) >>> 5;
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
    return decode(s.nameChars, s.nameOff[slot]!, s.nameOff[slot + 1]!);
  }

  entityOf(slot: number): number {
    return this.frozenState().slotEntity[slot]!;
  }

  private frozenState(): NameIndexSnapshot {
    if (!this.s) this.freeze();
    return this.s!;
  }

  private vocabFold(v: number): string {
    let f = this.foldCache[v];
    if (f === undefined) {
      const s = this.s!;
      f = decode(s.vocabChars, s.vocabOff[v]!, s.vocabOff[v + 1]!);
      this.foldCache[v] = f;
    }
    return f;
  }

  private layoutOf(v: number): VowelLayout | null {
    let l = this.layoutCache[v];
    if (l === undefined) {
      l = vowelLayout(this.vocabFold(v));
      this.layoutCache[v] = l;
    }
    return l;
  }

  /** The vocabulary token whose fold is exactly `fold`, or -1. */
  private findExact(fold: string): number {
    const t = this.exactT;
    const g = t.find(hashString(fold, SEED_EXACT));
    if (g < 0) return -1;
    const s = this.s!;
    for (let k = t.offsets[g]!; k < t.offsets[g + 1]!; k++) {
      const v = t.values[k]!;
      const start = s.vocabOff[v]!;
      if (s.vocabOff[v + 1]! - start !== fold.length) continue;
      let same = true;
      for (let i = 0; i < fold.length; i++) {
        if (s.vocabChars[start + i] !== fold.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return v;
    }
    return -1;
  }

  /** Vocabulary tokens a query token may stand for, best first, with similarity and rule. */
  private alternatives(token: NameToken): Alt[] {
    // Name words follow a steep frequency curve: most query words were looked up before.
    const cacheKey = `${token.abjad ? '1' : '0'}${token.cls}${token.fold}`;
    const cached = this.altCache.get(cacheKey);
    if (cached) return cached;
    const alts = this.computeAlternatives(token);
    if (this.altCache.size >= ALT_CACHE_LIMIT) this.altCache.clear();
    this.altCache.set(cacheKey, alts);
    return alts;
  }

  private computeAlternatives(token: NameToken): Alt[] {
    const fold = token.fold;
    const found = new Map<number, Alt>();
    const offer = (v: number, sim: number, rule: number) => {
      const prev = found.get(v);
      if (!prev || prev.sim < sim) found.set(v, { v, sim, rule, span: 1 });
    };
    const exact = this.findExact(fold);
    if (exact >= 0) offer(exact, 1, RULE_EXACT);
    if (!isContent(token) || /^\d+$/.test(fold)) return [...found.values()];

    const joined = JOINED_ARTICLE.exec(fold);
    if (joined) {
      const v = this.findExact(joined[2]!);
      if (v >= 0) offer(v, 0.95, RULE_FOLDED);
    }
    this.eachValue(this.articlelessT, hashString(fold, SEED_EXACT), (v) => offer(v, 0.95, RULE_FOLDED));

    const sk = skeletonKey(fold);
    if (sk.length >= 2) {
      const qLayout = token.abjad ? null : vowelLayout(fold);
      const fuzzy = (v: number, rule: number) => {
        if (found.has(v)) return;
        const vf = this.vocabFold(v);
        const vAbjad = this.s!.vocabAbjad[v] === 1;
        if (!comparableLengths(fold, token.abjad, vf, vAbjad)) return;
        const jw = jaroWinkler(fold, vf);
        if (0.55 + 0.45 * jw < 0.7) return;
        const d = qLayout === null || vAbjad ? null : layoutDistance(qLayout, this.layoutOf(v));
        let sim = Math.min(d === null ? 0.9 : SKELETON_BY_LAYOUT[Math.min(3, d)]!, 0.55 + 0.45 * jw);
        // Phonetic keys merge letters romanisations keep apart (ش/س, د/ت): weaker evidence.
        if (rule === RULE_PHONETIC) sim = Math.min(sim - 0.1, 0.8);
        if (sim >= 0.7) offer(v, sim, rule);
      };
      this.eachValue(this.skeletonT, hashString(sk, SEED_SKELETON), (v) => fuzzy(v, RULE_SKELETON));
      const ask = token.abjad ? abjadSkeletonKey(fold) : sk;
      if (ask !== sk && ask.length >= 2) this.eachValue(this.skeletonT, hashString(ask, SEED_SKELETON), (v) => fuzzy(v, RULE_SKELETON));
      this.eachValue(this.phoneticT, hashString(phoneticKey(sk), SEED_PHONETIC), (v) => fuzzy(v, RULE_PHONETIC));
    }
    if (fold.length >= EDIT_MIN_LENGTH) {
      const maxD = fold.length >= 8 ? 2 : 1;
      const tried = new Set<number>();
      for (const d of deletionKeys(fold)) {
        this.eachValue(this.deletionsT, hashString(d, SEED_DELETION), (v) => {
          if (found.has(v) || tried.has(v)) return;
          tried.add(v);
          const vf = this.vocabFold(v);
          const dist = editDistance(fold, vf, maxD);
          if (dist > maxD) return;
          // A typo costs more in a short word; a different first letter usually means a different word.
          let sim = 1 - (dist * 0.35) / Math.sqrt(Math.max(fold.length, vf.length));
          if (fold[0] !== vf[0]) sim -= 0.05;
          sim = Math.min(sim, 0.55 + 0.45 * jaroWinkler(fold, vf));
          if (sim >= 0.7) offer(v, sim, RULE_EDIT);
        });
      }
    }
    const alts = [...found.values()].sort((a, b) => b.sim - a.sim || this.s!.vocabW[b.v]! - this.s!.vocabW[a.v]!);
    return alts.length > MAX_ALTS ? alts.slice(0, MAX_ALTS) : alts;
  }

  private eachValue(t: KeyTable, key: number, f: (v: number) => void): void {
    const g = t.find(key);
    if (g < 0) return;
    for (let k = t.offsets[g]!; k < t.offsets[g + 1]!; k++) f(t.values[k]!);
  }

  private ensureScratch(): void {
    const s = this.s!;
    if (this.touched.length === s.recordCount) return;
    this.touched = new Int32Array(s.recordCount);
    this.touchedW = new Float32Array(s.recordCount);
    this.touchedAcc = new Float32Array(s.recordCount);
    this.touchedAccN = new Float32Array(s.recordCount);
    this.touchedSigLo = new Int32Array(s.recordCount);
    this.touchedSigHi = new Int32Array(s.recordCount);
    this.touchedTag = new Uint8Array(s.recordCount);
  }

  /**
   * The best-scoring stored name of each entity that matches the query, best first. Token
   * weights, alignment and the score are explained in each match.
   */
  search(query: string, opts: SearchOptions = {}): NameMatch[] {
    const s = this.frozenState();
    this.ensureScratch();
    const limit = opts.limit ?? 10;
    const minScore = opts.minScore ?? DEFAULT_MIN_SCORE;
    this.stats = { candidates: 0, scored: 0, postings: 0, probed: 0, capped: false };
    const floor = Math.max(0.05, minScore);
    const ranking = new Ranking<Best>(limit, floor, opts.exhaustive ? -Infinity : Math.max(floor, opts.completeFrom ?? floor));
    for (const segText of nameSegments(query)) {
      const qtokens = tokenize(segText).slice(0, MAX_QUERY_TOKENS);
      if (qtokens.length === 0) continue;
      this.searchSegment(segText, qtokens, ranking, opts.exclude, opts.exhaustive === true);
    }
    const ranked = [...ranking.best.values()].filter((b) => b.score >= minScore);
    ranked.sort((a, b) => b.score - a.score || typeRank(s.slotType[a.slot]!) - typeRank(s.slotType[b.slot]!) || a.slot - b.slot);
    return ranked.slice(0, limit).map((b) => this.toMatch(query, b));
  }

  /** Query tokens with their vocabulary alternatives and weights. */
  private prepare(qtokens: NameToken[]): Prepared {
    const s = this.s!;
    const qs: QueryToken[] = [];
    for (const token of qtokens) {
      const alts = this.alternatives(token);
      const top = alts[0];
      const weight = (top && top.sim >= 0.8 ? s.vocabW[top.v]! : s.unknownIdf * CLASS_MULTIPLIER[token.cls]!) * roleWeight(token.role);
      qs.push({ token, alts, weight });
    }
    // Two query words that a name writes as one (`Agha Jani` → `Aghajani`).
    for (let i = 0; i + 1 < qs.length; i++) {
      const a = qs[i]!.token;
      const b = qs[i + 1]!.token;
      if (!isContent(a) || !isContent(b)) continue;
      const v = this.findExact(joinFolds(a.fold, b.fold));
      // A copy: this alternative belongs to this query, not to the cached alternatives.
      if (v >= 0) qs[i]!.alts = [...qs[i]!.alts, { v, sim: COMPOUND_SIMILARITY, rule: RULE_COMPOUND, span: 2 }];
    }
    const qW = new Float32Array(qs.length);
    let U = 0;
    for (let i = 0; i < qs.length; i++) {
      // The later part of a split compound (`Rafi|uddin`) weighs at least as much as its stem,
      // so a name that lacks it is not taken for the shorter name (`Rafi`).
      qW[i] = !qs[i]!.token.first && i > 0 ? Math.max(qs[i]!.weight, qW[i - 1]!) : qs[i]!.weight;
      U += qW[i]!;
    }
    return { qs, qW, U };
  }

  /** Links each vocabulary token to the query alternatives naming it, for this query. */
  private link(qs: QueryToken[], qW: Float32Array): Chains {
    const altMap = this.altMap;
    altMap.clear();
    const c = this.chains;
    let n = 0;
    for (const q of qs) n += q.alts.length;
    c.reserve(n, qs.length);
    let k = 0;
    for (let i = 0; i < qs.length; i++) {
      c.tokStart[i] = k;
      for (const a of qs[i]!.alts) {
        c.v[k] = a.v;
        c.tok[k] = i;
        c.sim[k] = a.sim;
        c.rule[k] = a.rule;
        c.span[k] = a.span;
        c.qw[k] = qW[i]! + (a.span === 2 ? (qW[i + 1] ?? 0) : 0);
        c.next[k] = altMap.get(a.v);
        altMap.set(a.v, k);
        k++;
      }
    }
    c.tokStart[qs.length] = k;
    c.count = k;
    return c;
  }

  /** Aligns one record with the query; returns the matched weight (numerator of the score). */
  private alignRecord(r: number, qs: QueryToken[], qW: Float32Array, c: Chains, joinTokens: readonly number[] | undefined, aligner: Aligner): Aligned {
    const s = this.s!;
    const altMap = this.altMap;
    const start = s.recOff[r]!;
    const nCount = s.recOff[r + 1]! - start;
    if (this.nWScratch.length < nCount) this.nWScratch = new Float32Array(nCount * 2);
    const nW = this.nWScratch;
    aligner.reset();
    for (let j = 0; j < nCount; j++) {
      const v = s.recPair[2 * (start + j)]!;
      nW[j] = this.recPairW[2 * (start + j) + 1]!;
      const head = altMap.get(v);
      if (head < 0) continue;
      const nRole = s.recFlags[start + j]! >> 1;
      for (let k = head; k >= 0; k = c.next[k]!) {
        const i = c.tok[k]!;
        let sim = c.sim[k]!;
        let rule = c.rule[k]!;
        // The same word as a father's name on one side only, or as a title on one side only.
        if (((qs[i]!.token.role ^ nRole) & (ROLE_PATRONYMIC | ROLE_TITLE)) !== 0) {
          sim *= ROLE_MISMATCH_SIMILARITY;
          rule |= RULE_ROLE_MISMATCH;
        }
        if (c.span[k] === 2) aligner.add(i, j, sim, rule, 2, 1);
        else aligner.add(i, j, sim, rule);
      }
    }
    if (joinTokens) {
      for (const i of joinTokens) {
        const fold = qs[i]!.token.fold;
        for (let j = 0; j + 1 < nCount; j++) {
          if (joinFolds(this.vocabFold(s.recPair[2 * (start + j)]!), this.vocabFold(s.recPair[2 * (start + j + 1)]!)) === fold) aligner.add(i, j, COMPOUND_SIMILARITY, RULE_COMPOUND, 1, 2);
        }
      }
    }
    const matched = aligner.solve(qs.length, nCount, qW, nW);
    // Family names left unmatched, on either side, weigh more (see UNMATCHED_SURNAME_WEIGHT).
    let extra = 0;
    for (let j = 0; j < nCount; j++) if (!aligner.nUsed[j] && (s.recFlags[start + j]! >> 1) & ROLE_SURNAME) extra += nW[j]! * (UNMATCHED_SURNAME_WEIGHT - 1);
    for (let i = 0; i < qs.length; i++) if (aligner.qMatch[i] === -1 && qs[i]!.token.role & ROLE_SURNAME) extra += qW[i]! * (UNMATCHED_SURNAME_WEIGHT - 1);
    return { matched, extra, nW: nW.subarray(0, nCount) };
  }

  /**
   * An upper bound of a record's score from its own tokens: each query token takes its best
   * partner in the record, without the one-to-one constraint of the alignment.
   */
  private estimate(r: number, w: number, U: number, c: Chains): number {
    const s = this.s!;
    const altMap = this.altMap;
    const pair = s.recPair;
    const pairW = this.recPairW;
    const best = this.estBest;
    const stamp = this.estStamp;
    const st = ++this.estGen;
    const end = 2 * s.recOff[r + 1]!;
    let sum = 0;
    for (let j = 2 * s.recOff[r]!; j < end; j += 2) {
      const head = altMap.get(pair[j]!);
      if (head < 0) continue;
      const tw = pairW[j + 1]!;
      for (let k = head; k >= 0; k = c.next[k]!) {
        const i = c.tok[k]!;
        const x = c.sim[k]! * (c.qw[k]! + tw);
        if (stamp[i] !== st) {
          stamp[i] = st;
          best[i] = x;
          sum += x;
        } else if (x > best[i]!) {
          sum += x - best[i]!;
          best[i] = x;
        }
      }
    }
    return sum / (U + w);
  }

  /**
   * Walks chain entry k's postings over records of weight in [lo, hi], skipping the range
   * already walked (ranges only grow). Each new record is appended to `touched`; `acc` sums,
   * per record, the contribution of each query token reaching it (once per token).
   */
  private walkRange(k: number, lo: number, hi: number): void {
    const c = this.chains;
    this.seekWindow(k, lo, hi);
    const a = this.windowA;
    const b = this.windowB;
    if (c.walkA[k]! < 0) {
      this.walkSpan(k, a, b);
    } else {
      if (a < c.walkA[k]!) this.walkSpan(k, a, c.walkA[k]!);
      if (b > c.walkB[k]!) this.walkSpan(k, c.walkB[k]!, b);
    }
    c.walkA[k] = c.walkA[k]! < 0 ? a : Math.min(a, c.walkA[k]!);
    c.walkB[k] = Math.max(b, c.walkB[k]!);
  }

  /**
   * The postings of chain entry k whose record weight lies in [lo, hi], as [windowA, windowB).
   * Two fields rather than a returned pair: this runs for every chain entry of every query.
   */
  private seekWindow(k: number, lo: number, hi: number): void {
    const s = this.s!;
    const v = this.chains.v[k]!;
    const all = s.postOff[v + 1]!;
    this.windowA = seekWeight(this.postF, s.postSkip, s.postOff[v]!, all, lo, false);
    this.windowB = seekWeight(this.postF, s.postSkip, this.windowA, all, hi, true);
  }

  /** Walks query token i's alternatives over records of weight in [lo, hi]. */
  private walkToken(i: number, lo: number, hi: number): void {
    const c = this.chains;
    for (let k = c.tokStart[i]!; k < c.tokStart[i + 1]!; k++) if (c.walkA[k] !== -2) this.walkRange(k, lo, hi);
    this.tokLo[i] = Math.min(this.tokLo[i]!, lo);
    this.tokHi[i] = Math.max(this.tokHi[i]!, hi);
  }

  /** How many postings of chain entry k fall in the weight window and were not walked yet. */
  private windowSize(k: number, lo: number, hi: number): number {
    const c = this.chains;
    this.seekWindow(k, lo, hi);
    const a = this.windowA;
    const b = this.windowB;
    if (c.walkA[k]! < 0) return b - a;
    return Math.max(0, c.walkA[k]! - a) + Math.max(0, b - c.walkB[k]!);
  }

  private walkSpan(k: number, from: number, end: number): void {
    const s = this.s!;
    const c = this.chains;
    const map = this.touchedMap;
    const acc = this.touchedAcc;
    const accN = this.touchedAccN;
    const touched = this.touched;
    const touchedW = this.touchedW;
    const sigLo = this.touchedSigLo;
    const sigHi = this.touchedSigHi;
    const touchedTag = this.touchedTag;
    const post = s.post;
    const postF = this.postF;
    // Several alternatives of one query token may reach a record: it counts once.
    const tag = c.tok[k]! + 1;
    const v = c.v[k]!;
    // Bounds, not exact values: the word's largest weight in any record for what it adds, its
    // smallest for the share of the record it accounts for (see evaluate()).
    const contribution = c.sim[k]! * (c.qw[k]! + s.vocabMaxW[v]!);
    const nameW = s.vocabMinW[v]!;
    let n = this.touchedCount;
    for (let p = from; p < end; p++) {
      const r = post[4 * p]!;
      const t = map.getOrSet(r, n);
      if (t < 0) {
        touched[n] = r;
        touchedW[n] = postF[4 * p + 1]!;
        sigLo[n] = post[4 * p + 2]!;
        sigHi[n] = post[4 * p + 3]!;
        touchedTag[n] = tag;
        acc[n] = contribution;
        accN[n++] = nameW;
      } else if (touchedTag[t] !== tag) {
        touchedTag[t] = tag;
        acc[t]! += contribution;
        accN[t]! += nameW;
      }
    }
    this.touchedCount = n;
    this.stats.postings += end - from;
  }

  /** Reaches a record outside the postings walk (joined compounds, initials). */
  private reach(r: number): void {
    const n = this.touchedCount;
    if (this.touchedMap.getOrSet(r, n) >= 0) return;
    this.touchedCount++;
    this.touched[n] = r;
    this.touchedW[n] = this.s!.recW[r]!;
    this.touchedTag[n] = 0;
    this.touchedAcc[n] = 0;
    this.touchedAccN[n] = 0;
    this.touchedSigLo[n] = -1;
    this.touchedSigHi[n] = -1;
  }

  private searchSegment(segText: string, qtokens: NameToken[], ranking: Ranking<Best>, exclude: ((slot: number) => boolean) | undefined, exhaustive: boolean): void {
    const s = this.s!;
    const prepared = this.prepare(qtokens);
    const { qs, qW, U } = prepared;
    const qCount = qs.length;
    const c = this.link(qs, qW);
    const floor = ranking.floor;
    this.touchedCount = 0;
    this.touchedMap.clear();

    // For each query token: the postings its alternatives would walk, and the largest share of
    // a score it can bring (query side, name side). A record holding only tokens of a set T
    // scores at most (Σq + Σn) / (U + Σn) over T, so the tokens of a set whose bound stays
    // below the threshold need not generate candidates: they are still scored on candidates.
    const cost = this.tokCost;
    const qMax = this.tokQMax;
    const nMax = this.tokNMax;
    let gainMax = 0;
    // The most query weight a unit of name weight can match (1 when tokens match themselves).
    let ratio = 0;
    for (let i = 0; i < qCount; i++) {
      cost[i] = 0;
      qMax[i] = 0;
      nMax[i] = 0;
      this.tokSkipQ[i] = 0;
      this.tokSkipN[i] = 0;
      let nMin = Infinity;
      for (let k = c.tokStart[i]!; k < c.tokStart[i + 1]!; k++) {
        const v = c.v[k]!;
        const len = s.postOff[v + 1]! - s.postOff[v]!;
        c.walkA[k] = -1;
        c.walkB[k] = -1;
        nMax[i] = Math.max(nMax[i]!, s.vocabMaxW[v]!);
        nMin = Math.min(nMin, s.vocabMinW[v]!);
        qMax[i] = Math.max(qMax[i]!, c.qw[k]!);
        // A fuzzy neighbour that is itself a frequent word brings thousands of names that
        // share nothing else with the query; names reached through another token still score it.
        if (c.sim[k]! < 1 && len > FUZZY_POSTINGS_CAP) {
          c.walkA[k] = -2;
          this.tokSkipQ[i] = Math.max(this.tokSkipQ[i]!, c.sim[k]! * c.qw[k]!);
          this.tokSkipN[i] = Math.max(this.tokSkipN[i]!, c.sim[k]! * s.vocabMaxW[v]!);
        } else {
          cost[i]! += len;
        }
      }
      if (nMin < Infinity) ratio = Math.max(ratio, qMax[i]! / Math.max(nMin, 1e-6));
      gainMax += qMax[i]! + nMax[i]!;
      this.tokLo[i] = Infinity;
      this.tokHi[i] = -Infinity;
    }

    // Compounds written joined in the query and apart in a name, and acronyms: few records,
    // always reached and always aligned.
    let joinHits: Map<number, number[]> | null = null;
    for (let i = 0; i < qCount; i++) {
      const t = qs[i]!.token;
      if (!isContent(t) || t.fold.length < EDIT_MIN_LENGTH) continue;
      const jt = this.joinsT;
      const g = jt.find(hashString(t.fold, SEED_JOIN));
      if (g < 0) continue;
      for (let x = jt.offsets[g]!; x < jt.offsets[g + 1]!; x++) {
        const r = jt.values[x]!;
        joinHits ??= new Map();
        const list = joinHits.get(r) ?? [];
        if (!list.includes(i)) list.push(i);
        joinHits.set(r, list);
        this.reach(r);
      }
    }
    let initialsHits: Set<number> | null = null;
    const acronym = qCount === 1 ? acronymForms(segText) : null;
    if (acronym) {
      for (const form of acronym) {
        const it = this.initialsT;
        const g = it.find(hashString(form, SEED_INITIALS));
        if (g < 0) continue;
        for (let x = it.offsets[g]!; x < it.offsets[g + 1]!; x++) {
          (initialsHits ??= new Set()).add(it.values[x]!);
          this.reach(it.values[x]!);
        }
      }
    }

    // Rounds of falling thresholds: each walks the weight window where a record can still
    // reach the round's threshold (the first, of a high one, is narrow and holds the best
    // matches) and aligns what can reach it. Once the pruning level (see Ranking.threshold)
    // is at the round's threshold, lower rounds could add nothing that must be found.
    let theta = ranking.threshold();
    const aligned = new Set<number>();
    const steps = exhaustive ? [floor] : [ranking.completeFrom, MIDDLE_ROUND_THRESHOLD, floor];
    let previous = Infinity;
    for (const step of steps) {
      const roundTheta = Math.max(step, theta, floor);
      if (roundTheta >= previous) continue;
      previous = roundTheta;
      // The weights a record can have and still score roundTheta: at most Σq + min(w, Σn)
      // over U + w from above, and at most (ratio·w + w) over U + w from below.
      const lo = exhaustive ? -Infinity : (roundTheta * U) / (1 + ratio - roundTheta);
      const hi = exhaustive ? Infinity : gainMax / roundTheta - U;
      const required = this.requiredTokens(qCount, U, roundTheta);
      // Below the complete level hits are kept as met: a round that would walk too much is not
      // walked (its best hit would be a weak one).
      if (!exhaustive && roundTheta < ranking.completeFrom) {
        let todo = 0;
        for (const i of required) if (this.tokLo[i]! > lo || this.tokHi[i]! < hi) todo += cost[i]!;
        if (todo > WEAK_ROUND_POSTINGS) {
          this.stats.capped = true;
          break;
        }
      }
      for (const i of required) this.walkToken(i, lo, hi);
      // Of the other tokens, the alternatives with few postings in the window are walked too (a
      // fuzzy neighbour is usually rare): walked, they bound candidates exactly, where their
      // signature bits would make a loose bound. Frequent ones are checked by bitmap instead.
      for (let i = 0; i < qCount; i++) {
        if (required.includes(i) || cost[i] === 0) continue;
        let any = false;
        for (let k = c.tokStart[i]!; k < c.tokStart[i + 1]!; k++) {
          if (c.walkA[k] === -2) continue;
          // Alternatives walked before follow the token's window, whatever it costs.
          if (c.walkA[k]! < 0 && (s.vocabBitmap[c.v[k]!]! >= 0 || this.windowSize(k, lo, hi) > SMALL_ALT_POSTINGS)) continue;
          this.walkRange(k, lo, hi);
          any = true;
        }
        if (any) {
          this.tokLo[i] = Math.min(this.tokLo[i]!, lo);
          this.tokHi[i] = Math.max(this.tokHi[i]!, hi);
        }
      }
      theta = this.evaluate(roundTheta, theta, prepared, c, ranking, segText, joinHits, initialsHits, aligned, exclude, exhaustive);
      if (theta >= roundTheta) break;
    }
    this.stats.candidates += this.touchedCount;
  }

  /** The tokens that must generate candidates for a record to reach theta, cheapest first. */
  private requiredTokens(qCount: number, U: number, theta: number): number[] {
    const cost = this.tokCost;
    const qMax = this.tokQMax;
    const nMax = this.tokNMax;
    const order: number[] = [];
    // What walking cannot reach whatever is walked: the alternatives never walked (frequent
    // fuzzy neighbours), and tokens with nothing to walk.
    let q = 0;
    let n = 0;
    for (let i = 0; i < qCount; i++) {
      if (cost[i]! > 0) {
        order.push(i);
        q += this.tokSkipQ[i]!;
        n += this.tokSkipN[i]!;
      } else {
        q += qMax[i]!;
        n += nMax[i]!;
      }
    }
    order.sort((a, b) => cost[b]! - cost[a]! || a - b);
    // Greedy: leave out the most expensive tokens while the bound of all left out stays below theta.
    const out: number[] = [];
    for (const i of order) {
      const q2 = q + qMax[i]! - this.tokSkipQ[i]!;
      const n2 = n + nMax[i]! - this.tokSkipN[i]!;
      if ((q2 + n2) / (U + n2) < theta) {
        q = q2;
        n = n2;
      } else {
        out.push(i);
      }
    }
    return out.reverse();
  }

  /**
   * Sets open entry o for query token i: with `inside`, its alternatives not walked, for records
   * of weight in [lo, hi]; otherwise all of its alternatives, for records outside [lo, hi].
   */
  private addOpen(o: number, i: number, lo: number, hi: number, inside: boolean): void {
    const s = this.s!;
    const c = this.chains;
    const bitQ = this.openBitQ;
    const bitN = this.openBitN;
    let lo32 = 0;
    let hi32 = 0;
    let bm = 0;
    bitQ.fill(0, o * 64, o * 64 + 64);
    bitN.fill(0, o * 64, o * 64 + 64);
    for (let k = c.tokStart[i]!; k < c.tokStart[i + 1]!; k++) {
      if (inside && c.walkA[k]! >= 0) continue;
      const b = s.vocabBitmap[c.v[k]!]!;
      if (b >= 0 && bm < OPEN_BITMAPS) {
        // Exact membership for a frequent alternative.
        this.openBm[o * OPEN_BITMAPS + bm] = b * this.bitmapWords;
        this.openBmQ[o * OPEN_BITMAPS + bm] = c.sim[k]! * c.qw[k]!;
        this.openBmN[o * OPEN_BITMAPS + bm++] = c.sim[k]! * s.vocabMaxW[c.v[k]!]!;
        continue;
      }
      const bit = tokenBitIndex(c.v[k]!);
      if (bit < 32) lo32 |= 1 << bit;
      else hi32 |= 1 << (bit - 32);
      bitQ[o * 64 + bit] = Math.max(bitQ[o * 64 + bit]!, c.sim[k]! * c.qw[k]!);
      bitN[o * 64 + bit] = Math.max(bitN[o * 64 + bit]!, c.sim[k]! * s.vocabMaxW[c.v[k]!]!);
    }
    this.openLo[o] = lo;
    this.openHi[o] = hi;
    this.openInside[o] = inside ? 1 : 0;
    this.openMaskLo[o] = lo32;
    this.openMaskHi[o] = hi32;
    this.openBmCount[o] = bm;
  }

  /**
   * Scores the touched records not aligned yet, cheapest filters first: an upper bound from
   * the walked postings plus what the unwalked tokens could add within the record's unexplained
   * weight; a tighter bound from the record's own tokens; then the alignment, best bound first,
   * until no bound left reaches the limit-th best entity. Returns the raised threshold.
   */
  private evaluate(
    admit: number, theta: number, prepared: Prepared, c: Chains, ranking: Ranking<Best>, segText: string,
    joinHits: Map<number, number[]> | null, initialsHits: Set<number> | null, aligned: Set<number>,
    exclude: ((slot: number) => boolean) | undefined, exhaustive: boolean,
  ): number {
    const s = this.s!;
    const { qs, qW, U } = prepared;
    const acc = this.touchedAcc;
    const accN = this.touchedAccN;
    const touched = this.touched;
    const touchedW = this.touchedW;
    const sigLo = this.touchedSigLo;
    const sigHi = this.touchedSigHi;
    const bitmaps = s.bitmaps;
    const heap = this.heap.reset(exhaustive ? Math.max(MAX_PROBED, this.touchedCount) : MAX_PROBED);
    // What the tokens not walked over a record's weight could still add to its walked sum: per
    // token, by signature bit, the most an alternative with that bit adds on the query side and
    // on the name side. A record can hold an alternative only if its signature has its bit.
    let openCount = 0;
    const bitQ = this.openBitQ;
    const bitN = this.openBitN;
    for (let i = 0; i < qs.length; i++) {
      if (c.tokStart[i + 1] === c.tokStart[i]) continue;
      const lo = this.tokLo[i]!;
      const hi = this.tokHi[i]!;
      // Outside the window its alternatives were walked over, all of a token's alternatives are
      // open; inside, those not walked (never walked: the window is empty, lo > hi).
      if (lo > -Infinity || hi < Infinity) this.addOpen(openCount++, i, lo, hi, false);
      if (lo <= hi) this.addOpen(openCount++, i, lo, hi, true);
      if (this.openBmCount[openCount - 1] === 0 && this.openMaskLo[openCount - 1] === 0 && this.openMaskHi[openCount - 1] === 0) openCount--;
    }
    const floor = Math.max(admit, theta);
    for (let t = 0; t < this.touchedCount; t++) {
      const r = touched[t]!;
      const w = touchedW[t]!;
      let ub: number;
      const special = (joinHits !== null && joinHits.has(r)) || (initialsHits !== null && initialsHits.has(r));
      if (special) {
        ub = 2;
      } else {
        // Unwalked tokens can only match name tokens the walk has not accounted for.
        const rest = w - accN[t]!;
        let slackQ = 0;
        let slackN = 0;
        if (rest > 1e-6) {
          const lo32 = sigLo[t]!;
          const hi32 = sigHi[t]!;
          for (let o = 0; o < openCount; o++) {
            if ((w >= this.openLo[o]! && w <= this.openHi[o]! ? 1 : 0) !== this.openInside[o]) continue;
            let bitsLo = lo32 & this.openMaskLo[o]!;
            let bitsHi = hi32 & this.openMaskHi[o]!;
            let q = 0;
            let n = 0;
            for (let x = o * OPEN_BITMAPS, end = x + this.openBmCount[o]!; x < end; x++) {
              if ((bitmaps[this.openBm[x]! + (r >>> 5)]! & (1 << (r & 31))) === 0) continue;
              q = Math.max(q, this.openBmQ[x]!);
              n = Math.max(n, this.openBmN[x]!);
            }
            if ((bitsLo | bitsHi) === 0 && q === 0) continue;
            while (bitsLo !== 0) {
              const bit = 31 - Math.clz32(bitsLo);
              bitsLo ^= 1 << bit;
              q = Math.max(q, bitQ[o * 64 + bit]!);
              n = Math.max(n, bitN[o * 64 + bit]!);
            }
            while (bitsHi !== 0) {
              const bit = 31 - Math.clz32(bitsHi);
              bitsHi ^= 1 << bit;
              q = Math.max(q, bitQ[o * 64 + 32 + bit]!);
              n = Math.max(n, bitN[o * 64 + 32 + bit]!);
            }
            slackQ += q;
            slackN += n;
          }
        }
        ub = (acc[t]! + slackQ + Math.min(slackN, rest)) / (U + w);
      }
      if (ub < floor || aligned.has(r)) continue;
      if (exclude?.(s.recSlot[r]!)) continue;
      let est: number;
      if (special) {
        est = 2;
      } else {
        this.stats.probed++;
        est = this.estimate(r, w, U, c);
        if (est < floor || (heap.full && est <= heap.minKey)) continue;
      }
      heap.offer(est, r);
    }
    const n = heap.sortDesc();
    for (let x = 0; x < n; x++) {
      // Once `limit` entities are in, a record can only enter by scoring above the last of them.
      const bound = heap.sortedKeys[x]!;
      if (bound < theta || (ranking.full && bound <= theta)) break;
      const r = heap.sortedVals[x]!;
      aligned.add(r);
      this.stats.scored++;
      const { matched, extra } = this.alignRecord(r, qs, qW, c, joinHits?.get(r), this.aligner);
      let score = matched / (U + s.recW[r]! + extra);
      let initials: number | null = null;
      if (initialsHits !== null && initialsHits.has(r) && INITIALS_SIMILARITY > score) {
        score = INITIALS_SIMILARITY;
        initials = INITIALS_SIMILARITY;
      }
      if (score <= 0 || score < ranking.floor) continue;
      const slot = s.recSlot[r]!;
      const type = typeRank(s.slotType[slot]!);
      if (ranking.offer(s.slotEntity[slot]!, type, { slot, type, rec: r, score, prepared, initials, segText }) && !exhaustive) {
        theta = Math.max(theta, ranking.threshold());
      }
    }
    return theta;
  }

  private toMatch(query: string, b: Best): NameMatch {
    const s = this.s!;
    const typeIndex = s.slotType[b.slot]!;
    const match = {
      entityId: s.slotEntity[b.slot]!,
      matchedName: this.nameOf(b.slot),
      nameType: typeIndex === NO_TYPE ? null : (NAME_TYPES[typeIndex] ?? null),
      score: Math.min(1, Math.max(0, b.score)),
    } as NameMatch;
    // Built on first read: a batch that only needs scores does not pay for it. An own,
    // enumerable getter, so JSON.stringify and structured cloning (worker messages) see a value.
    let cached: MatchExplanation | null = null;
    Object.defineProperty(match, 'explanation', {
      enumerable: true,
      get: () => (cached ??= this.explainBest(query, b, match.matchedName)),
    });
    return match;
  }

  /** Re-runs the alignment of the best record so the explanation shows exactly what scored. */
  private explainBest(query: string, b: Best, matchedName: string): MatchExplanation {
    const s = this.s!;
    const { rec, initials, segText } = b;
    const { qs, qW, U } = b.prepared;
    const joinTokens: number[] = [];
    for (let i = 0; i < qs.length; i++) if (isContent(qs[i]!.token) && qs[i]!.token.fold.length >= EDIT_MIN_LENGTH) joinTokens.push(i);
    const aligner = this.explainAligner;
    const start = s.recOff[rec]!;
    const { nW, extra } = this.alignRecord(rec, qs, qW, this.link(qs, qW), joinTokens, aligner);
    // Shown with the weight they count for: unmatched family names weigh more.
    const nShown = new Float32Array(nW.length);
    for (let j = 0; j < nW.length; j++) nShown[j] = !aligner.nUsed[j] && (s.recFlags[start + j]! >> 1) & ROLE_SURNAME ? nW[j]! * UNMATCHED_SURNAME_WEIGHT : nW[j]!;
    const qShown = new Float32Array(qW.length);
    for (let i = 0; i < qW.length; i++) qShown[i] = aligner.qMatch[i] === -1 && qs[i]!.token.role & ROLE_SURNAME ? qW[i]! * UNMATCHED_SURNAME_WEIGHT : qW[i]!;
    const segment = nameSegments(matchedName)[s.recSeg[rec]!] ?? matchedName;
    const nameTokens = tokenize(segment).slice(0, 255);
    return explain({
      query: segText === query ? query : segText,
      matchedName,
      queryTokens: qs.map((q) => q.token),
      nameTokens: nameTokens.length === nShown.length ? nameTokens : Array.from({ length: nShown.length }, (_, j) => ({ surface: this.vocabFold(s.recPair[2 * (start + j)]!), via: null })),
      qW: qShown,
      nW: nShown,
      total: U + s.recW[rec]! + extra,
      aligner,
      initials,
    });
  }
}

interface Best {
  slot: number;
  /** typeRank of the slot's name type. */
  type: number;
  rec: number;
  score: number;
  prepared: Prepared;
  initials: number | null;
  segText: string;
}

interface Aligned {
  /** Σ similarity × weight over the aligned pairs. */
  matched: number;
  /** What unmatched family names add to the denominator. */
  extra: number;
  /** The record's token weights. */
  nW: Float32Array;
}

interface Prepared {
  qs: QueryToken[];
  qW: Float32Array;
  U: number;
}

/**
 * The query's alternatives as linked lists per vocabulary token (heads in `altHead`), in
 * buffers reused from query to query.
 */
class Chains {
  count = 0;
  /** First entry of each query token; entries of one token are consecutive. */
  tokStart = new Int32Array(MAX_QUERY_TOKENS + 1);
  v = new Int32Array(256);
  /** The range of postings walked, [walkA, walkB); -1: none yet, -2: never walked. */
  walkA = new Int32Array(256);
  walkB = new Int32Array(256);
  tok = new Int32Array(256);
  sim = new Float32Array(256);
  rule = new Uint8Array(256);
  span = new Uint8Array(256);
  /** Query-side weight the alternative covers (two tokens for a span of 2). */
  qw = new Float32Array(256);
  next = new Int32Array(256);

  reserve(n: number, tokens: number): void {
    if (tokens + 1 > this.tokStart.length) this.tokStart = new Int32Array(tokens + 1);
    if (n <= this.tok.length) return;
    const size = Math.max(n, this.tok.length * 2);
    this.v = new Int32Array(size);
    this.walkA = new Int32Array(size);
    this.walkB = new Int32Array(size);
    this.tok = new Int32Array(size);
    this.sim = new Float32Array(size);
    this.rule = new Uint8Array(size);
    this.span = new Uint8Array(size);
    this.qw = new Float32Array(size);
    this.next = new Int32Array(size);
  }
}

/**
 * Whether two folds are long enough to be compared by skeleton: short words sharing a
 * skeleton are usually different words (`MCB`/`MICB`), unless the short one was written in
 * Arabic script, without its vowels.
 */
function comparableLengths(a: string, aAbjad: boolean, b: string, bAbjad: boolean): boolean {
  const [short, shortAbjad, long] = a.length <= b.length ? [a, aAbjad, b] : [b, bAbjad, a];
  if (short.length >= 4) return true;
  return shortAbjad && short.length >= 2 && long.length >= short.length + 1;
}

function decode(chars: Uint16Array, start: number, end: number): string {
  if (end - start <= 64) {
    let out = '';
    for (let i = start; i < end; i++) out += String.fromCharCode(chars[i]!);
    return out;
  }
  let out = '';
  for (let i = start; i < end; i += 4096) out += String.fromCharCode.apply(null, chars.subarray(i, Math.min(end, i + 4096)) as unknown as number[]);
  return out;
}

/**
 * The first index in [from, to) whose weight is at least x (or, with `after`, exceeds x):
 * first over the small skip array, then within one block of postings, so that a long list costs a
 * few cache misses, not one per step.
 */
function seekWeight(w: Float32Array /* post as float32 */, skip: Float32Array, from: number, to: number, x: number, after: boolean): number {
  // Blocks whose first posting lies in (from, to): the answer is in the block before the first
  // of them whose first weight is not below x ("below": < x, or <= x with `after`).
  const bLo = Math.floor(from / SKIP) + 1;
  const bHi = Math.floor((to - 1) / SKIP);
  let lo = from;
  let hi = to;
  if (bLo <= bHi) {
    let a = bLo;
    let b = bHi + 1;
    while (a < b) {
      const mid = (a + b) >>> 1;
      const y = skip[mid]!;
      if (after ? y <= x : y < x) a = mid + 1;
      else b = mid;
    }
    // Blocks before a start below x; block a (if any) starts at or above it.
    lo = Math.max(from, (a - 1) * SKIP);
    hi = a <= bHi ? a * SKIP : to;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const y = w[4 * mid + 1]!;
    if (after ? y <= x : y < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

