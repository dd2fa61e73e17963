import type { NameIndexSnapshot } from './layout.js';
import type { Chains } from './query.js';

/** A candidate always aligned, whatever its bound: reached by initials or a joined compound. */
export const CAND_SPECIAL = 1;
/** A candidate already aligned in this query reading. */
export const CAND_ALIGNED = 2;

/** Records per entry of the sampled weights (see CandidateSearch.bound). */
const WEIGHT_BLOCK_BITS = 6;
/** Postings lists at most this long are scanned whole rather than searched. */
const SHORT_LIST = 16;
/** Postings per entry of the postings sample (see seekPosting). */
const POST_BLOCK_BITS = 5;

/**
 * The candidates of one query reading and what is known of each: what the query tokens that
 * reach it add to its score at most.
 *
 * The postings walked are chosen per alternative (an entry of the query's chains: a stored
 * word that a query word may stand for), over the record-id range of a weight window (records
 * are numbered by weight, see layout.ts). A creating walk makes every record it reaches a
 * candidate; an updating walk only adds to records that already are, which is cheap for a
 * short list and tightens their bounds. An entry walked to create once is extended over every
 * later, wider window, so that all created entries cover every candidate. Then a candidate's
 * bound needs no look at its tokens: what its walks recorded, plus for each query token the
 * most that the token's entries not walked could add.
 *
 * Everything a posting touches is small enough to stay in cache: a bitmap of the candidate
 * records (one bit per record), a hash table from candidate record to candidate number, the
 * candidates' own arrays, and a sample of the record weights. Records of a million names
 * would miss the cache on every posting.
 */
export class CandidateSearch {
  /** One bit per record, set for the candidates of the current reading. */
  private readonly member: Int32Array;
  /** Candidate record → candidate number: open addressing, [stamp, record, candidate] per slot. */
  private table: Int32Array;
  private tableMask: number;
  private readonly baseTableSlots = 4096;
  private stamp = 1;
  /** The weight of every 64th record (weights ascend with record ids), and of the last. */
  private readonly weightSample: Float32Array;
  /** The record of every 32nd posting: a search in a long list reads this small array first. */
  private readonly postSample: Int32Array;

  count = 0;
  candRec = new Int32Array(1024);
  /** Σ over query tokens of the largest gain recorded for the candidate, query side and name side. */
  candQ = new Float64Array(1024);
  candN = new Float64Array(1024);
  candFlags = new Uint8Array(1024);
  /** Per candidate and query token (stride: the reading's token count), the largest gain recorded. */
  private tokQ = new Float64Array(1024 * 4);
  private tokN = new Float64Array(1024 * 4);

  /** Per chain entry: the record range [walkA, walkB) its creating walks covered (empty: never). */
  private walkA = new Int32Array(256);
  private walkB = new Int32Array(256);
  /** Per chain entry: walked this round (to create or to update). */
  private walked = new Uint8Array(256);
  private costArr = new Float64Array(256);

  /** The most the query's tokens add to a score numerator, query side and name side (Σ over tokens of their best entry). */
  totalQ = 0;
  totalN = 0;
  /** The most query weight a unit of name weight can match (for the lower end of weight windows). */
  ratio = 0;
  postingsWalked = 0;

  private tokens = 0;
  private c!: Chains;

  constructor(private readonly s: NameIndexSnapshot) {
    this.member = new Int32Array((s.recordCount + 31) >>> 5);
    this.table = new Int32Array(this.baseTableSlots * 3);
    this.tableMask = this.baseTableSlots - 1;
    const R = s.recordCount;
    const blocks = (R >>> WEIGHT_BLOCK_BITS) + 1;
    this.weightSample = new Float32Array(blocks + 1);
    for (let i = 0; i <= blocks; i++) this.weightSample[i] = R === 0 ? 0 : s.recW[Math.min(R - 1, i << WEIGHT_BLOCK_BITS)]!;
    const P = s.post.length;
    this.postSample = new Int32Array((P >>> POST_BLOCK_BITS) + 1);
    for (let i = 0; i << POST_BLOCK_BITS < P; i++) this.postSample[i] = s.post[i << POST_BLOCK_BITS]!;
  }

  /**
   * The first position in post[from .. to) (one list, ascending) whose record is >= x: a binary
   * search over the sampled blocks inside the range, then within one block, so that a long
   * list costs a couple of cache misses, not one per step.
   */
  private seekPosting(from: number, to: number, x: number): number {
    const post = this.s.post;
    if (to - from <= 64) return lowerBound(post, from, to, x);
    // Blocks whose first posting lies inside the range: [bLo, bHi].
    const bLo = (from + (1 << POST_BLOCK_BITS) - 1) >>> POST_BLOCK_BITS;
    const bHi = (to - 1) >>> POST_BLOCK_BITS;
    const sample = this.postSample;
    let lo = bLo;
    let hi = bHi + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sample[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    // Blocks before lo start below x, block lo (if any) starts at or above it.
    const start = lo === bLo ? from : (lo - 1) << POST_BLOCK_BITS;
    const end = lo <= bHi ? lo << POST_BLOCK_BITS : to;
    return lowerBound(post, Math.max(from, start), Math.min(to, end), x);
  }

  /** Starts a query reading: no candidates, nothing walked. */
  begin(c: Chains): void {
    const s = this.s;
    this.c = c;
    this.tokens = c.tokens;
    this.count = 0;
    this.postingsWalked = 0;
    if (this.walkA.length < c.count) {
      this.walkA = new Int32Array(c.v.length);
      this.walkB = new Int32Array(c.v.length);
      this.walked = new Uint8Array(c.v.length);
      this.costArr = new Float64Array(c.v.length);
    }
    this.walkA.fill(0, 0, c.count);
    this.walkB.fill(0, 0, c.count);
    this.totalQ = 0;
    this.totalN = 0;
    this.ratio = 0;
    for (let i = 0; i < c.tokens; i++) {
      let gq = 0;
      let gn = 0;
      let qMax = 0;
      let nMin = Infinity;
      for (let k = c.tokStart[i]!; k < c.tokStart[i + 1]!; k++) {
        gq = Math.max(gq, c.gainQ[k]!);
        gn = Math.max(gn, c.gainN[k]!);
        qMax = Math.max(qMax, c.qw[k]!);
        nMin = Math.min(nMin, s.vocabMinW[c.v[k]!]!);
      }
      this.totalQ += gq;
      this.totalN += gn;
      if (nMin < Infinity) this.ratio = Math.max(this.ratio, qMax / Math.max(nMin, 1e-6));
    }
  }

  /** Ends the reading: clears the membership bits and the record table. */
  end(): void {
    for (let t = 0; t < this.count; t++) this.member[this.candRec[t]! >>> 5] = 0;
    if (this.tableMask + 1 > this.baseTableSlots) {
      // A table grown by one large query would spread every later query's few keys over megabytes.
      this.table = new Int32Array(this.baseTableSlots * 3);
      this.tableMask = this.baseTableSlots - 1;
      this.stamp = 1;
    } else if (++this.stamp > 0x3fffffff) {
      this.table.fill(0);
      this.stamp = 1;
    }
  }

  /** After window(): the record range [winA, winB) whose weights lie in [lo, hi]. */
  winA = 0;
  winB = 0;

  window(lo: number, hi: number): void {
    const w = this.s.recW;
    this.winA = lowerBound(w, 0, w.length, lo);
    this.winB = upperBound(w, 0, w.length, hi);
  }

  /** Starts a round over records [a, b): the postings each entry has there that no creating walk covered (whole short lists). */
  startRound(a: number, b: number): Float64Array {
    const c = this.c;
    this.walked.fill(0, 0, c.count);
    for (let k = 0; k < c.count; k++) {
      const v = c.v[k]!;
      const wa = this.walkA[k]!;
      const wb = this.walkB[k]!;
      const len = this.s.postOff[v + 1]! - this.s.postOff[v]!;
      if (len <= SHORT_LIST) this.costArr[k] = wb <= wa ? len : 0;
      else this.costArr[k] = wb <= wa ? this.postingsIn(v, a, b) : this.postingsIn(v, a, wa) + this.postingsIn(v, wb, b);
    }
    return this.costArr;
  }

  /** Whether entry k was walked to create in an earlier round (it must then cover every window after). */
  created(k: number): boolean {
    return this.walkB[k]! > this.walkA[k]!;
  }

  /** Walks entry k over records [a, b) (a range containing what it covered before), creating candidates. */
  create(k: number, a: number, b: number): void {
    const wa = this.walkA[k]!;
    const wb = this.walkB[k]!;
    if (wb <= wa) {
      this.walkEntry(k, a, b, true);
    } else {
      this.walkEntry(k, a, wa, true);
      this.walkEntry(k, wb, b, true);
    }
    this.walkA[k] = a;
    this.walkB[k] = b;
    this.walked[k] = 1;
  }

  /** Walks entry k over records [a, b), adding to existing candidates only. */
  update(k: number, a: number, b: number): void {
    this.walkEntry(k, a, b, false);
    this.walked[k] = 1;
  }

  /** After unwalkedGains(): what the entries not walked this round add at most, query side and name side. */
  restQ = 0;
  restN = 0;

  /** Per token, its best entry not walked this round, summed into restQ and restN. */
  unwalkedGains(): void {
    const c = this.c;
    let q = 0;
    let n = 0;
    for (let i = 0; i < c.tokens; i++) {
      let gq = 0;
      let gn = 0;
      for (let k = c.tokStart[i]!; k < c.tokStart[i + 1]!; k++) {
        if (this.walked[k]) continue;
        gq = Math.max(gq, c.gainQ[k]!);
        gn = Math.max(gn, c.gainN[k]!);
      }
      q += gq;
      n += gn;
    }
    this.restQ = q;
    this.restN = n;
  }

  /** Makes record r a candidate that is always aligned. */
  reachSpecial(r: number): void {
    let t: number;
    if (this.member[r >>> 5]! & (1 << (r & 31))) {
      t = this.candidateOf(r);
    } else {
      this.reserve(1);
      t = this.newCandidate(r);
    }
    this.candFlags[t]! |= CAND_SPECIAL;
  }

  /**
   * An upper bound of candidate t's score, given what the entries not walked add at most (see
   * unwalkedGains): (q + min(w, n)) / (U + w) at the most favourable weight the record's block
   * of the sampled weights allows, so that no record weight is read.
   */
  bound(t: number, U: number, restQ: number, restN: number): number {
    const block = this.candRec[t]! >>> WEIGHT_BLOCK_BITS;
    const lo = this.weightSample[block]!;
    const hi = this.weightSample[block + 1]!;
    const q = this.candQ[t]! + restQ;
    const n = this.candN[t]! + restN;
    let best = (q + Math.min(lo, n)) / (U + lo);
    const atHi = (q + Math.min(hi, n)) / (U + hi);
    if (atHi > best) best = atHi;
    if (n > lo && n < hi) {
      const atN = (q + n) / (U + n);
      if (atN > best) best = atN;
    }
    return best;
  }

  private newCandidate(r: number): number {
    const t = this.count++;
    this.member[r >>> 5]! |= 1 << (r & 31);
    this.insert(r, t);
    this.candRec[t] = r;
    this.candQ[t] = 0;
    this.candN[t] = 0;
    this.candFlags[t] = 0;
    const T = this.tokens;
    for (let x = t * T, end = x + T; x < end; x++) {
      this.tokQ[x] = 0;
      this.tokN[x] = 0;
    }
    return t;
  }

  /** The candidate number of a record known to be a candidate. */
  private candidateOf(r: number): number {
    const table = this.table;
    const mask = this.tableMask;
    let h = hashRecord(r) & mask;
    for (;;) {
      const x = h * 3;
      if (table[x + 1] === r && table[x] === this.stamp) return table[x + 2]!;
      h = (h + 1) & mask;
    }
  }

  private insert(r: number, t: number): void {
    const table = this.table;
    const mask = this.tableMask;
    const stamp = this.stamp;
    let h = hashRecord(r) & mask;
    while (table[h * 3] === stamp) h = (h + 1) & mask;
    table[h * 3] = stamp;
    table[h * 3 + 1] = r;
    table[h * 3 + 2] = t;
  }

  /** Makes room in the record table for `n` candidates, at most half full. */
  private growTable(n: number): void {
    let slots = this.tableMask + 1;
    if (n * 2 <= slots) return;
    while (n * 2 > slots) slots *= 2;
    this.table = new Int32Array(slots * 3);
    this.tableMask = slots - 1;
    for (let t = 0; t < this.count; t++) this.insert(this.candRec[t]!, t);
  }

  private walkEntry(k: number, a: number, b: number, creating: boolean): void {
    if (b <= a) return;
    const c = this.c;
    const v = c.v[k]!;
    const post = this.s.post;
    const start = this.s.postOff[v]!;
    const end = this.s.postOff[v + 1]!;
    let from: number;
    let to: number;
    if (end - start <= SHORT_LIST) {
      from = start;
      to = end;
    } else {
      from = this.seekPosting(start, end, a);
      to = this.seekPosting(from, end, b);
    }
    if (to <= from) return;
    if (creating) this.reserve(to - from);
    const member = this.member;
    const candQ = this.candQ;
    const candN = this.candN;
    const tokQ = this.tokQ;
    const tokN = this.tokN;
    const T = this.tokens;
    const i = c.tok[k]!;
    const gq = c.gainQ[k]!;
    const gn = c.gainN[k]!;
    for (let p = from; p < to; p++) {
      const r = post[p]!;
      if (r < a || r >= b) continue;
      let t: number;
      if (member[r >>> 5]! & (1 << (r & 31))) {
        t = this.candidateOf(r);
      } else if (creating) {
        t = this.newCandidate(r);
      } else {
        continue;
      }
      // A token counts once per candidate, with the largest gain of its entries that reach it.
      const x = t * T + i;
      const oq = tokQ[x]!;
      if (gq > oq) {
        candQ[t]! += gq - oq;
        tokQ[x] = gq;
      }
      const on = tokN[x]!;
      if (gn > on) {
        candN[t]! += gn - on;
        tokN[x] = gn;
      }
    }
    this.postingsWalked += to - from;
  }

  private postingsIn(v: number, a: number, b: number): number {
    if (b <= a) return 0;
    const start = this.s.postOff[v]!;
    const end = this.s.postOff[v + 1]!;
    if (start === end) return 0;
    const from = this.seekPosting(start, end, a);
    return this.seekPosting(from, end, b) - from;
  }

  private reserve(extra: number): void {
    const need = this.count + extra;
    this.growTable(need);
    if (need <= this.candRec.length && need * this.tokens <= this.tokQ.length) return;
    let size = this.candRec.length;
    while (size < need) size *= 2;
    const keep = this.count;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(old: T, n: number, used: number, make: (n: number) => T): T => {
      const x = make(n);
      x.set(old.subarray(0, used) as never);
      return x;
    };
    this.candRec = grow(this.candRec, size, keep, (n) => new Int32Array(n));
    this.candQ = grow(this.candQ, size, keep, (n) => new Float64Array(n));
    this.candN = grow(this.candN, size, keep, (n) => new Float64Array(n));
    this.candFlags = grow(this.candFlags, size, keep, (n) => new Uint8Array(n));
    const per = Math.max(1, this.tokens);
    this.tokQ = grow(this.tokQ, size * per, keep * this.tokens, (n) => new Float64Array(n));
    this.tokN = grow(this.tokN, size * per, keep * this.tokens, (n) => new Float64Array(n));
  }
}

function hashRecord(r: number): number {
  return Math.imul(r, 0x9e3779b1) >>> 12;
}

/** First index in [from, to) whose value is >= x (values ascending). */
export function lowerBound(arr: Int32Array | Float32Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  // Short ranges: a scan reads one memory line.
  if (hi - lo <= 8) {
    while (lo < hi && arr[lo]! < x) lo++;
    return lo;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [from, to) whose value is > x (values ascending). */
export function upperBound(arr: Float32Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
