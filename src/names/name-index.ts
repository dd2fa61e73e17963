import type { NameType } from '../model/types.js';
import { NAME_TYPES } from '../model/types.js';
import { type VowelLayout, abjadSkeletonKey, layoutDistance, phoneticKey, skeletonKey, vowelLayout } from './fold.js';
import {
  IntList, KeyTable, KeyTableBuilder, type KeyTableData, allocFloat32, allocInt32, allocUint16, allocUint32, allocUint8, hashString,
} from './keytable.js';
import { CLASS_MULTIPLIER, TokenClass } from './lexicon.js';
import {
  Aligner, type MatchExplanation, RULE_COMPOUND, RULE_EDIT, RULE_EXACT, RULE_FOLDED, RULE_PHONETIC, RULE_SKELETON, explain,
} from './scorer.js';
import { editDistance, jaroWinkler } from './similarity.js';
import { type NameToken, acronymForms, initialsOf, nameSegments, tokenize } from './tokens.js';

/**
 * Score at or above which a match raises an alert. Chosen on bench/match.ts: at 0.85 the hard
 * negatives of bench/data/negatives.txt that still alert are name collisions the folding
 * rules call the same name on purpose (`Mohammad Hafeez` ≡ `Hafiz Muhammad`, `Omar Sharif` ⊂
 * `Mohammed, Shariff Omar`); between 0.8 and 0.85 sat near-misses on one respelled word
 * (`Al Tayer Group` / `Al-Ta'ir Company`). Ranking (recall@k) does not depend on it.
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
}

/** What the last `search` did: how many stored names it touched and fully scored. */
export interface SearchStats {
  /** Name readings reached through postings of the query's keys. */
  candidates: number;
  /** Candidates aligned token by token (the shortlist). */
  scored: number;
}

/** Everything an index is, as typed arrays (on SharedArrayBuffers) and numbers: cheap to send to a worker. */
export interface NameIndexSnapshot {
  version: 1;
  slotCount: number;
  recordCount: number;
  vocabCount: number;
  unknownIdf: number;
  vocabChars: Uint16Array;
  vocabOff: Int32Array;
  vocabW: Float32Array;
  vocabCls: Uint8Array;
  /** 1 when the token was seen transliterated from Arabic script. */
  vocabAbjad: Uint8Array;
  exact: KeyTableData;
  skeleton: KeyTableData;
  phonetic: KeyTableData;
  deletions: KeyTableData;
  articleless: KeyTableData;
  initials: KeyTableData;
  /** Adjacent token pairs of records, by the key of the two folds written as one word. */
  joins: KeyTableData;
  postOff: Int32Array;
  postRec: Int32Array;
  recOff: Int32Array;
  recTok: Int32Array;
  /** 1 for a token that is a later part of a written word split as a compound. */
  recBound: Uint8Array;
  recSlot: Int32Array;
  recSeg: Uint8Array;
  recW: Float32Array;
  slotEntity: Int32Array;
  slotType: Uint8Array;
  nameChars: Uint16Array;
  nameOff: Int32Array;
}

const SEED_EXACT = 0x1234567;
const SEED_SKELETON = 0x2345678;
const SEED_PHONETIC = 0x3456789;
const SEED_DELETION = 0x456789a;
const SEED_INITIALS = 0x56789ab;
const SEED_JOIN = 0x6789abc;
/** Similarity of a compound written joined on one side and as two words on the other. */
const COMPOUND_SIMILARITY = 0.97;
/** Skeleton similarity by vowel-layout distance (see vowelLayoutDistance); unknown layout: 0.9. */
const SKELETON_BY_LAYOUT = [0.95, 0.87, 0.78, 0.72];
const NO_TYPE = 255;
const MAX_QUERY_TOKENS = 32;
const MAX_ALTS = 40;
const ALT_CACHE_LIMIT = 50_000;
const FUZZY_POSTINGS_CAP = 2_000;
/** Folds at least this long get edit-distance neighbours; shorter ones are too ambiguous. */
const EDIT_MIN_LENGTH = 5;
/** Similarity given to an acronym query whose letters are a name's initials. */
const INITIALS_SIMILARITY = 0.78;
/** Arabic articles written joined to the next word (`Alqaida`, `Ash-Shabaab` typed `Ashshabaab`). */
const JOINED_ARTICLE = /^(al|el|ul|ad|as|ash|at|ar|an|az)([^aeiou][a-z]{3,})$/;

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
 * and inside brackets) a record of folded-token ids. `freeze` builds, in flat typed arrays:
 * the vocabulary of folded tokens with rarity weights; postings from token to records;
 * key tables from exact, skeleton, phonetic and one-deletion keys to vocabulary tokens, and
 * from initials to records. A query is matched to vocabulary tokens first (a few hundred key
 * look-ups at most), then only records holding those tokens are touched — never every name.
 */
export class NameIndex {
  // Build-time state, released by freeze().
  private vocabMap: Map<string, number> | null = new Map();
  private vocabFolds: string[] = [];
  private vocabClsList: number[] = [];
  private vocabAbjadSet = new Set<number>();
  private dfList = new IntList(1024);
  private lastSlotOfVocab = new IntList(1024);
  private recTokList = new IntList(1 << 16);
  private recBoundList: number[] = [];
  private recOffList = new IntList(1 << 14);
  private recSlotList = new IntList(1 << 14);
  private recSegList = new IntList(1 << 14);
  private slotEntityList = new IntList(1 << 14);
  private slotTypeList: number[] = [];
  private names: string[] = [];
  private initialsBuilder: KeyTableBuilder | null = new KeyTableBuilder();
  private joinsBuilder: KeyTableBuilder | null = new KeyTableBuilder();

  // Frozen state.
  private s: NameIndexSnapshot | null = null;
  private exactT!: KeyTable;
  private skeletonT!: KeyTable;
  private phoneticT!: KeyTable;
  private deletionsT!: KeyTable;
  private articlelessT!: KeyTable;
  private initialsT!: KeyTable;
  private joinsT!: KeyTable;

  // Per-query scratch, allocated on first search.
  private acc: Float32Array | null = null;
  private mark: Int32Array | null = null;
  private altGen: Int32Array | null = null;
  private altHead: Int32Array | null = null;
  private gen = 0;
  private readonly aligner = new Aligner();
  private readonly explainAligner = new Aligner();
  // Decoded folds and vowel layouts of the vocabulary tokens queries have reached.
  private foldCache: (string | undefined)[] = [];
  private altCache = new Map<string, Alt[]>();
  private touched: Int32Array = new Int32Array(0);
  private nWScratch = new Float32Array(256);
  private readonly heap = new TopK();
  private layoutCache: (VowelLayout | null | undefined)[] = [];
  private stats: SearchStats = { candidates: 0, scored: 0 };

  constructor() {
    this.recOffList.push(0);
  }

  get size(): number {
    return this.s ? this.s.slotCount : this.names.length;
  }

  get frozen(): boolean {
    return this.s !== null;
  }

  get lastSearchStats(): SearchStats {
    return { ...this.stats };
  }

  /** Adds a name of an entity; returns its slot id (consecutive from 0). */
  add(entityId: number, name: string, nameType?: NameType): number {
    if (this.s) throw new Error('NameIndex.add after freeze()');
    const vocabMap = this.vocabMap!;
    const slot = this.names.length;
    this.names.push(name);
    this.slotEntityList.push(entityId);
    this.slotTypeList.push(nameType === undefined ? NO_TYPE : NAME_TYPES.indexOf(nameType));
    const seen = new Set<string>();
    nameSegments(name).forEach((segment, segIndex) => {
      const tokens = tokenize(segment);
      if (tokens.length === 0 || segIndex > 255) return;
      const signature = tokens.map((t) => t.fold).join(' ');
      if (seen.has(signature)) return;
      seen.add(signature);
      const rec = this.recSlotList.length;
      const kept = tokens.slice(0, 255);
      kept.forEach((t, j) => {
        const next = kept[j + 1];
        if (next && isContent(t) && isContent(next)) this.joinsBuilder!.add(hashString(joinFolds(t.fold, next.fold), SEED_JOIN), rec);
      });
      for (const t of kept) {
        let v = vocabMap.get(t.fold);
        if (v === undefined) {
          v = this.vocabFolds.length;
          vocabMap.set(t.fold, v);
          this.vocabFolds.push(t.fold);
          this.vocabClsList.push(t.cls);
          this.dfList.push(0);
          this.lastSlotOfVocab.push(-1);
        }
        if (this.lastSlotOfVocab.data[v] !== slot) {
          this.lastSlotOfVocab.data[v] = slot;
          this.dfList.data[v]!++;
        }
        if (t.abjad) this.vocabAbjadSet.add(v);
        this.recTokList.push(v);
        this.recBoundList.push(t.first ? 0 : 1);
      }
      this.recOffList.push(this.recTokList.length);
      this.recSlotList.push(slot);
      this.recSegList.push(segIndex);
      for (const ini of initialsOf(tokens)) this.initialsBuilder!.add(hashString(ini, SEED_INITIALS), rec);
    });
    return slot;
  }

  /** Builds postings, key tables and weights; the index is read-only afterwards. */
  freeze(): void {
    if (this.s) return;
    const V = this.vocabFolds.length;
    const R = this.recSlotList.length;
    const S = this.names.length;

    let chars = 0;
    for (const f of this.vocabFolds) chars += f.length;
    const vocabChars = allocUint16(chars);
    const vocabOff = allocInt32(V + 1);
    const vocabW = allocFloat32(V);
    const vocabCls = allocUint8(V);
    const vocabAbjad = allocUint8(V);
    for (const v of this.vocabAbjadSet) vocabAbjad[v] = 1;
    const unknownIdf = Math.log(1 + Math.max(1, S));
    const exact = new KeyTableBuilder();
    const skeleton = new KeyTableBuilder();
    const phonetic = new KeyTableBuilder();
    const deletions = new KeyTableBuilder();
    const articleless = new KeyTableBuilder();
    let p = 0;
    for (let v = 0; v < V; v++) {
      const f = this.vocabFolds[v]!;
      vocabOff[v] = p;
      for (let i = 0; i < f.length; i++) vocabChars[p++] = f.charCodeAt(i);
      const cls = this.vocabClsList[v]!;
      vocabCls[v] = cls;
      vocabW[v] = Math.log(1 + S / Math.max(1, this.dfList.data[v]!)) * CLASS_MULTIPLIER[cls]!;
      exact.add(hashString(f, SEED_EXACT), v);
      if (cls === TokenClass.Particle || cls === TokenClass.Stop || /^\d+$/.test(f)) continue;
      const sk = skeletonKey(f);
      if (sk.length >= 2) {
        skeleton.add(hashString(sk, SEED_SKELETON), v);
        phonetic.add(hashString(phoneticKey(sk), SEED_PHONETIC), v);
      }
      if (vocabAbjad[v]) {
        const ask = abjadSkeletonKey(f);
        if (ask !== sk && ask.length >= 2) skeleton.add(hashString(ask, SEED_SKELETON), v);
      }
      if (f.length >= EDIT_MIN_LENGTH - 1) for (const d of deletionKeys(f)) deletions.add(hashString(d, SEED_DELETION), v);
      const m = JOINED_ARTICLE.exec(f);
      if (m) articleless.add(hashString(m[2]!, SEED_EXACT), v);
    }
    vocabOff[V] = p;

    const recOff = allocInt32(R + 1);
    recOff.set(this.recOffList.data.subarray(0, R + 1));
    const recTok = allocInt32(this.recTokList.length);
    recTok.set(this.recTokList.data.subarray(0, this.recTokList.length));
    const recSlot = allocInt32(R);
    recSlot.set(this.recSlotList.data.subarray(0, R));
    const recBound = allocUint8(this.recTokList.length);
    for (let j = 0; j < this.recBoundList.length; j++) recBound[j] = this.recBoundList[j]!;
    const recSeg = allocUint8(R);
    for (let r = 0; r < R; r++) recSeg[r] = this.recSegList.data[r]!;
    const recW = allocFloat32(R);

    // Postings by counting sort; a token repeated within a record (`al … al`) is posted once.
    const postOff = allocInt32(V + 1);
    const lastRec = new Int32Array(V).fill(-1);
    for (let r = 0; r < R; r++) {
      let w = 0;
      let prevW = 0;
      for (let j = recOff[r]!; j < recOff[r + 1]!; j++) {
        const v = recTok[j]!;
        prevW = recBound[j] ? Math.max(vocabW[v]!, prevW) : vocabW[v]!;
        w += prevW;
        if (lastRec[v] === r) continue;
        lastRec[v] = r;
        postOff[v + 1]!++;
      }
      recW[r] = w;
    }
    for (let v = 0; v < V; v++) postOff[v + 1]! += postOff[v]!;
    const postRec = allocInt32(postOff[V]!);
    const fill = Int32Array.from(postOff.subarray(0, V));
    lastRec.fill(-1);
    for (let r = 0; r < R; r++) {
      for (let j = recOff[r]!; j < recOff[r + 1]!; j++) {
        const v = recTok[j]!;
        if (lastRec[v] === r) continue;
        lastRec[v] = r;
        postRec[fill[v]!++] = r;
      }
    }

    let nameLen = 0;
    for (const n of this.names) nameLen += n.length;
    const nameChars = allocUint16(nameLen);
    const nameOff = allocInt32(S + 1);
    let q = 0;
    for (let i = 0; i < S; i++) {
      const n = this.names[i]!;
      nameOff[i] = q;
      for (let c = 0; c < n.length; c++) nameChars[q++] = n.charCodeAt(c);
    }
    nameOff[S] = q;
    const slotEntity = allocInt32(S);
    slotEntity.set(this.slotEntityList.data.subarray(0, S));
    const slotType = allocUint8(S);
    for (let i = 0; i < S; i++) slotType[i] = this.slotTypeList[i]!;

    const snapshot: NameIndexSnapshot = {
      version: 1, slotCount: S, recordCount: R, vocabCount: V, unknownIdf,
      vocabChars, vocabOff, vocabW, vocabCls, vocabAbjad,
      exact: exact.build().data, skeleton: skeleton.build().data, phonetic: phonetic.build().data,
      deletions: deletions.build().data, articleless: articleless.build().data, initials: this.initialsBuilder!.build().data,
      joins: this.joinsBuilder!.build().data,
      postOff, postRec, recOff, recTok, recBound, recSlot, recSeg, recW, slotEntity, slotType, nameChars, nameOff,
    };
    this.release();
    this.attach(snapshot);
  }

  private release(): void {
    this.vocabMap = null;
    this.vocabFolds = [];
    this.vocabClsList = [];
    this.vocabAbjadSet = new Set();
    this.dfList = new IntList(1);
    this.lastSlotOfVocab = new IntList(1);
    this.recTokList = new IntList(1);
    this.recBoundList = [];
    this.recOffList = new IntList(1);
    this.recSlotList = new IntList(1);
    this.recSegList = new IntList(1);
    this.slotEntityList = new IntList(1);
    this.slotTypeList = [];
    this.names = [];
    this.initialsBuilder = null;
    this.joinsBuilder = null;
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
  }

  toSnapshot(): NameIndexSnapshot {
    if (!this.s) this.freeze();
    return this.s!;
  }

  static fromSnapshot(s: NameIndexSnapshot): NameIndex {
    if (s.version !== 1) throw new Error(`unsupported name index snapshot version ${String(s.version)}`);
    const index = new NameIndex();
    index.release();
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
    if (this.acc && this.acc.length === s.recordCount) return;
    this.acc = new Float32Array(s.recordCount);
    this.mark = new Int32Array(s.recordCount);
    this.altGen = new Int32Array(s.vocabCount);
    this.altHead = new Int32Array(s.vocabCount);
    this.gen = 0;
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
    this.stats = { candidates: 0, scored: 0 };
    const best = new Map<number, Best>();
    for (const segText of nameSegments(query)) {
      const qtokens = tokenize(segText).slice(0, MAX_QUERY_TOKENS);
      if (qtokens.length === 0) continue;
      this.searchSegment(segText, qtokens, minScore, limit, opts.exclude, best);
    }
    const ranked = [...best.values()].filter((b) => b.score >= minScore);
    ranked.sort((a, b) => b.score - a.score || typeRank(s.slotType[a.slot]!) - typeRank(s.slotType[b.slot]!) || a.slot - b.slot);
    return ranked.slice(0, limit).map((b) => this.toMatch(query, b));
  }

  /** Query tokens with their vocabulary alternatives and weights. */
  private prepare(qtokens: NameToken[]): Prepared {
    const s = this.s!;
    const qs: QueryToken[] = qtokens.map((token) => {
      const alts = this.alternatives(token);
      const top = alts[0];
      const weight = top && top.sim >= 0.8 ? s.vocabW[top.v]! : s.unknownIdf * CLASS_MULTIPLIER[token.cls]!;
      return { token, alts, weight };
    });
    // Two query words that a name writes as one (`Agha Jani` → `Aghajani`).
    for (let i = 0; i + 1 < qs.length; i++) {
      const a = qs[i]!.token;
      const b = qs[i + 1]!.token;
      if (!isContent(a) || !isContent(b)) continue;
      const v = this.findExact(joinFolds(a.fold, b.fold));
      if (v >= 0) qs[i]!.alts.push({ v, sim: COMPOUND_SIMILARITY, rule: RULE_COMPOUND, span: 2 });
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

  /** Links each vocabulary token to the query alternatives naming it, for this generation. */
  private link(qs: QueryToken[]): Chains {
    const altGen = this.altGen!;
    const altHead = this.altHead!;
    if (++this.gen >= 1 << 24) {
      this.gen = 1;
      this.mark!.fill(0);
      altGen.fill(0);
    }
    const gen = this.gen;
    const c: Chains = { gen, tok: [], sim: [], rule: [], span: [], next: [] };
    qs.forEach((q, i) => {
      for (const a of q.alts) {
        const k = c.tok.length;
        c.tok.push(i);
        c.sim.push(a.sim);
        c.rule.push(a.rule);
        c.span.push(a.span);
        c.next.push(altGen[a.v] === gen ? altHead[a.v]! : -1);
        altGen[a.v] = gen;
        altHead[a.v] = k;
      }
    });
    return c;
  }

  /** Aligns one record with the query; returns the matched weight (numerator of the score). */
  private alignRecord(r: number, qs: QueryToken[], qW: Float32Array, c: Chains, joinTokens: readonly number[] | undefined, aligner: Aligner): { matched: number; nW: Float32Array } {
    const s = this.s!;
    const altGen = this.altGen!;
    const altHead = this.altHead!;
    const start = s.recOff[r]!;
    const nCount = s.recOff[r + 1]! - start;
    if (this.nWScratch.length < nCount) this.nWScratch = new Float32Array(nCount * 2);
    const nW = this.nWScratch;
    aligner.reset();
    let prevW = 0;
    for (let j = 0; j < nCount; j++) {
      const v = s.recTok[start + j]!;
      prevW = s.recBound[start + j] ? Math.max(s.vocabW[v]!, prevW) : s.vocabW[v]!;
      nW[j] = prevW;
      if (altGen[v] !== c.gen) continue;
      for (let k = altHead[v]!; k >= 0; k = c.next[k]!) {
        const i = c.tok[k]!;
        const span = c.span[k]!;
        if (span === 2) aligner.add(i, j, c.sim[k]!, c.rule[k]!, 2, 1);
        else aligner.add(i, j, c.sim[k]!, c.rule[k]!);
      }
    }
    if (joinTokens) {
      for (const i of joinTokens) {
        const fold = qs[i]!.token.fold;
        for (let j = 0; j + 1 < nCount; j++) {
          if (joinFolds(this.vocabFold(s.recTok[start + j]!), this.vocabFold(s.recTok[start + j + 1]!)) === fold) aligner.add(i, j, COMPOUND_SIMILARITY, RULE_COMPOUND, 1, 2);
        }
      }
    }
    return { matched: aligner.solve(qs.length, nCount, qW, nW), nW: nW.subarray(0, nCount) };
  }

  private searchSegment(
    segText: string,
    qtokens: NameToken[],
    minScore: number,
    limit: number,
    exclude: ((slot: number) => boolean) | undefined,
    best: Map<number, Best>,
  ): void {
    const s = this.s!;
    const acc = this.acc!;
    const mark = this.mark!;
    const prepared = this.prepare(qtokens);
    const { qs, qW, U } = prepared;
    const qCount = qs.length;
    const chains = this.link(qs);
    const gen = chains.gen;

    // Candidates. A record matching only query tokens whose weight sums to S scores at most
    // about 2S/(U+S), so the lightest tokens (particles, legal forms, frequent words) whose
    // total stays below τU/(2-τ) need not generate candidates: they are still scored.
    const tau = Math.max(0.05, minScore);
    const suffixBudget = ((U * tau) / (2 - tau)) * 0.9;
    const order = [...qs.keys()].sort((a, b) => qW[b]! - qW[a]!);
    let remaining = U;
    if (this.touched.length < s.recordCount) this.touched = new Int32Array(s.recordCount);
    const touched = this.touched;
    let touchedCount = 0;
    const visit = (r: number, tag: number, contribution: number) => {
      const m = mark[r]!;
      if (m >> 6 !== gen) {
        mark[r] = tag;
        acc[r] = contribution;
        touched[touchedCount++] = r;
      } else if (m !== tag) {
        mark[r] = tag;
        acc[r]! += contribution;
      }
    };
    const joinHits = new Map<number, number[]>();
    for (const i of order) {
      if (remaining < suffixBudget) break;
      remaining -= qW[i]!;
      const tag = (gen << 6) | (i + 1);
      for (const a of qs[i]!.alts) {
        const contribution = a.sim * (qW[i]! + (a.span === 2 ? qW[i + 1]! : 0) + s.vocabW[a.v]!);
        const from = s.postOff[a.v]!;
        const end = s.postOff[a.v + 1]!;
        // A fuzzy neighbour that is itself a frequent word brings thousands of names that share
        // nothing else with the query; names reached through another token still score it.
        if (a.sim < 1 && end - from > FUZZY_POSTINGS_CAP) continue;
        for (let k = from; k < end; k++) {
          const r = s.postRec[k]!;
          const m = mark[r]!;
          if (m >> 6 !== gen) {
            mark[r] = tag;
            acc[r] = contribution;
            touched[touchedCount++] = r;
          } else if (m !== tag) {
            mark[r] = tag;
            acc[r]! += contribution;
          }
        }
      }
      const t = qs[i]!.token;
      if (isContent(t) && t.fold.length >= EDIT_MIN_LENGTH) {
        this.eachValue(this.joinsT, hashString(t.fold, SEED_JOIN), (r) => {
          const list = joinHits.get(r) ?? [];
          if (!list.includes(i)) list.push(i);
          joinHits.set(r, list);
          visit(r, tag, COMPOUND_SIMILARITY * 2 * qW[i]!);
        });
      }
    }
    const initialsHits = new Set<number>();
    const acronym = qCount === 1 ? acronymForms(segText) : null;
    if (acronym) {
      for (const form of acronym) {
        this.eachValue(this.initialsT, hashString(form, SEED_INITIALS), (r) => {
          initialsHits.add(r);
          visit(r, gen << 6, 0);
        });
      }
    }
    this.stats.candidates += touchedCount;

    // Shortlist by the accumulated estimate, then align each shortlisted record.
    // The estimate is the score without the one-to-one constraint and without the lightest
    // tokens: a little below the final score at worst.
    const floor = tau * 0.8;
    const maxScored = Math.max(24, limit * 3);
    const heap = this.heap.reset(maxScored);
    const hasInitials = initialsHits.size > 0;
    for (let t = 0; t < touchedCount; t++) {
      const r = touched[t]!;
      const est = hasInitials && initialsHits.has(r) ? INITIALS_SIMILARITY : acc[r]! / (U + s.recW[r]!);
      if (est < floor || (heap.full && est <= heap.minKey)) continue;
      if (exclude?.(s.recSlot[r]!)) continue;
      heap.offer(est, r);
    }
    const chosen = heap.values();

    for (const r of chosen) {
      const slot = s.recSlot[r]!;
      this.stats.scored++;
      const { matched } = this.alignRecord(r, qs, qW, chains, joinHits.get(r), this.aligner);
      let score = matched / (U + s.recW[r]!);
      let initials: number | null = null;
      if (initialsHits.has(r) && INITIALS_SIMILARITY > score) {
        score = INITIALS_SIMILARITY;
        initials = INITIALS_SIMILARITY;
      }
      if (score <= 0) continue;
      const entity = s.slotEntity[slot]!;
      const prev = best.get(entity);
      if (!prev || score > prev.score || (score === prev.score && typeRank(s.slotType[slot]!) < typeRank(s.slotType[prev.slot]!))) {
        best.set(entity, { slot, rec: r, score, prepared, initials, segText });
      }
    }
  }

  private toMatch(query: string, b: Best): NameMatch {
    const s = this.s!;
    const { slot, rec, score, initials, segText } = b;
    const matchedName = this.nameOf(slot);

    // Re-run the alignment for this one record so the explanation shows exactly what scored.
    const { qs, qW, U } = b.prepared;
    const joinTokens = qs.map((_, i) => i).filter((i) => isContent(qs[i]!.token) && qs[i]!.token.fold.length >= EDIT_MIN_LENGTH);
    const aligner = this.explainAligner;
    const start = s.recOff[rec]!;
    const typeIndex = s.slotType[slot]!;
    const build = (): MatchExplanation => {
      const { nW } = this.alignRecord(rec, qs, qW, this.link(qs), joinTokens, aligner);
      return explainWith(nW);
    };
    const explainWith = (nW: Float32Array): MatchExplanation => {
      const segment = nameSegments(matchedName)[s.recSeg[rec]!] ?? matchedName;
      const nameTokens = tokenize(segment).slice(0, 255);
      return explain({
      query: segText === query ? query : segText,
      matchedName,
      queryTokens: qs.map((q) => q.token),
      nameTokens: nameTokens.length === nW.length ? nameTokens : Array.from({ length: nW.length }, (_, j) => ({ surface: this.vocabFold(s.recTok[start + j]!), via: null })),
      qW,
      nW,
      total: U + s.recW[rec]!,
      aligner,
      initials,
    });
    };
    const match = {
      entityId: s.slotEntity[slot]!,
      matchedName,
      nameType: typeIndex === NO_TYPE ? null : (NAME_TYPES[typeIndex] ?? null),
      score: Math.min(1, Math.max(0, score)),
    } as NameMatch;
    // Built on first read: a batch that only needs scores does not pay for it. An own,
    // enumerable getter, so JSON.stringify and structured cloning (worker messages) see a value.
    let cachedExplanation: MatchExplanation | null = null;
    Object.defineProperty(match, 'explanation', {
      enumerable: true,
      get: () => (cachedExplanation ??= build()),
    });
    return match;
  }
}

interface Best {
  slot: number;
  rec: number;
  score: number;
  prepared: Prepared;
  initials: number | null;
  segText: string;
}

interface Prepared {
  qs: QueryToken[];
  qW: Float32Array;
  U: number;
}

interface Chains {
  gen: number;
  tok: number[];
  sim: number[];
  rule: number[];
  span: number[];
  next: number[];
}

function isContent(t: NameToken): boolean {
  return t.cls !== TokenClass.Particle && t.cls !== TokenClass.Stop;
}

/** Two folds written as one word, the letter doubled across the join written once. */
function joinFolds(a: string, b: string): string {
  return a.length > 0 && b.length > 0 && a[a.length - 1] === b[0] ? a + b.slice(1) : a + b;
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

/** Primary names first when two names of an entity score the same. */
function typeRank(t: number): number {
  return t === NO_TYPE ? 3 : t === 0 ? 0 : t === NAME_TYPES.indexOf('weak') ? 2 : 1;
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

function* deletionKeys(fold: string): Generator<string> {
  yield fold;
  let prev = '';
  for (let i = 0; i < fold.length; i++) {
    const d = fold.slice(0, i) + fold.slice(i + 1);
    if (d !== prev) yield d;
    prev = d;
  }
}

/** The k largest keys seen, with their values: a binary min-heap on typed arrays. */
class TopK {
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

  values(): number[] {
    return Array.from(this.vals.subarray(0, this.n));
  }
}
