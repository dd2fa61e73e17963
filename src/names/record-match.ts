import { type NameIndexSnapshot, joinFolds } from './layout.js';
import type { Chains, Prepared } from './query.js';
import { COMPOUND_SIMILARITY } from './query.js';
import { type Aligner, RULE_COMPOUND, RULE_ROLE_MISMATCH } from './scorer.js';
import { TokenClass } from './lexicon.js';
import { ROLE_INNER, ROLE_PATRONYMIC, ROLE_SURNAME, ROLE_TITLE } from './tokens.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * When no word of a family name (of a `LAST, First` name) is matched, its words count this
 * many times their weight against the score: a query without the listed person's family name
 * is a weaker match (`Omar Sharif` against `Mohammed, Shariff Omar`). Once one word of it
 * matches, the others count as any word: a second family name is often left out
 * (`Nacho Gonzalez` for `GONZALEZ PENUELAS, Ignacio`).
 */
export const UNMATCHED_SURNAME_WEIGHT = 2;
/**
 * When both names hold numbers and none of them match (`BRANCH 290` / `BRANCH 227`, `AO 810
 * ARZ` / `AO 356 ARZ`), the numbers count this many times their weight against the score:
 * a different number is a different entity more often than a missing word is.
 */
export const MISMATCHED_NUMBER_WEIGHT = 2;
/**
 * Similarity factor when a word is a father's name (after `bin`) or a title on one side only:
 * `Mohammed bin Salman` (son of Salman) against `SALMAN, Muhammad`, `Mohammad Hafeez` against
 * `Hafiz Muhammad` (Muhammad, who knows the Quran by heart).
 */
const ROLE_MISMATCH_SIMILARITY = 0.7;
/** The same for a title on one side only: a title weighs little (layout.ts), so its partner's lost similarity must count for more. */
const TITLE_MISMATCH_SIMILARITY = 0.5;
/**
 * When both names give a father's name and none match, those words count this many times
 * their (lowered) weight against the score: the names are of two sons of different fathers.
 */
export const MISMATCHED_PATRONYMIC_WEIGHT = 3;

/**
 * Scores stored records against one prepared query: a cheap upper bound from the record's own
 * tokens, and the token alignment that gives the score.
 */
export class RecordMatcher {
  private readonly recPairW: Float32Array;
  private estBest = new Float64Array(64);
  private estStamp = new Int32Array(64);
  private estGen = 0;
  /** After align: what the rules on the name as a whole add to the score's denominator. */
  extra = 0;
  /** After align: whether the record's, and the query's, unmatched family-name words count double. */
  nameSurnameDouble = false;
  querySurnameDouble = false;
  /** After align: whether both sides hold numbers and none matched (see MISMATCHED_NUMBER_WEIGHT). */
  numbersMismatch = false;
  /** After align: whether both sides give fathers' names and none matched (see MISMATCHED_PATRONYMIC_WEIGHT). */
  patronymicsMismatch = false;
  /** After align: whether a title, or a father's name inside a name, is left unmatched (they weigh little: layout.ts roleWeight). */
  titleUnmatched = false;
  innerUnmatched = false;
  /** After align: the record's token weights, in nW[0 .. nCount). */
  nW = new Float32Array(256);
  nCount = 0;
  /** After align: the weight each record token, and each query token, counts for (its own, or more under the rules above). */
  nCounted = new Float32Array(256);
  qCounted = new Float32Array(64);

  constructor(private readonly s: NameIndexSnapshot, private readonly vocab: Vocabulary) {
    this.recPairW = new Float32Array(s.recPair.buffer, s.recPair.byteOffset, s.recPair.length);
  }

  /**
   * An upper bound of a record's score from its own tokens: each query token takes its best
   * partner in the record, without the one-to-one constraint of the alignment.
   */
  estimate(r: number, U: number, c: Chains): number {
    const s = this.s;
    const heads = c.heads;
    const pair = s.recPair;
    const pairW = this.recPairW;
    if (this.estBest.length < c.tokens) {
      this.estBest = new Float64Array(c.tokens * 2);
      this.estStamp = new Int32Array(c.tokens * 2);
    }
    const best = this.estBest;
    const stamp = this.estStamp;
    const st = ++this.estGen;
    const end = 2 * s.recOff[r + 1]!;
    let sum = 0;
    for (let j = 2 * s.recOff[r]!; j < end; j += 2) {
      const head = heads.get(pair[j]!);
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
    return sum / (U + s.recW[r]!);
  }

  /**
   * Aligns one record with the query; returns Σ similarity × weight over the aligned pairs (the
   * score's numerator; see also `extra`). `joinTokens`: query tokens to try against two
   * adjacent record tokens written as one word (`Aghajani` / `Agha Jani`).
   */
  align(r: number, p: Prepared, c: Chains, joinTokens: readonly number[] | null, aligner: Aligner): number {
    const s = this.s;
    const { qs, qW } = p;
    const heads = c.heads;
    const start = s.recOff[r]!;
    const nCount = s.recOff[r + 1]! - start;
    if (this.nW.length < nCount) this.nW = new Float32Array(nCount * 2);
    const nW = this.nW;
    this.nCount = nCount;
    aligner.reset();
    for (let j = 0; j < nCount; j++) {
      const v = s.recPair[2 * (start + j)]!;
      nW[j] = this.recPairW[2 * (start + j) + 1]!;
      const head = heads.get(v);
      if (head < 0) continue;
      const nRole = s.recFlags[start + j]! >> 1;
      for (let k = head; k >= 0; k = c.next[k]!) {
        const i = c.tok[k]!;
        let sim = c.sim[k]!;
        let rule = c.rule[k]!;
        // The same word as a father's name on one side only, or as a title on one side only.
        const differ = (qs[i]!.token.role ^ nRole) & (ROLE_PATRONYMIC | ROLE_TITLE);
        if (differ !== 0) {
          sim *= differ & ROLE_TITLE ? TITLE_MISMATCH_SIMILARITY : ROLE_MISMATCH_SIMILARITY;
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
          const a = this.vocab.fold(s.recPair[2 * (start + j)]!);
          const b = this.vocab.fold(s.recPair[2 * (start + j + 1)]!);
          if (a.length + b.length >= fold.length && joinFolds(a, b) === fold) aligner.add(i, j, COMPOUND_SIMILARITY, RULE_COMPOUND, 1, 2);
        }
      }
    }
    const matched = aligner.solve(qs.length, nCount, qW, nW);
    // Which rules on the name as a whole apply: a family name left wholly unmatched, on either
    // side (UNMATCHED_SURNAME_WEIGHT); numbers on both sides and none matched (MISMATCHED_NUMBER_WEIGHT).
    let nSurnameMissed = false;
    let nSurnameMatched = false;
    let nNumberMissed = false;
    let qSurnameMissed = false;
    let qSurnameMatched = false;
    let qNumberMissed = false;
    let numberMatched = false;
    let nFatherMissed = false;
    let qFatherMissed = false;
    let fatherMatched = false;
    for (let j = 0; j < nCount; j++) {
      const used = aligner.nUsed[j] === 1;
      if ((s.recFlags[start + j]! >> 1) & ROLE_SURNAME) {
        if (used) nSurnameMatched = true;
        else nSurnameMissed = true;
      }
      if (s.vocabCls[s.recPair[2 * (start + j)]!] === TokenClass.Number) {
        if (used) numberMatched = true;
        else nNumberMissed = true;
      }
      if ((s.recFlags[start + j]! >> 1) & ROLE_PATRONYMIC) {
        if (used) fatherMatched = true;
        else nFatherMissed = true;
      }
    }
    for (let i = 0; i < qs.length; i++) {
      const used = aligner.qMatch[i] !== -1;
      const t = qs[i]!.token;
      if (t.role & ROLE_SURNAME) {
        if (used) qSurnameMatched = true;
        else qSurnameMissed = true;
      }
      if (t.cls === TokenClass.Number) {
        if (used) numberMatched = true;
        else qNumberMissed = true;
      }
      if (t.role & ROLE_PATRONYMIC) {
        if (used) fatherMatched = true;
        else qFatherMissed = true;
      }
    }
    this.nameSurnameDouble = nSurnameMissed && !nSurnameMatched;
    this.querySurnameDouble = qSurnameMissed && !qSurnameMatched;
    this.numbersMismatch = nNumberMissed && qNumberMissed && !numberMatched;
    this.patronymicsMismatch = nFatherMissed && qFatherMissed && !fatherMatched;
    // The weight each token counts for in the score's denominator: its own, more under those rules.
    if (this.nCounted.length < nCount) this.nCounted = new Float32Array(nCount * 2);
    if (this.qCounted.length < qs.length) this.qCounted = new Float32Array(qs.length * 2);
    let extra = 0;
    let titleUnmatched = false;
    let innerUnmatched = false;
    for (let j = 0; j < nCount; j++) {
      let w = nW[j]!;
      if (aligner.nUsed[j] !== 1) {
        const role = s.recFlags[start + j]! >> 1;
        if (role & ROLE_TITLE) titleUnmatched = true;
        if (role & ROLE_INNER) innerUnmatched = true;
        if (this.nameSurnameDouble && (s.recFlags[start + j]! >> 1) & ROLE_SURNAME) w *= UNMATCHED_SURNAME_WEIGHT;
        if (this.numbersMismatch && s.vocabCls[s.recPair[2 * (start + j)]!] === TokenClass.Number) w *= MISMATCHED_NUMBER_WEIGHT;
        if (this.patronymicsMismatch && (s.recFlags[start + j]! >> 1) & ROLE_PATRONYMIC) w *= MISMATCHED_PATRONYMIC_WEIGHT;
      }
      this.nCounted[j] = w;
      extra += w - nW[j]!;
    }
    for (let i = 0; i < qs.length; i++) {
      let w = qW[i]!;
      if (aligner.qMatch[i] === -1) {
        const t = qs[i]!.token;
        if (t.role & ROLE_TITLE) titleUnmatched = true;
        if (t.role & ROLE_INNER) innerUnmatched = true;
        if (this.querySurnameDouble && t.role & ROLE_SURNAME) w *= UNMATCHED_SURNAME_WEIGHT;
        if (this.numbersMismatch && t.cls === TokenClass.Number) w *= MISMATCHED_NUMBER_WEIGHT;
        if (this.patronymicsMismatch && t.role & ROLE_PATRONYMIC) w *= MISMATCHED_PATRONYMIC_WEIGHT;
      }
      this.qCounted[i] = w;
      extra += w - qW[i]!;
    }
    this.extra = extra;
    this.titleUnmatched = titleUnmatched;
    this.innerUnmatched = innerUnmatched;
    return matched;
  }
}
