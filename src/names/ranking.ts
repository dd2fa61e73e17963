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

/** The best record of each entity found so far, and the `limit` best entity scores. Reset for each query. */
export class Ranking<B extends Ranked> {
  /** Per entity, its best record. A new Map for each query: a cleared one, reused, made queries a third slower. */
  best = new Map<number, B>();
  /** The best `limit` entity scores, descending, and their entities. */
  private topScore = new Float64Array(16);
  private topEntity = new Int32Array(16);
  private topCount = 0;
  limit = 10;
  /** Lowest score kept. */
  floor = 0;
  /** Hits scoring at least this are all found (up to limit); -Infinity: all hits. */
  completeFrom = 0;

  reset(limit: number, floor: number, completeFrom: number): this {
    this.best = new Map<number, B>();
    this.topCount = 0;
    this.limit = limit;
    this.floor = floor;
    this.completeFrom = completeFrom;
    if (this.topScore.length < limit) {
      this.topScore = new Float64Array(limit);
      this.topEntity = new Int32Array(limit);
    }
    return this;
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

  /** Whether a record of this score and type rank would be the entity's best so far (see keep). */
  improves(entity: number, score: number, rank: number): boolean {
    const prev = this.best.get(entity);
    return !prev || score > prev.score || (score === prev.score && rank < prev.type);
  }

  /** Keeps `b` as the entity's best record; the caller has checked that it `improves` on it. */
  keep(entity: number, b: B): void {
    this.best.set(entity, b);
    if (this.limit <= 0) return;
    // An entity's score only rises: move it up the top list, or enter it.
    let at = -1;
    for (let i = 0; i < this.topCount; i++) if (this.topEntity[i] === entity) at = i;
    if (at < 0) {
      if (this.topCount < this.limit) at = this.topCount++;
      else if (b.score > this.topScore[this.limit - 1]!) at = this.limit - 1;
      else return;
    }
    while (at > 0 && this.topScore[at - 1]! < b.score) {
      this.topScore[at] = this.topScore[at - 1]!;
      this.topEntity[at] = this.topEntity[at - 1]!;
      at--;
    }
    this.topScore[at] = b.score;
    this.topEntity[at] = entity;
  }
}
