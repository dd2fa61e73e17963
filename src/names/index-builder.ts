import type { NameType } from '../model/types.js';
import { NAME_TYPES } from '../model/types.js';
import { arabicSkeletonsCached } from './arabic-skeleton.js';
import { abjadSkeletonKey, phoneticKey, skeletonKey } from './fold.js';
import {
  IntList, KeyTableBuilder, allocFloat32, allocInt32, allocUint16, allocUint8, hashString, radixSortPairs,
} from './keytable.js';
import {
  EDIT_MIN_LENGTH, JOINED_ARTICLE, MAX_RECORD_TOKENS, NO_TYPE, type NameIndexSnapshot, SEED_EXACT, SEED_INITIALS,
  SEED_JOIN, SEED_PHONETIC, SEED_SCRIPT, SEED_SKELETON, SNAPSHOT_VERSION, deletionHashes, isContent, joinFolds, roleWeight,
} from './layout.js';
import { CLASS_MULTIPLIER, TokenClass } from './lexicon.js';
import { initialsOf, nameSegments, tokenize } from './tokens.js';

/**
 * Collects names and lays them out as a {@link NameIndexSnapshot}: the vocabulary of folded
 * tokens with rarity weights; per name reading (a record) its tokens, their weights and roles,
 * records numbered by ascending weight; postings from token to records; key tables from exact,
 * skeleton, phonetic, one-deletion and article-less keys to tokens, and from initials and
 * joined pairs to records.
 */
/**
 * Rarity counts of a larger index that a small one is searched beside (an overlay of recent
 * changes): the small one weighs its words as if its names had been added to the large one, so
 * scores from the two compare.
 */
export interface BaseRarity {
  /** Names in the larger index. */
  readonly slotCount: number;
  /** How many of its names hold the folded word (0 when none does). */
  documentFrequency(fold: string): number;
}

export class NameIndexBuilder {
  private readonly vocabMap = new Map<string, number>();
  private readonly vocabFolds: string[] = [];
  private readonly vocabClsList: number[] = [];
  private readonly vocabAbjadSet = new Set<number>();
  /** Per vocabulary word from Arabic script: the skeletons its letters can be read as. */
  private readonly scriptKeys = new Map<number, Set<string>>();
  private readonly dfList = new IntList(1024);
  private readonly lastSlotOfVocab = new IntList(1024);
  private readonly recTokList = new IntList(1 << 16);
  private readonly recFlagsList = new IntList(1 << 16);
  private readonly recOffList = new IntList(1 << 14);
  private readonly recSlotList = new IntList(1 << 14);
  private readonly recSegList = new IntList(1 << 14);
  private readonly slotEntityList = new IntList(1 << 14);
  private readonly slotTypeList = new IntList(1 << 14);
  private readonly slotCategoryList = new IntList(1 << 14);
  private readonly names: string[] = [];
  /** (key, record in insertion order): renumbered when the records are ordered by weight. */
  private readonly initialsPairs = new PairList();
  private readonly joinsPairs = new PairList();

  constructor(private readonly base: BaseRarity | null = null) {
    this.recOffList.push(0);
  }

  get size(): number {
    return this.names.length;
  }

  /** Adds a name of an entity, in a category (0 to 31, default 0); returns its slot id (consecutive from 0). */
  add(entityId: number, name: string, nameType?: NameType, category = 0): number {
    if (!(Number.isInteger(category) && category >= 0 && category < 32)) throw new RangeError(`name category ${category} is not an integer from 0 to 31`);
    const slot = this.names.length;
    this.names.push(name);
    this.slotEntityList.push(entityId);
    this.slotTypeList.push(nameType === undefined ? NO_TYPE : NAME_TYPES.indexOf(nameType));
    this.slotCategoryList.push(category);
    const segments = nameSegments(name);
    let seen: string[] | null = null;
    for (let segIndex = 0; segIndex < segments.length && segIndex <= 255; segIndex++) {
      const tokens = tokenize(segments[segIndex]!);
      if (tokens.length === 0) continue;
      if (segments.length > 1) {
        // Two readings with the same tokens are one record.
        const signature = tokens.map((t) => t.fold).join(' ');
        if ((seen ??= []).includes(signature)) continue;
        seen.push(signature);
      }
      this.addRecord(slot, segIndex, tokens.length > MAX_RECORD_TOKENS ? tokens.slice(0, MAX_RECORD_TOKENS) : tokens);
    }
    return slot;
  }

  private addRecord(slot: number, segIndex: number, kept: ReturnType<typeof tokenize>): void {
    const rec = this.recSlotList.length;
    for (let j = 0; j + 1 < kept.length; j++) {
      const t = kept[j]!;
      const next = kept[j + 1]!;
      if (isContent(t) && isContent(next)) this.joinsPairs.add(hashString(joinFolds(t.fold, next.fold), SEED_JOIN), rec);
    }
    for (const t of kept) {
      let v = this.vocabMap.get(t.fold);
      if (v === undefined) {
        v = this.vocabFolds.length;
        this.vocabMap.set(t.fold, v);
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
      if (t.arabic !== undefined) {
        let keys = this.scriptKeys.get(v);
        if (!keys) this.scriptKeys.set(v, (keys = new Set()));
        for (const k of arabicSkeletonsCached(t.arabic)) keys.add(k);
      }
      this.recTokList.push(v);
      this.recFlagsList.push((t.first ? 0 : 1) | (t.role << 1));
    }
    this.recOffList.push(this.recTokList.length);
    this.recSlotList.push(slot);
    this.recSegList.push(segIndex);
    for (const ini of initialsOf(kept)) this.initialsPairs.add(hashString(ini, SEED_INITIALS), rec);
  }

  /** Postings, key tables and weights of the names added, as a snapshot. */
  build(): NameIndexSnapshot {
    const V = this.vocabFolds.length;
    const R = this.recSlotList.length;
    const S = this.names.length;
    const T = this.recTokList.length;
    const tokIn = this.recTokList.data;
    const flagsIn = this.recFlagsList.data;
    const offIn = this.recOffList.data;

    // Vocabulary: weights and the key tables that lead from a query word to stored words.
    let chars = 0;
    for (const f of this.vocabFolds) chars += f.length;
    const vocabChars = allocUint16(chars);
    const vocabOff = allocInt32(V + 1);
    const vocabW = allocFloat32(V);
    const vocabDf = allocInt32(V);
    const vocabCls = allocUint8(V);
    const vocabAbjad = allocUint8(V);
    for (const v of this.vocabAbjadSet) vocabAbjad[v] = 1;
    const base = this.base;
    const total = S + (base?.slotCount ?? 0);
    const unknownIdf = Math.log(1 + Math.max(1, total));
    const exact = new KeyTableBuilder();
    const skeleton = new KeyTableBuilder();
    const phonetic = new KeyTableBuilder();
    const deletions = new KeyTableBuilder();
    const articleless = new KeyTableBuilder();
    const keys: number[] = [];
    let p = 0;
    for (let v = 0; v < V; v++) {
      const f = this.vocabFolds[v]!;
      vocabOff[v] = p;
      for (let i = 0; i < f.length; i++) vocabChars[p++] = f.charCodeAt(i);
      const cls = this.vocabClsList[v]!;
      vocabCls[v] = cls;
      const df = this.dfList.data[v]! + (base ? base.documentFrequency(f) : 0);
      vocabDf[v] = df;
      vocabW[v] = Math.log(1 + total / Math.max(1, df)) * CLASS_MULTIPLIER[cls]!;
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
      if (f.length >= EDIT_MIN_LENGTH - 1) for (const key of deletionHashes(f, keys)) deletions.add(key, v);
      const m = JOINED_ARTICLE.exec(f);
      if (m) articleless.add(hashString(m[2]!, SEED_EXACT), v);
    }
    vocabOff[V] = p;
    const scriptSkeleton = new KeyTableBuilder();
    for (const [v, keys] of this.scriptKeys) for (const k of keys) scriptSkeleton.add(hashString(k, SEED_SCRIPT), v);

    // Token weights in their records (insertion order), and record weights.
    const tokW = new Float32Array(T);
    const weightIn = new Float32Array(R);
    const vocabMaxW = allocFloat32(V);
    const vocabMinW = allocFloat32(V).fill(Infinity);
    for (let r = 0; r < R; r++) {
      let w = 0;
      let prevW = 0;
      for (let j = offIn[r]!; j < offIn[r + 1]!; j++) {
        const v = tokIn[j]!;
        // The later part of a split compound (`Rafi|uddin`) weighs at least as much as its stem.
        prevW = flagsIn[j]! & 1 ? Math.max(vocabW[v]!, prevW) : vocabW[v]!;
        const tw = prevW * roleWeight(flagsIn[j]! >> 1);
        tokW[j] = tw;
        if (tw > vocabMaxW[v]!) vocabMaxW[v] = tw;
        if (tw < vocabMinW[v]!) vocabMinW[v] = tw;
        w += tw;
      }
      weightIn[r] = w;
    }
    for (let v = 0; v < V; v++) if (vocabMinW[v] === Infinity) vocabMinW[v] = 0;

    // Records renumbered by ascending weight (stable: equal weights keep insertion order).
    // Weights are non-negative, so their float bits sort as unsigned integers.
    const ids = new Int32Array(R);
    for (let r = 0; r < R; r++) ids[r] = r;
    const [, order] = radixSortPairs(new Uint32Array(weightIn.buffer, 0, R), ids);
    const newId = new Int32Array(R);
    for (let x = 0; x < R; x++) newId[order[x]!] = x;

    const recOff = allocInt32(R + 1);
    const recPair = allocInt32(2 * T);
    const recPairW = new Float32Array(recPair.buffer, recPair.byteOffset, recPair.length);
    const recFlags = allocUint8(T);
    const recW = allocFloat32(R);
    const recSlot = allocInt32(R);
    const recSeg = allocUint8(R);
    const postCount = new Int32Array(V + 1);
    const lastRec = new Int32Array(V).fill(-1);
    let q = 0;
    for (let x = 0; x < R; x++) {
      const r = order[x]!;
      recOff[x] = q;
      recW[x] = weightIn[r]!;
      recSlot[x] = this.recSlotList.data[r]!;
      recSeg[x] = this.recSegList.data[r]!;
      for (let j = offIn[r]!; j < offIn[r + 1]!; j++) {
        const v = tokIn[j]!;
        recPair[2 * q] = v;
        recPairW[2 * q + 1] = tokW[j]!;
        recFlags[q] = flagsIn[j]!;
        q++;
        // A token repeated within a record (`al … al`) is posted once.
        if (lastRec[v] !== x) {
          lastRec[v] = x;
          postCount[v + 1]!++;
        }
      }
    }
    recOff[R] = q;

    // Postings by counting sort over the renumbered records: each list comes out ascending.
    const postOff = allocInt32(V + 1);
    for (let v = 0; v < V; v++) postOff[v + 1] = postOff[v]! + postCount[v + 1]!;
    const post = allocInt32(postOff[V]!);
    const fill = Int32Array.from(postOff.subarray(0, V));
    lastRec.fill(-1);
    for (let x = 0; x < R; x++) {
      for (let j = recOff[x]!; j < recOff[x + 1]!; j++) {
        const v = recPair[2 * j]!;
        if (lastRec[v] === x) continue;
        lastRec[v] = x;
        post[fill[v]!++] = x;
      }
    }

    let nameLen = 0;
    for (const n of this.names) nameLen += n.length;
    const nameChars = allocUint16(nameLen);
    const nameOff = allocInt32(S + 1);
    let c = 0;
    for (let i = 0; i < S; i++) {
      const n = this.names[i]!;
      nameOff[i] = c;
      for (let k = 0; k < n.length; k++) nameChars[c++] = n.charCodeAt(k);
    }
    nameOff[S] = c;
    const slotEntity = allocInt32(S);
    slotEntity.set(this.slotEntityList.data.subarray(0, S));
    const slotType = allocUint8(S);
    const slotCategory = allocUint8(S);
    for (let i = 0; i < S; i++) {
      slotType[i] = this.slotTypeList.data[i]!;
      slotCategory[i] = this.slotCategoryList.data[i]!;
    }

    return {
      version: SNAPSHOT_VERSION, slotCount: S, recordCount: R, vocabCount: V, unknownIdf,
      vocabChars, vocabOff, vocabW, vocabDf, vocabCls, vocabAbjad, vocabMaxW, vocabMinW,
      exact: exact.build().data, skeleton: skeleton.build().data, phonetic: phonetic.build().data,
      deletions: deletions.build().data, articleless: articleless.build().data, scriptSkeleton: scriptSkeleton.build().data,
      initials: this.initialsPairs.toTable(newId), joins: this.joinsPairs.toTable(newId),
      postOff, post, recOff, recPair, recFlags, recW, recSlot, recSeg, slotEntity, slotType, slotCategory, nameChars, nameOff,
    };
  }
}

/** (key, record) pairs collected before the records are renumbered. */
class PairList {
  private readonly keys = new IntList(1 << 12);
  private readonly recs = new IntList(1 << 12);

  add(key: number, rec: number): void {
    this.keys.push(key);
    this.recs.push(rec);
  }

  toTable(newId: Int32Array): NameIndexSnapshot['initials'] {
    const b = new KeyTableBuilder();
    for (let i = 0; i < this.keys.length; i++) b.add(this.keys.data[i]!, newId[this.recs.data[i]!]!);
    return b.build().data;
  }
}
