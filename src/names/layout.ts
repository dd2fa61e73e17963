import { type KeyTableData, finishHash, hashFrom, hashStart } from './keytable.js';
import { TokenClass } from './lexicon.js';
import { type NameToken, ROLE_INNER, ROLE_TITLE } from './tokens.js';

/**
 * How a frozen name index lies in memory, and the keys and weights that its builder
 * (index-builder.ts) and its search must agree on.
 *
 * Records (the readings of the names: the whole name, and the parts outside and inside
 * brackets) are numbered in ascending order of their weight. A posting list, sorted by record
 * id, is then sorted by record weight too: the records whose weight lets them reach a score
 * form one id range, found by one binary search over recW, and each list's share of it by two.
 */

/** Everything an index is, as typed arrays (on SharedArrayBuffers) and numbers: cheap to send to a worker. */
export interface NameIndexSnapshot {
  version: 6;
  slotCount: number;
  recordCount: number;
  vocabCount: number;
  /** The rarity weight of a word no name holds. */
  unknownIdf: number;
  vocabChars: Uint16Array;
  vocabOff: Int32Array;
  /** Rarity × class weight of each vocabulary token. */
  vocabW: Float32Array;
  /** How many names hold each vocabulary token (its rarity weight's count). */
  vocabDf: Int32Array;
  vocabCls: Uint8Array;
  /** 1 when the token was seen transliterated from Arabic script. */
  vocabAbjad: Uint8Array;
  /** Per vocabulary token, the largest and smallest weight it has in any record. */
  vocabMaxW: Float32Array;
  vocabMinW: Float32Array;
  /** Fold, skeleton, phonetic, one-deletion and article-less keys → vocabulary tokens. */
  exact: KeyTableData;
  skeleton: KeyTableData;
  phonetic: KeyTableData;
  deletions: KeyTableData;
  articleless: KeyTableData;
  /** The skeletons of Arabic-script words read from their letters (arabic-skeleton.ts) → those words. */
  scriptSkeleton: KeyTableData;
  /** Initials → records. */
  initials: KeyTableData;
  /** Adjacent content tokens of a record written as one word → records. */
  joins: KeyTableData;
  /** Per vocabulary token, its records (ascending ids) in post[postOff[v] .. postOff[v+1]). */
  postOff: Int32Array;
  post: Int32Array;
  recOff: Int32Array;
  /**
   * Per record token, interleaved: its vocabulary id, and (as float32 bits) its weight in the
   * record (rarity × class × role): one memory line holds a record's tokens.
   */
  recPair: Int32Array;
  /** Per record token: 1 for a later part of a word split as a compound, plus its ROLE_* bits shifted left by one. */
  recFlags: Uint8Array;
  /** Record weight (Σ of its token weights), ascending with the record id. */
  recW: Float32Array;
  recSlot: Int32Array;
  recSeg: Uint8Array;
  slotEntity: Int32Array;
  slotType: Uint8Array;
  /** A category per name (0 to 31) that searches can be restricted to (SearchOptions.categories): the screener's entity kinds. */
  slotCategory: Uint8Array;
  nameChars: Uint16Array;
  nameOff: Int32Array;
}

export const SEED_EXACT = 0x1234567;
export const SEED_SKELETON = 0x2345678;
export const SEED_PHONETIC = 0x3456789;
export const SEED_DELETION = 0x456789a;
export const SEED_INITIALS = 0x56789ab;
export const SEED_JOIN = 0x6789abc;
export const SEED_SCRIPT = 0x789abcd;

export const SNAPSHOT_VERSION = 6;
/** Slot type of a name added without one. */
export const NO_TYPE = 255;
/** Folds at least this long get edit-distance neighbours; shorter ones are too ambiguous. */
export const EDIT_MIN_LENGTH = 5;
/** Arabic articles written joined to the next word (`Alqaida`, `Ash-Shabaab` typed `Ashshabaab`). */
export const JOINED_ARTICLE = /^(al|el|ul|ad|as|ash|at|ar|an|az)([^aeiou][a-z]{3,})$/;
/** Most tokens kept of one reading (record), and of one query reading. */
export const MAX_RECORD_TOKENS = 255;

/** An honorific before a name says little of who it is: left out, it costs little (`Grand Ayatollah X`, `Senior General X`). */
const TITLE_WEIGHT = 0.25;
/**
 * A father's name inside a name says less about who someone is than their own and family
 * names, and is the part the press and many lists leave out (`Vladimir Vladimirovich Putin`,
 * `Muhammad bin Abdullah al-Harbi`).
 */
const INNER_PATRONYMIC_WEIGHT = 0.3;

/** A word's weight factor from its role in the name (see tokens.ts ROLE_*). */
export function roleWeight(role: number): number {
  return role & ROLE_TITLE ? TITLE_WEIGHT : role & ROLE_INNER ? INNER_PATRONYMIC_WEIGHT : 1;
}

export function isContent(t: NameToken): boolean {
  return t.cls !== TokenClass.Particle && t.cls !== TokenClass.Stop;
}

/** Two folds written as one word, the letter doubled across the join written once. */
export function joinFolds(a: string, b: string): string {
  return a.length > 0 && b.length > 0 && a[a.length - 1] === b[0] ? a + b.slice(1) : a + b;
}

/**
 * The keys of a symmetric-deletion edit-distance table for a fold, into `out`: the hashes of
 * the fold and of its one-letter deletions (a doubled letter's once), computed from prefix
 * hash states without building the strings. Used to build the table and to query it.
 */
export function deletionHashes(fold: string, out: number[]): number[] {
  out.length = 0;
  const n = fold.length;
  let prefix = hashStart(SEED_DELETION);
  out.push(finishHash(hashFrom(fold, 0, n, prefix)));
  for (let i = 0; i < n; i++) {
    if (i === 0 || fold.charCodeAt(i) !== fold.charCodeAt(i - 1)) out.push(finishHash(hashFrom(fold, i + 1, n, prefix)));
    prefix = hashFrom(fold, i, i + 1, prefix);
  }
  return out;
}

/** Decodes UTF-16 code units stored in a typed array (one string, no intermediate ones). */
export function decodeChars(chars: Uint16Array, start: number, end: number): string {
  if (end - start <= 4096) return String.fromCharCode.apply(null, chars.subarray(start, end) as unknown as number[]);
  let out = '';
  for (let i = start; i < end; i += 4096) out += String.fromCharCode.apply(null, chars.subarray(i, Math.min(end, i + 4096)) as unknown as number[]);
  return out;
}
