/**
 * Token-by-token scoring of a query against one stored name.
 *
 * Each query token may align with at most one name token and vice versa. A pair contributes
 * its similarity times the two tokens' weights (rarity × class); the score is that sum over
 * the total weight of both names (a weighted Dice coefficient). So an unmatched rare token on
 * either side pulls the score down by its weight, and a single shared common word (`Muslim`,
 * `Front`) cannot carry a multi-word name. Whole-string similarity is never used: it rates
 * `Lashkar-e-Taiba` close to `Lashkar-e-Jhangvi` because they share a long prefix.
 */

export const RULES = ['exact', 'folded', 'skeleton', 'phonetic', 'edit-distance', 'initials', 'abbreviation', 'compound', 'script', 'nickname'] as const;
export type RuleName = (typeof RULES)[number];
export const RULE_EXACT = 0;
export const RULE_FOLDED = 1;
export const RULE_SKELETON = 2;
export const RULE_PHONETIC = 3;
export const RULE_EDIT = 4;
export const RULE_INITIALS = 5;
export const RULE_ABBREVIATION = 6;
/** One side writes as one word what the other writes as two (`Aghajani`/`Agha-Jani`). */
export const RULE_COMPOUND = 7;
/** An Arabic-script word and a romanisation with the same consonants, read the ways romanisations read its letters (arabic-skeleton.ts). */
export const RULE_SCRIPT = 8;
/** A given name and its short form (`Bill`/`William`, `Sasha`/`Aleksandr`): see given-names.ts. */
export const RULE_NICKNAME = 9;
/**
 * Flag added to a pair's rule when the word has another role on the other side (a father's
 * name, a title): the pair's similarity is lowered, and the explanation says `role-mismatch`.
 */
export const RULE_ROLE_MISMATCH = 0x80;

export interface AlignmentRow {
  /** The query token (as written, normalised), or null for a name token left unmatched. */
  query: string | null;
  /** The name token, or null for a query token left unmatched. */
  name: string | null;
  /** 0 when unmatched. */
  similarity: number;
  /** Share of the total weight this row carries: the score is Σ similarity × weight. */
  weight: number;
  /** `exact`, `folded`, `skeleton`, `phonetic`, `edit-distance`, `initials`, `abbreviation`, `compound`, `script`, `nickname`, or `unmatched`. */
  rule: string;
}

export interface MatchExplanation {
  query: string;
  matchedName: string;
  queryTokens: string[];
  nameTokens: string[];
  alignment: AlignmentRow[];
  /**
   * The rules that fired, `unmatched-tokens` when some token found no partner,
   * `role-mismatch` when a word is a father's name or a title on one side only,
   * `family-name-unmatched` when no word of a family name matched (its words count double),
   * `number-mismatch` when both names hold numbers and none matched (they count double), and
   * `patronymic-mismatch` when both give a father's name and none matched; `title-unmatched` and
   * `father-name-unmatched` when a title, or a father's name inside a name, is on one side only
   * (they weigh little); `qualifier-mismatch` when brackets name different places or branches
   * (the score is held below the alert).
   */
  rules: string[];
}

const MAX_PAIRS = 4096;
const MAX_TOKENS = 256;

/**
 * Greedy one-to-one alignment over candidate pairs, best similarity first (then heaviest), with
 * buffers reused across calls: the index runs it for every shortlisted candidate. A pair may
 * span two adjacent tokens on one side (a compound written joined on the other side).
 */
export class Aligner {
  readonly pairQ = new Int32Array(MAX_PAIRS);
  readonly pairN = new Int32Array(MAX_PAIRS);
  readonly pairSim = new Float32Array(MAX_PAIRS);
  readonly pairRule = new Uint8Array(MAX_PAIRS);
  readonly pairQSpan = new Uint8Array(MAX_PAIRS);
  readonly pairNSpan = new Uint8Array(MAX_PAIRS);
  private readonly order = new Int32Array(MAX_PAIRS);
  private readonly keyBuf = new Float64Array(MAX_PAIRS);
  pairCount = 0;
  /**
   * After {@link solve}, for each query token: the first name token it aligned with, -1 when
   * unmatched, -2 when covered by the pair of the previous query token.
   */
  readonly qMatch = new Int32Array(MAX_TOKENS);
  readonly qSim = new Float32Array(MAX_TOKENS);
  readonly qRule = new Uint8Array(MAX_TOKENS);
  readonly qSpan = new Uint8Array(MAX_TOKENS);
  readonly nSpan = new Uint8Array(MAX_TOKENS);
  readonly nUsed = new Uint8Array(MAX_TOKENS);

  reset(): void {
    this.pairCount = 0;
  }

  add(q: number, n: number, sim: number, rule: number, qSpan = 1, nSpan = 1): void {
    if (this.pairCount >= MAX_PAIRS || n + nSpan > MAX_TOKENS || q + qSpan > MAX_TOKENS) return;
    const k = this.pairCount++;
    this.pairQ[k] = q;
    this.pairN[k] = n;
    this.pairSim[k] = sim;
    this.pairRule[k] = rule;
    this.pairQSpan[k] = qSpan;
    this.pairNSpan[k] = nSpan;
  }

  /** Aligns and returns the weighted matched sum Σ sim × (weights of the tokens the pair covers). */
  solve(qCount: number, nCount: number, qW: Float32Array, nW: Float32Array): number {
    const count = this.pairCount;
    for (let i = 0; i < qCount; i++) this.qMatch[i] = -1;
    this.nUsed.fill(0, 0, Math.min(nCount, MAX_TOKENS));
    for (let k = 0; k < count; k++) {
      this.order[k] = k;
      // Similarity first so an exact partner always wins over a fuzzy one; weight breaks ties.
      this.keyBuf[k] = Math.round(this.pairSim[k]! * 1e4) * 1e4 + Math.min(9999, this.pairWeight(k, qW, nW) * 100);
    }
    for (let a = 1; a < count; a++) {
      const x = this.order[a]!;
      const kx = this.keyBuf[x]!;
      let b = a - 1;
      while (b >= 0 && this.keyBuf[this.order[b]!]! < kx) {
        this.order[b + 1] = this.order[b]!;
        b--;
      }
      this.order[b + 1] = x;
    }
    let sum = 0;
    for (let a = 0; a < count; a++) {
      const k = this.order[a]!;
      const q = this.pairQ[k]!;
      const n = this.pairN[k]!;
      const qs = this.pairQSpan[k]!;
      const ns = this.pairNSpan[k]!;
      if (this.qMatch[q] !== -1 || this.nUsed[n]) continue;
      if (qs === 2 && (q + 1 >= qCount || this.qMatch[q + 1] !== -1)) continue;
      if (ns === 2 && (n + 1 >= nCount || this.nUsed[n + 1])) continue;
      this.qMatch[q] = n;
      this.qSim[q] = this.pairSim[k]!;
      this.qRule[q] = this.pairRule[k]!;
      this.qSpan[q] = qs;
      this.nSpan[q] = ns;
      if (qs === 2) this.qMatch[q + 1] = -2;
      this.nUsed[n] = 1;
      if (ns === 2) this.nUsed[n + 1] = 1;
      sum += this.pairSim[k]! * this.pairWeight(k, qW, nW);
    }
    return sum;
  }

  private pairWeight(k: number, qW: Float32Array, nW: Float32Array): number {
    const q = this.pairQ[k]!;
    const n = this.pairN[k]!;
    let w = qW[q]! + nW[n]!;
    if (this.pairQSpan[k] === 2) w += qW[q + 1] ?? 0;
    if (this.pairNSpan[k] === 2) w += nW[n + 1] ?? 0;
    return w;
  }
}

export interface ExplainInput {
  query: string;
  matchedName: string;
  queryTokens: readonly { surface: string; via: string | null }[];
  nameTokens: readonly { surface: string; via: string | null }[];
  qW: Float32Array;
  nW: Float32Array;
  total: number;
  /** The {@link Aligner}'s result. */
  aligner: Aligner;
  /** Set when the whole query matched as the initials of the name. */
  initials: number | null;
  /** Rules that weighed on the score as a whole (`family-name-unmatched`, `number-mismatch`). */
  notes?: readonly string[];
}

export function explain(x: ExplainInput): MatchExplanation {
  const alignment: AlignmentRow[] = [];
  const fired = new Set<string>();
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  if (x.initials !== null) {
    const share = 1 / Math.max(1, x.nameTokens.length);
    for (const n of x.nameTokens) alignment.push({ query: x.queryTokens[0]?.surface ?? x.query, name: n.surface, similarity: round(x.initials), weight: round(share), rule: 'initials' });
    fired.add('initials');
    return { query: x.query, matchedName: x.matchedName, queryTokens: x.queryTokens.map((t) => t.surface), nameTokens: x.nameTokens.map((t) => t.surface), alignment, rules: [...fired] };
  }
  const nameMatched = new Set<number>();
  const total = x.total > 0 ? x.total : 1;
  const al = x.aligner;
  x.queryTokens.forEach((qt, i) => {
    const n = al.qMatch[i]!;
    if (n === -2) return;
    if (n < 0) {
      alignment.push({ query: qt.surface, name: null, similarity: 0, weight: round(x.qW[i]! / total), rule: 'unmatched' });
      fired.add('unmatched-tokens');
      return;
    }
    const qSpan = al.qSpan[i]!;
    const nSpan = al.nSpan[i]!;
    const nt = x.nameTokens[n]!;
    let qText = qt.surface;
    let nText = nt.surface;
    let weight = x.qW[i]! + x.nW[n]!;
    nameMatched.add(n);
    if (qSpan === 2) {
      qText += ` ${x.queryTokens[i + 1]?.surface ?? ''}`;
      weight += x.qW[i + 1] ?? 0;
    }
    if (nSpan === 2) {
      nText += ` ${x.nameTokens[n + 1]?.surface ?? ''}`;
      weight += x.nW[n + 1] ?? 0;
      nameMatched.add(n + 1);
    }
    const ruleBits = al.qRule[i]!;
    if (ruleBits & RULE_ROLE_MISMATCH) fired.add('role-mismatch');
    const ruleIndex = ruleBits & ~RULE_ROLE_MISMATCH;
    let rule: string = RULES[ruleIndex] ?? 'exact';
    if (ruleIndex === RULE_EXACT) {
      if (qt.via === 'abbreviation' || nt.via === 'abbreviation') rule = qt.surface === nt.surface ? 'exact' : 'abbreviation';
      // One side wrote the words as one (`Hizbul`, `Jabhatalnusra`), split to meet the other.
      else if ((qt.via === 'split') !== (nt.via === 'split')) rule = 'compound';
      else if (qt.surface !== nt.surface) rule = 'folded';
    }
    fired.add(rule);
    alignment.push({ query: qText, name: nText, similarity: round(al.qSim[i]!), weight: round(weight / total), rule });
  });
  x.nameTokens.forEach((nt, j) => {
    if (nameMatched.has(j)) return;
    alignment.push({ query: null, name: nt.surface, similarity: 0, weight: round(x.nW[j]! / total), rule: 'unmatched' });
    fired.add('unmatched-tokens');
  });
  for (const note of x.notes ?? []) fired.add(note);
  return {
    query: x.query,
    matchedName: x.matchedName,
    queryTokens: x.queryTokens.map((t) => t.surface),
    nameTokens: x.nameTokens.map((t) => t.surface),
    alignment,
    rules: [...fired],
  };
}
