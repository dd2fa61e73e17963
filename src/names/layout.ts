import type { KeyTableData } from './keytable.js';
import { TokenClass } from './lexicon.js';
import { type NameToken, ROLE_TITLE } from './tokens.js';

/**
 * How a frozen name index lies in memory, and the keys and weights that its builder
 * (index-builder.ts) and its search (name-index.ts) must agree on.
 */

/** Everything an index is, as typed arrays (on SharedArrayBuffers) and numbers: cheap to send to a worker. */
export interface NameIndexSnapshot {
  version: 2;
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
  /**
   * The postings, four 32-bit words each, interleaved so that one memory line holds several:
   * the record; as float32 bits, the record's weight (recW); the record's token signature, 64
   * bits in two words (one bit per token, see tokenBitIndex).
   * Each token's postings are ordered by record weight, lightest first.
   */
  post: Int32Array;
  /** The record weight of every SKIP-th posting: a small array to binary-search before post itself. */
  postSkip: Float32Array;
  recOff: Int32Array;
  /**
   * Per record token, interleaved: its vocabulary id, and (as float32 bits) its weight in the
   * record (rarity × class × role, see NameIndexBuilder): one memory line holds a record's tokens.
   */
  recPair: Int32Array;
  /** Per record token: 1 for a later part of a word split as a compound, plus its ROLE_* bits shifted left by one. */
  recFlags: Uint8Array;
  /**
   * Per vocabulary token, the index of its membership bitmap (one bit per record) or -1; only
   * the most frequent tokens have one (see NameIndexBuilder). bitmaps holds them end to end.
   */
  vocabBitmap: Int32Array;
  bitmaps: Int32Array;
  /** Per vocabulary token, the largest and smallest weight it has in any record. */
  vocabMaxW: Float32Array;
  vocabMinW: Float32Array;
  recSlot: Int32Array;
  recSeg: Uint8Array;
  recW: Float32Array;
  slotEntity: Int32Array;
  slotType: Uint8Array;
  nameChars: Uint16Array;
  nameOff: Int32Array;
}

export const SEED_EXACT = 0x1234567;
export const SEED_SKELETON = 0x2345678;
export const SEED_PHONETIC = 0x3456789;
export const SEED_DELETION = 0x456789a;
export const SEED_INITIALS = 0x56789ab;
export const SEED_JOIN = 0x6789abc;

export const SNAPSHOT_VERSION = 2;
/** Slot type of a name added without one. */
export const NO_TYPE = 255;
/** Folds at least this long get edit-distance neighbours; shorter ones are too ambiguous. */
export const EDIT_MIN_LENGTH = 5;
/** Arabic articles written joined to the next word (`Alqaida`, `Ash-Shabaab` typed `Ashshabaab`). */
export const JOINED_ARTICLE = /^(al|el|ul|ad|as|ash|at|ar|an|az)([^aeiou][a-z]{3,})$/;
/** Postings per entry of postSkip. */
export const SKIP = 32;

/** An honorific before a name weighs like a frequent descriptive word. */
const TITLE_WEIGHT = 0.5;

/** A word's weight factor from its role in the name (see tokens.ts ROLE_*). */
export function roleWeight(role: number): number {
  return role & ROLE_TITLE ? TITLE_WEIGHT : 1;
}

/** The bit of a vocabulary token in record signatures: a one-hash Bloom filter of 64 bits. */
export function tokenBitIndex(v: number): number {
  return Math.imul(v, 0x9e3779b1) >>> 26;
}

export function isContent(t: NameToken): boolean {
  return t.cls !== TokenClass.Particle && t.cls !== TokenClass.Stop;
}

/** Two folds written as one word, the letter doubled across the join written once. */
export function joinFolds(a: string, b: string): string {
  return a.length > 0 && b.length > 0 && a[a.length - 1] === b[0] ? a + b.slice(1) : a + b;
}

/** The fold and its one-letter deletions: the keys of a symmetric-deletion edit-distance table. */
export function* deletionKeys(fold: string): Generator<string> {
  yield fold;
  let prev = '';
  for (let i = 0; i < fold.length; i++) {
    const d = fold.slice(0, i) + fold.slice(i + 1);
    if (d !== prev) yield d;
    prev = d;
  }
}
