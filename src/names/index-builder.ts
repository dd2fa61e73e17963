import type { NameType } from '../model/types.js';
import { NAME_TYPES } from '../model/types.js';
import { abjadSkeletonKey, phoneticKey, skeletonKey } from './fold.js';
import {
  IntList, KeyTableBuilder, allocFloat32, allocInt32, allocUint16, allocUint8, hashString, radixSortPairs,
} from './keytable.js';
import {
  EDIT_MIN_LENGTH, JOINED_ARTICLE, NO_TYPE, type NameIndexSnapshot, SEED_DELETION, SEED_EXACT, SEED_INITIALS, SEED_JOIN,
  SEED_PHONETIC, SEED_SKELETON, SKIP, SNAPSHOT_VERSION, deletionKeys, isContent, joinFolds, roleWeight, tokenBitIndex,
} from './layout.js';
import { CLASS_MULTIPLIER, TokenClass } from './lexicon.js';
import { initialsOf, nameSegments, tokenize } from './tokens.js';

/** Tokens with at least this many postings (and R/512) get a membership bitmap, most frequent first, within BITMAP_MAX_BYTES. */
const BITMAP_MIN_POSTINGS = 256;
const BITMAP_MAX_BYTES = 96 << 20;

/**
 * Collects names and lays them out as a {@link NameIndexSnapshot}: the vocabulary of folded
 * tokens with rarity weights; per name reading (a record) its tokens, their weights and roles;
 * postings from token to records, lightest record first; key tables from exact, skeleton,
 * phonetic and one-deletion keys to tokens, and from initials and joined pairs to records;
 * membership bitmaps for the most frequent tokens.
 */
export class NameIndexBuilder {
  private readonly vocabMap = new Map<string, number>();
  private readonly vocabFolds: string[] = [];
  private readonly vocabClsList: number[] = [];
  private readonly vocabAbjadSet = new Set<number>();
  private readonly dfList = new IntList(1024);
  private readonly lastSlotOfVocab = new IntList(1024);
  private readonly recTokList = new IntList(1 << 16);
  private readonly recFlagsList: number[] = [];
  private readonly recOffList = new IntList(1 << 14);
  private readonly recSlotList = new IntList(1 << 14);
  private readonly recSegList = new IntList(1 << 14);
  private readonly slotEntityList = new IntList(1 << 14);
  private readonly slotTypeList: number[] = [];
  private readonly names: string[] = [];
  private readonly initialsBuilder = new KeyTableBuilder();
  private readonly joinsBuilder = new KeyTableBuilder();

  constructor() {
    this.recOffList.push(0);
  }

  get size(): number {
    return this.names.length;
  }

  /** Adds a name of an entity; returns its slot id (consecutive from 0). */
  add(entityId: number, name: string, nameType?: NameType): number {
    const vocabMap = this.vocabMap;
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
        if (next && isContent(t) && isContent(next)) this.joinsBuilder.add(hashString(joinFolds(t.fold, next.fold), SEED_JOIN), rec);
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
        this.recFlagsList.push((t.first ? 0 : 1) | (t.role << 1));
      }
      this.recOffList.push(this.recTokList.length);
      this.recSlotList.push(slot);
      this.recSegList.push(segIndex);
      for (const ini of initialsOf(tokens)) this.initialsBuilder.add(hashString(ini, SEED_INITIALS), rec);
    });
    return slot;
  }

  /** Postings, key tables and weights of the names added, as a snapshot. */
  build(): NameIndexSnapshot {
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
    const recFlags = allocUint8(this.recTokList.length);
    for (let j = 0; j < this.recFlagsList.length; j++) recFlags[j] = this.recFlagsList[j]!;
    const recTokW = new Float32Array(this.recTokList.length);
    const vocabMaxW = allocFloat32(V);
    const vocabMinW = allocFloat32(V).fill(Infinity);
    const recSeg = allocUint8(R);
    for (let r = 0; r < R; r++) recSeg[r] = this.recSegList.data[r]!;
    const recW = allocFloat32(R);

    // Postings by counting sort; a token repeated within a record (`al … al`) is posted once.
    // Each token's postings are ordered by record weight, lightest first, so a query stops
    // walking a list where its records grow too heavy to reach the threshold.
    const postOff = allocInt32(V + 1);
    const lastRec = new Int32Array(V).fill(-1);
    for (let r = 0; r < R; r++) {
      let w = 0;
      let prevW = 0;
      for (let j = recOff[r]!; j < recOff[r + 1]!; j++) {
        const v = recTok[j]!;
        // The later part of a split compound (`Rafi|uddin`) weighs at least as much as its stem.
        prevW = recFlags[j]! & 1 ? Math.max(vocabW[v]!, prevW) : vocabW[v]!;
        const tw = prevW * roleWeight(recFlags[j]! >> 1);
        recTokW[j] = tw;
        if (tw > vocabMaxW[v]!) vocabMaxW[v] = tw;
        if (tw < vocabMinW[v]!) vocabMinW[v] = tw;
        w += tw;
        if (lastRec[v] === r) continue;
        lastRec[v] = r;
        postOff[v + 1]!++;
      }
      recW[r] = w;
    }
    for (let v = 0; v < V; v++) postOff[v + 1]! += postOff[v]!;
    const post = allocInt32(4 * postOff[V]!);
    const postF = new Float32Array(post.buffer, post.byteOffset, post.length);
    const recSig = new Int32Array(2 * R);
    for (let r = 0; r < R; r++) {
      for (let j = recOff[r]!; j < recOff[r + 1]!; j++) {
        const bit = tokenBitIndex(recTok[j]!);
        recSig[2 * r + (bit >> 5)]! |= 1 << (bit & 31);
      }
    }
    const fill = Int32Array.from(postOff.subarray(0, V));
    lastRec.fill(-1);
    const ids = new Int32Array(R);
    for (let r = 0; r < R; r++) ids[r] = r;
    // Weights are non-negative: their float bits sort as unsigned integers.
    const [, byWeight] = radixSortPairs(new Uint32Array(recW.buffer, recW.byteOffset, R), ids);
    for (let x = 0; x < R; x++) {
      const r = byWeight[x]!;
      for (let j = recOff[r]!; j < recOff[r + 1]!; j++) {
        const v = recTok[j]!;
        if (lastRec[v] === r) continue;
        lastRec[v] = r;
        const p = fill[v]!++;
        post[4 * p] = r;
        postF[4 * p + 1] = recW[r]!;
        post[4 * p + 2] = recSig[2 * r]!;
        post[4 * p + 3] = recSig[2 * r + 1]!;
      }
    }

    // Membership bitmaps for the most frequent tokens: a query that does not walk their long
    // postings can still tell exactly which candidates hold them.
    const words = (R + 31) >>> 5;
    const frequent: number[] = [];
    const minPostings = Math.max(BITMAP_MIN_POSTINGS, Math.ceil(R / 512));
    for (let v = 0; v < V; v++) if (postOff[v + 1]! - postOff[v]! >= minPostings) frequent.push(v);
    frequent.sort((a, b) => postOff[b + 1]! - postOff[b]! - (postOff[a + 1]! - postOff[a]!) || a - b);
    frequent.length = Math.min(frequent.length, Math.floor(BITMAP_MAX_BYTES / (4 * words)));
    const vocabBitmap = allocInt32(V).fill(-1);
    const bitmaps = allocInt32(frequent.length * words);
    frequent.forEach((v, b) => {
      vocabBitmap[v] = b;
      for (let p = postOff[v]!; p < postOff[v + 1]!; p++) {
        const r = post[4 * p]!;
        bitmaps[b * words + (r >>> 5)]! |= 1 << (r & 31);
      }
    });

    const recPair = allocInt32(2 * recTok.length);
    const recPairW = new Float32Array(recPair.buffer, recPair.byteOffset, recPair.length);
    for (let j = 0; j < recTok.length; j++) {
      recPair[2 * j] = recTok[j]!;
      recPairW[2 * j + 1] = recTokW[j]!;
    }
    const postSkip = allocFloat32(Math.ceil(postOff[V]! / SKIP));
    for (let b = 0; b < postSkip.length; b++) postSkip[b] = postF[4 * b * SKIP + 1]!;

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
      version: SNAPSHOT_VERSION, slotCount: S, recordCount: R, vocabCount: V, unknownIdf,
      vocabChars, vocabOff, vocabW, vocabCls, vocabAbjad,
      exact: exact.build().data, skeleton: skeleton.build().data, phonetic: phonetic.build().data,
      deletions: deletions.build().data, articleless: articleless.build().data, initials: this.initialsBuilder.build().data,
      joins: this.joinsBuilder.build().data,
      vocabMaxW, vocabMinW, vocabBitmap, bitmaps,
      postOff, post, postSkip, recOff, recPair, recFlags, recSlot, recSeg, recW, slotEntity, slotType, nameChars, nameOff,
    };
    return snapshot;
  }

}
