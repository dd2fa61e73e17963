import { NAME_TYPES } from '../model/types.js';
import { NO_TYPE } from './layout.js';

/** Keeping the best candidates of a search: per entity, and the k best by a key. */

/** What {@link Ranking} needs of a candidate. */
export interface Ranked {
  score: number;
  /** typeRank of its name's type. */
  type: number;
}

/** Primary names first when two names of an entity score the same. */
export function typeRank(t: number): number {
  return t === NO_TYPE ? 3 : t === 0 ? 0 : t === NAME_TYPES.indexOf('weak') ? 2 : 1;
}

/** The best record of each entity found so far, and the `limit` best entity scores. */
export class Ranking<B extends Ranked> {
  readonly best = new Map<number, B>();
  /** The best `limit` entity scores, descending, and their entities. */
  private readonly topScore: Float64Array;
  private readonly topEntity: Int32Array;
  private topCount = 0;

  constructor(
    readonly limit: number,
    /** Lowest score kept. */
    readonly floor: number,
    /** Hits scoring at least this are all found (up to limit); -Infinity: all hits. */
    readonly completeFrom: number,
  ) {
    this.topScore = new Float64Array(Math.max(1, limit));
    this.topEntity = new Int32Array(Math.max(1, limit));
  }

  get full(): boolean {
    return this.topCount >= this.limit;
  }

  /**
   * The pruning level: records that cannot reach it need not be aligned. Below the limit-th
   * best entity score a record cannot enter the result; below min(best score, completeFrom) it
   * could only be a weaker hit than both the best one and the complete level, and those are
   * kept as met, not searched for.
   */
  threshold(): number {
    const kth = this.topCount < this.limit ? -Infinity : this.topScore[this.limit - 1]!;
    const best = this.topCount > 0 ? Math.min(this.topScore[0]!, this.completeFrom) : -Infinity;
    return Math.max(this.floor, kth, best);
  }

  /** Keeps `b` when it is the entity's best record so far; true when it did. */
  offer(entity: number, rank: number, b: B): boolean {
    const prev = this.best.get(entity);
    if (prev && !(b.score > prev.score || (b.score === prev.score && rank < prev.type))) return false;
    this.best.set(entity, b);
    // An entity's score only rises: move it up the top list, or enter it.
    let at = -1;
    for (let i = 0; i < this.topCount; i++) if (this.topEntity[i] === entity) at = i;
    if (at < 0) {
      if (this.topCount < this.limit) at = this.topCount++;
      else if (b.score > this.topScore[this.limit - 1]!) at = this.limit - 1;
      else return true;
    }
    while (at > 0 && this.topScore[at - 1]! < b.score) {
      this.topScore[at] = this.topScore[at - 1]!;
      this.topEntity[at] = this.topEntity[at - 1]!;
      at--;
    }
    this.topScore[at] = b.score;
    this.topEntity[at] = entity;
    return true;
  }
}

/** Sorts the first n keys descending (ties: smaller value first), carrying vals along. */
export function sortByKeyDesc(keys: Float64Array, vals: Int32Array, n: number): void {
  if (n > 64) {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => keys[b]! - keys[a]! || vals[a]! - vals[b]!);
    const k = idx.map((i) => keys[i]!);
    const v = idx.map((i) => vals[i]!);
    keys.set(k);
    vals.set(v);
    return;
  }
  // Insertion sort: usually a few dozen entries.
  for (let i = 1; i < n; i++) {
    const key = keys[i]!;
    const val = vals[i]!;
    let j = i - 1;
    while (j >= 0 && (keys[j]! < key || (keys[j] === key && vals[j]! > val))) {
      keys[j + 1] = keys[j]!;
      vals[j + 1] = vals[j]!;
      j--;
    }
    keys[j + 1] = key;
    vals[j + 1] = val;
  }
}

/** The k largest keys seen, with their values: a binary min-heap on typed arrays. */
export class TopK {
  private keys = new Float64Array(64);
  private vals = new Int32Array(64);
  private n = 0;
  private k = 0;

  reset(k: number): this {
    if (this.keys.length < k) {
      this.keys = new Float64Array(k);
      this.vals = new Int32Array(k);
    }
    this.k = k;
    this.n = 0;
    return this;
  }

  get full(): boolean {
    return this.n >= this.k;
  }

  get minKey(): number {
    return this.n > 0 ? this.keys[0]! : -Infinity;
  }

  offer(key: number, val: number): void {
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (this.keys[p]! <= key) break;
        this.keys[i] = this.keys[p]!;
        this.vals[i] = this.vals[p]!;
        i = p;
      }
      this.keys[i] = key;
      this.vals[i] = val;
      return;
    }
    if (key <= this.keys[0]!) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.n) break;
      const r = l + 1;
      const c = r < this.n && this.keys[r]! < this.keys[l]! ? r : l;
      if (this.keys[c]! >= key) break;
      this.keys[i] = this.keys[c]!;
      this.vals[i] = this.vals[c]!;
      i = c;
    }
    this.keys[i] = key;
    this.vals[i] = val;
  }

  sortedKeys = new Float64Array(64);
  sortedVals = new Int32Array(64);

  /** Copies the entries into sortedKeys/sortedVals, largest key first (ties: smaller value first); returns their count. */
  sortDesc(): number {
    const n = this.n;
    if (this.sortedKeys.length < n) {
      this.sortedKeys = new Float64Array(this.keys.length);
      this.sortedVals = new Int32Array(this.keys.length);
    }
    this.sortedKeys.set(this.keys.subarray(0, n));
    this.sortedVals.set(this.vals.subarray(0, n));
    sortByKeyDesc(this.sortedKeys, this.sortedVals, n);
    return n;
  }
}
