import { LayoutTable, type VowelLayout, abjadSkeletonKey, fingerprint, phoneticKey, skeletonKey, vowelLayout } from './fold.js';
import { KeyTable, hashString } from './keytable.js';
import {
  EDIT_MIN_LENGTH, JOINED_ARTICLE, type NameIndexSnapshot, SEED_EXACT, SEED_PHONETIC, SEED_SCRIPT, SEED_SKELETON, decodeChars, deletionHashes,
  isContent,
} from './layout.js';
import { RULE_EDIT, RULE_EXACT, RULE_FOLDED, RULE_NICKNAME, RULE_PHONETIC, RULE_SCRIPT, RULE_SKELETON } from './scorer.js';
import { givenNameRelatives, isGenderedName, oppositeGivenNames } from './given-names.js';
import { arabicSkeletonsCached } from './arabic-skeleton.js';
import { editDistanceCodes, jaroWinklerCodes, toCodes } from './similarity.js';
import type { NameToken } from './tokens.js';

/** A stored word a query word may stand for. */
export interface Alt {
  /** Vocabulary id. */
  v: number;
  /** Similarity in (0, 1]. */
  sim: number;
  /** RULE_* of scorer.ts. */
  rule: number;
  /** 2 when the alternative stands for this query token and the next, written as one word. */
  span: number;
}

/** Skeleton similarity by vowel-layout distance (see vowelLayoutDistance); unknown layout: 0.9. */
const SKELETON_BY_LAYOUT = [0.95, 0.87, 0.78, 0.72];
/** Most alternatives kept per query word, best first. */
const MAX_ALTS = 40;

/** Words per generation of the alternatives cache. */
const ALT_CACHE_LIMIT = 50_000;
/** Similarity of a given name and its short form: strong, yet below a spelling of the same word. */
const NICKNAME_SIMILARITY = 0.9;
/** Similarity of the two forms of an Arabic word ending in ta marbuta (`Harakat`/`Haraka`). */
const MARBUTA_SIMILARITY = 0.92;
/** Lowest similarity of an alternative. */
const MIN_SIMILARITY = 0.7;

/**
 * The vocabulary of a frozen index: folded words with their weights, and the key tables that
 * lead from a query word to the stored words it may stand for.
 */
export class Vocabulary {
  private readonly exactT: KeyTable;
  private readonly skeletonT: KeyTable;
  private readonly phoneticT: KeyTable;
  private readonly deletionsT: KeyTable;
  private readonly articlelessT: KeyTable;
  private readonly scriptT: KeyTable;
  /** Decoded folds of the words queries have reached (a dense array: V8 keeps it fast). */
  private readonly foldCache: (string | undefined)[];
  /** Vowel layouts of the words queries have reached. */
  private readonly layouts: LayoutTable;
  /**
   * Alternatives of the words looked up, in two generations: a look-up in the old one moves
   * the entry to the young one, and when the young one is full it becomes the old one. Words
   * in use stay; a word seen once drops out after two generations. (Cleared whole, the cache
   * lost the most frequent words, which are also the dearest to recompute.)
   */
  private youngAlts = new Map<string, Alt[]>();
  private oldAlts = new Map<string, Alt[]>();
  // Scratch of computeAlternatives: per vocabulary word, the generation that found, examined
  // or tried it, so that nothing is cleared between words.
  private generation = 0;
  private readonly foundAt: Int32Array;
  private readonly foundSlot: Int32Array;
  private readonly examined: Int32Array;
  private readonly tried: Int32Array;
  private altCount = 0;
  private altV = new Int32Array(64);
  private altSim = new Float64Array(64);
  private altRule = new Uint8Array(64);
  /** The query word being looked up, as code units. */
  private readonly qCodes = new Uint16Array(255);
  private readonly deletionScratch: number[] = [];
  private qLen = 0;

  constructor(private readonly s: NameIndexSnapshot) {
    this.exactT = new KeyTable(s.exact);
    this.skeletonT = new KeyTable(s.skeleton);
    this.phoneticT = new KeyTable(s.phonetic);
    this.deletionsT = new KeyTable(s.deletions);
    this.articlelessT = new KeyTable(s.articleless);
    this.scriptT = new KeyTable(s.scriptSkeleton);
    this.foldCache = new Array<string | undefined>(s.vocabCount).fill(undefined);
    this.layouts = new LayoutTable(s.vocabCount);
    this.foundAt = new Int32Array(s.vocabCount);
    this.foundSlot = new Int32Array(s.vocabCount);
    this.examined = new Int32Array(s.vocabCount);
    this.tried = new Int32Array(s.vocabCount);
  }

  fold(v: number): string {
    let f = this.foldCache[v];
    if (f === undefined) {
      f = decodeChars(this.s.vocabChars, this.s.vocabOff[v]!, this.s.vocabOff[v + 1]!);
      this.foldCache[v] = f;
    }
    return f;
  }

  /** layoutDistance between a query layout (with its cluster fingerprints) and word v's layout. */
  private layoutDistanceTo(q: VowelLayout | null, qA: number, qB: number, v: number): number | null {
    if (q === null) return null;
    if (this.layouts.state[v] === 0) this.layouts.set(v, vowelLayout(this.fold(v)));
    return this.layouts.distance(q, qA, qB, v);
  }

  /** The vocabulary token whose fold is exactly `fold`, or -1. */
  findExact(fold: string): number {
    const t = this.exactT;
    const g = t.find(hashString(fold, SEED_EXACT));
    if (g < 0) return -1;
    const s = this.s;
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
  alternatives(token: NameToken): readonly Alt[] {
    // Name words follow a steep frequency curve: most query words were looked up before.
    const cacheKey = `${token.abjad ? '1' : '0'}${token.cls}${token.fold}${token.arabic === undefined ? '' : ` ${token.arabic}`}`;
    const young = this.youngAlts.get(cacheKey);
    if (young) return young;
    const alts = this.oldAlts.get(cacheKey) ?? this.computeAlternatives(token);
    if (this.youngAlts.size >= ALT_CACHE_LIMIT) {
      this.oldAlts = this.youngAlts;
      this.youngAlts = new Map();
    }
    this.youngAlts.set(cacheKey, alts);
    return alts;
  }

  private computeAlternatives(token: NameToken): Alt[] {
    const fold = token.fold;
    const gen = this.nextGeneration();
    this.altCount = 0;
    this.qLen = toCodes(fold, this.qCodes);
    const exact = this.findExact(fold);
    if (exact >= 0) this.offer(exact, 1, RULE_EXACT, gen);
    if (isContent(token) && !/^\d+$/.test(fold)) {
      const joined = JOINED_ARTICLE.exec(fold);
      if (joined) {
        const v = this.findExact(joined[2]!);
        if (v >= 0) this.offer(v, 0.95, RULE_FOLDED, gen);
      }
      const al = this.articlelessT;
      const ga = al.find(hashString(fold, SEED_EXACT));
      if (ga >= 0) for (let x = al.offsets[ga]!; x < al.offsets[ga + 1]!; x++) this.offer(al.values[x]!, 0.95, RULE_FOLDED, gen);
      const sk = skeletonKey(fold);
      if (sk.length >= 2) {
        const qLayout = token.abjad ? null : vowelLayout(fold);
        this.fuzzyGroup(this.skeletonT, hashString(sk, SEED_SKELETON), sk.length, token, qLayout, RULE_SKELETON, gen);
        const ask = token.abjad ? abjadSkeletonKey(fold) : sk;
        if (ask !== sk && ask.length >= 2) this.fuzzyGroup(this.skeletonT, hashString(ask, SEED_SKELETON), ask.length, token, qLayout, RULE_SKELETON, gen);
        this.fuzzyGroup(this.phoneticT, hashString(phoneticKey(sk), SEED_PHONETIC), sk.length, token, qLayout, RULE_PHONETIC, gen);
      }
      // Arabic ta marbuta is written `-at` before a noun and `-a`/`-ah` alone: `Katibat Imam
      // al-Bukhari` / `Katiba`, `Harakat` / `Haraka`.
      // The other form is looked up as written only: its skeleton neighbours would add
      // candidates to every query with a word ending in `a`.
      const marbuta = fold.length >= 6 && fold.endsWith('at') ? fold.slice(0, -1) : fold.length >= 5 && fold.endsWith('a') ? `${fold}t` : null;
      if (marbuta !== null && !token.abjad) {
        const v = this.findExact(marbuta);
        if (v >= 0) this.offer(v, MARBUTA_SIMILARITY, RULE_FOLDED, gen);
      }
      this.acrossScripts(token, sk, gen);
      if (fold.length >= EDIT_MIN_LENGTH) this.editNeighbours(fold, gen);
      for (const name of givenNameRelatives(fold)) {
        const v = this.findExact(name);
        if (v >= 0) this.offer(v, NICKNAME_SIMILARITY, RULE_NICKNAME, gen);
      }
    }
    const alts: Alt[] = [];
    const gendered = isGenderedName(fold);
    for (let x = 0; x < this.altCount; x++) {
      const rule = this.altRule[x]!;
      // `Daniel` is not a spelling of `Danielle`, nor `Aleksandr` of `Aleksandra`.
      if (gendered && rule !== RULE_EXACT && rule !== RULE_NICKNAME && oppositeGivenNames(fold, this.fold(this.altV[x]!))) continue;
      alts.push({ v: this.altV[x]!, sim: this.altSim[x]!, rule, span: 1 });
    }
    alts.sort((a, b) => b.sim - a.sim || this.s.vocabW[b.v]! - this.s.vocabW[a.v]!);
    return alts.length > MAX_ALTS ? alts.slice(0, MAX_ALTS) : alts;
  }

  /**
   * Skeleton or phonetic neighbours: similarity from the vowel layout and Jaro-Winkler; when
   * either word is from Arabic script, whose vowels are unknown, from the skeleton's length.
   */
  private fuzzyGroup(t: KeyTable, key: number, keyLength: number, token: NameToken, qLayout: VowelLayout | null, rule: number, gen: number): void {
    const g = t.find(key);
    if (g < 0) return;
    const fold = token.fold;
    const s = this.s;
    const abjadTable = s.vocabAbjad;
    const qA = qLayout === null ? 0 : fingerprint(qLayout.clusterKey, 0x3c6ef372);
    const qB = qLayout === null ? 0 : fingerprint(qLayout.clusterKey, 0x0a54ff53);
    for (let x = t.offsets[g]!; x < t.offsets[g + 1]!; x++) {
      const v = t.values[x]!;
      // A word examined once is not examined again: its phonetic similarity is below its skeleton one.
      if (this.examined[v] === gen) continue;
      this.examined[v] = gen;
      if (this.foundAt[v] === gen) continue;
      const vStart = s.vocabOff[v]!;
      const vLen = s.vocabOff[v + 1]! - vStart;
      const vAbjad = abjadTable[v] === 1;
      if (!comparableLengths(fold.length, token.abjad, vLen, vAbjad)) continue;
      if (token.abjad || vAbjad) {
        const sim = rule === RULE_PHONETIC ? scriptSimilarity(keyLength) - 0.1 : scriptSimilarity(keyLength);
        if (sim >= MIN_SIMILARITY) this.offer(v, sim, rule, gen);
        continue;
      }
      const d = qLayout === null || vAbjad ? null : this.layoutDistanceTo(qLayout, qA, qB, v);
      const bySkeleton = d === null ? 0.9 : SKELETON_BY_LAYOUT[Math.min(3, d)]!;
      // A phonetic neighbour needs bySkeleton - 0.1 >= MIN_SIMILARITY: most fail here, before Jaro-Winkler.
      if (rule === RULE_PHONETIC && bySkeleton - 0.1 < MIN_SIMILARITY) continue;
      const jw = 0.55 + 0.45 * jaroWinklerCodes(this.qCodes, 0, this.qLen, s.vocabChars, vStart, vLen);
      if (jw < MIN_SIMILARITY) continue;
      let sim = Math.min(bySkeleton, jw);
      // Phonetic keys merge letters romanisations keep apart (ش/س, د/ت): weaker evidence.
      if (rule === RULE_PHONETIC) sim = Math.min(sim - 0.1, 0.8);
      if (sim >= MIN_SIMILARITY) this.offer(v, sim, rule, gen);
    }
  }

  /**
   * Words of the other script with the same consonants: a Latin word meets the Arabic-script
   * words whose letters read as its skeleton; an Arabic-script word meets the words (of either
   * script) whose skeleton is one of its readings. Vowels are unknown on the Arabic side, so
   * the similarity is fixed, lower for a skeleton of two letters.
   */
  private acrossScripts(token: NameToken, sk: string, gen: number): void {
    if (!token.abjad && sk.length >= 2) this.offerGroup(this.scriptT, hashString(sk, SEED_SCRIPT), scriptSimilarity(sk.length), gen);
    if (token.arabic === undefined) return;
    for (const k of arabicSkeletonsCached(token.arabic)) {
      this.offerGroup(this.skeletonT, hashString(k, SEED_SKELETON), scriptSimilarity(k.length), gen);
      this.offerGroup(this.scriptT, hashString(k, SEED_SCRIPT), scriptSimilarity(k.length), gen);
    }
  }

  private offerGroup(t: KeyTable, key: number, sim: number, gen: number): void {
    const g = t.find(key);
    if (g < 0) return;
    for (let x = t.offsets[g]!; x < t.offsets[g + 1]!; x++) this.offer(t.values[x]!, sim, RULE_SCRIPT, gen);
  }

  /** Neighbours within one edit (two for long words), through the one-deletion keys. */
  private editNeighbours(fold: string, gen: number): void {
    const maxD = fold.length >= 8 ? 2 : 1;
    const t = this.deletionsT;
    const s = this.s;
    for (const key of deletionHashes(fold, this.deletionScratch)) {
      const g = t.find(key);
      if (g < 0) continue;
      for (let x = t.offsets[g]!; x < t.offsets[g + 1]!; x++) {
        const v = t.values[x]!;
        if (this.foundAt[v] === gen || this.tried[v] === gen) continue;
        this.tried[v] = gen;
        const vStart = s.vocabOff[v]!;
        const vLen = s.vocabOff[v + 1]! - vStart;
        const dist = editDistanceCodes(this.qCodes, 0, this.qLen, s.vocabChars, vStart, vLen, maxD);
        if (dist > maxD) continue;
        // A typo costs more in a short word; a different first letter usually means a different word.
        let sim = 1 - (dist * 0.35) / Math.sqrt(Math.max(fold.length, vLen));
        if (fold.charCodeAt(0) !== s.vocabChars[vStart]) sim -= 0.05;
        sim = Math.min(sim, 0.55 + 0.45 * jaroWinklerCodes(this.qCodes, 0, this.qLen, s.vocabChars, vStart, vLen));
        if (sim >= MIN_SIMILARITY) this.offer(v, sim, RULE_EDIT, gen);
      }
    }
  }

  /** Keeps v as an alternative, or raises its similarity. */
  private offer(v: number, sim: number, rule: number, gen: number): void {
    if (this.foundAt[v] === gen) {
      const x = this.foundSlot[v]!;
      if (this.altSim[x]! < sim) {
        this.altSim[x] = sim;
        this.altRule[x] = rule;
      }
      return;
    }
    if (this.altCount === this.altV.length) {
      const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a as never);
        return b;
      };
      this.altV = grow(this.altV, (n) => new Int32Array(n));
      this.altSim = grow(this.altSim, (n) => new Float64Array(n));
      this.altRule = grow(this.altRule, (n) => new Uint8Array(n));
    }
    const x = this.altCount++;
    this.foundAt[v] = gen;
    this.foundSlot[v] = x;
    this.altV[x] = v;
    this.altSim[x] = sim;
    this.altRule[x] = rule;
  }

  private nextGeneration(): number {
    if (++this.generation > 0x3fffffff) {
      this.generation = 1;
      this.foundAt.fill(0);
      this.examined.fill(0);
      this.tried.fill(0);
    }
    return this.generation;
  }
}

/**
 * Similarity of two words with the same skeleton when one is from Arabic script (its vowels
 * unknown): the more consonants agree, the likelier the same name.
 */
function scriptSimilarity(skeletonLength: number): number {
  return skeletonLength >= 4 ? 0.9 : skeletonLength === 3 ? 0.88 : 0.8;
}

/**
 * Whether two folds are long enough to be compared by skeleton: short words sharing a
 * skeleton are usually different words (`MCB`/`MICB`), unless the short one was written in
 * Arabic script, without its vowels.
 */
function comparableLengths(aLen: number, aAbjad: boolean, bLen: number, bAbjad: boolean): boolean {
  const aShort = aLen <= bLen;
  const short = aShort ? aLen : bLen;
  if (short >= 4) return true;
  const long = aShort ? bLen : aLen;
  return (aShort ? aAbjad : bAbjad) && short >= 2 && long >= short + 1;
}
