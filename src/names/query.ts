import { IntMap } from './int-map.js';
import { type NameIndexSnapshot, isContent, joinFolds, roleWeight } from './layout.js';
import { CLASS_MULTIPLIER } from './lexicon.js';
import { RULE_COMPOUND } from './scorer.js';
import type { NameToken } from './tokens.js';
import type { Alt, Vocabulary } from './vocabulary.js';

/** Most tokens of one query reading: a bit each in the candidates' token masks. */
export const MAX_QUERY_TOKENS = 32;
/** Similarity of a compound written joined on one side and as two words on the other. */
export const COMPOUND_SIMILARITY = 0.97;

export interface QueryToken {
  token: NameToken;
  alts: readonly Alt[];
  /** The token's weight (rarity × class × role). */
  weight: number;
}

/** A query reading ready to be matched: its tokens, their alternatives and weights. */
export interface Prepared {
  qs: QueryToken[];
  /** Per token, the weight it counts for (a split compound's later part weighs at least its stem). */
  qW: Float32Array;
  /** Σ qW. */
  U: number;
}

/**
 * Query tokens with their vocabulary alternatives and weights. `knownWeight`: for an index
 * searched beside a larger one, the weight the larger one gives a word this one does not know.
 */
export function prepare(vocab: Vocabulary, s: NameIndexSnapshot, qtokens: readonly NameToken[], knownWeight?: (token: NameToken) => number | null): Prepared {
  const qs: QueryToken[] = [];
  for (const token of qtokens) {
    const alts = vocab.alternatives(token);
    const top = alts[0];
    // A word matched well weighs what the stored word weighs; an unknown word is as rare as can be.
    const rarity = top && top.sim >= 0.8 ? s.vocabW[top.v]! : knownWeight?.(token) ?? s.unknownIdf * CLASS_MULTIPLIER[token.cls]!;
    const weight = rarity * roleWeight(token.role);
    qs.push({ token, alts, weight });
  }
  // Two query words that a name writes as one (`Agha Jani` → `Aghajani`).
  for (let i = 0; i + 1 < qs.length; i++) {
    const a = qs[i]!.token;
    const b = qs[i + 1]!.token;
    if (!isContent(a) || !isContent(b)) continue;
    const v = vocab.findExact(joinFolds(a.fold, b.fold));
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

/**
 * A prepared query's alternatives as flat arrays (entries of one query token consecutive),
 * linked per vocabulary token through `heads` so that a record's
 * tokens find the query tokens they may stand for in one look-up each. Buffers are reused
 * from query to query.
 */
export class Chains {
  count = 0;
  tokens = 0;
  /** First entry of each query token. */
  tokStart = new Int32Array(MAX_QUERY_TOKENS + 1);
  v = new Int32Array(256);
  tok = new Int32Array(256);
  sim = new Float32Array(256);
  rule = new Uint8Array(256);
  span = new Uint8Array(256);
  /** Query-side weight the entry covers (two tokens for a span of 2). */
  qw = new Float32Array(256);
  /** What the entry adds to a record's score numerator at most, query side (sim × qw). */
  gainQ = new Float64Array(256);
  /** What the entry adds at most on the name side (sim × the word's largest weight in any record). */
  gainN = new Float64Array(256);
  /** Next entry naming the same vocabulary token, or -1. */
  next = new Int32Array(256);
  /** Vocabulary token → its first entry. */
  readonly heads = new IntMap(512);

  /** Fills the chains from a prepared query. */
  link(p: Prepared, s: NameIndexSnapshot): this {
    const { qs, qW } = p;
    let n = 0;
    for (const q of qs) n += q.alts.length;
    this.reserve(n);
    this.heads.clear();
    let k = 0;
    for (let i = 0; i < qs.length; i++) {
      this.tokStart[i] = k;
      for (const a of qs[i]!.alts) {
        this.v[k] = a.v;
        this.tok[k] = i;
        this.sim[k] = a.sim;
        this.rule[k] = a.rule;
        this.span[k] = a.span;
        this.qw[k] = qW[i]! + (a.span === 2 ? (qW[i + 1] ?? 0) : 0);
        this.gainQ[k] = a.sim * this.qw[k]!;
        this.gainN[k] = a.sim * s.vocabMaxW[a.v]!;
        k++;
      }
    }
    this.tokStart[qs.length] = k;
    this.count = k;
    this.tokens = qs.length;
    // Linked last so that chains follow walking order.
    for (let x = k - 1; x >= 0; x--) {
      this.next[x] = this.heads.get(this.v[x]!);
      this.heads.set(this.v[x]!, x);
    }
    return this;
  }

  private reserve(n: number): void {
    if (n <= this.v.length) return;
    const size = Math.max(n, this.v.length * 2);
    this.v = new Int32Array(size);
    this.tok = new Int32Array(size);
    this.sim = new Float32Array(size);
    this.rule = new Uint8Array(size);
    this.span = new Uint8Array(size);
    this.qw = new Float32Array(size);
    this.gainQ = new Float64Array(size);
    this.gainN = new Float64Array(size);
    this.next = new Int32Array(size);
  }
}
