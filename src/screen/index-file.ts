import { closeSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { SNAPSHOT_VERSION } from '../names/layout.js';
import { isPostgresUrl } from '../store/open.js';
import type { ScreenerSnapshot } from './screener.js';

/**
 * The screening index saved beside a SQLite database (`registry.sqlite.screen-index`), so a
 * server or a `screen` command starts by reading it instead of building it. It holds the
 * registry version it was built from and is used only while the registry still has that
 * version. Layout: a magic line, the length of a JSON header (uint32 LE), the header (every
 * value of the snapshot, each typed array replaced by a reference), then the arrays' bytes, each
 * at an 8-byte boundary.
 */
const MAGIC = Buffer.from('proscribe-screen-index 1\n');
/** Bumped when what the file holds changes shape; with the index layout's own version. */
const FORMAT = `1/${SNAPSHOT_VERSION}`;

type ArrayKind = 'Uint8Array' | 'Uint16Array' | 'Uint32Array' | 'Int32Array' | 'Float32Array' | 'Float64Array';
const CONSTRUCTORS: Record<ArrayKind, { new (buffer: ArrayBufferLike, offset: number, length: number): ArrayBufferView; BYTES_PER_ELEMENT: number }> = {
  Uint8Array, Uint16Array, Uint32Array, Int32Array, Float32Array, Float64Array,
};

interface ArrayRef {
  $array: ArrayKind;
  offset: number;
  length: number;
}

interface Header {
  format: string;
  registryVersion: string;
  snapshot: unknown;
}

/** Where the index of the database at `location` is kept; null where there is no file to sit beside. */
export function indexFilePath(location: string): string | null {
  if (isPostgresUrl(location) || location === ':memory:' || location === '') return null;
  return `${location}.screen-index`;
}

/** Write the snapshot whole (to a temporary file, then renamed over the old one). Returns its size in bytes. */
export function writeIndexFile(path: string, registryVersion: string, snapshot: ScreenerSnapshot): number {
  const arrays: ArrayBufferView[] = [];
  let offset = 0;
  const json = JSON.stringify({ format: FORMAT, registryVersion, snapshot } satisfies Header, (_key, value: unknown) => {
    if (!ArrayBuffer.isView(value) || value instanceof DataView) return value;
    const kind = value.constructor.name as ArrayKind;
    if (!(kind in CONSTRUCTORS)) throw new Error(`cannot save a ${kind} in the index file`);
    const ref: ArrayRef = { $array: kind, offset, length: value.byteLength / CONSTRUCTORS[kind].BYTES_PER_ELEMENT };
    arrays.push(value);
    offset += Math.ceil(value.byteLength / 8) * 8;
    return ref;
  });
  const header = Buffer.from(json);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const lead = MAGIC.length + 4 + header.length;
  const padding = Buffer.alloc((8 - (lead % 8)) % 8);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let size = 0;
  try {
    for (const part of [MAGIC, length, header, padding]) size += writeSync(fd, part);
    for (const a of arrays) {
      size += writeSync(fd, Buffer.from(a.buffer, a.byteOffset, a.byteLength));
      const pad = (8 - (a.byteLength % 8)) % 8;
      if (pad) size += writeSync(fd, Buffer.alloc(pad));
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return size;
}

/** A saved index and the registry version it holds. */
export interface SavedIndex {
  registryVersion: string;
  snapshot: ScreenerSnapshot;
}

/**
 * The saved snapshot and the registry version it holds, or null when there is none, it was
 * written by another format, or it cannot be read (it is then simply rebuilt). The arrays are
 * on one SharedArrayBuffer, so worker threads given the snapshot share them rather than copy.
 */
export function readIndexFile(path: string): SavedIndex | null {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) return null;
    bytes = readFileSync(path);
  } catch {
    return null;
  }
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(headerStart, headerStart + headerLength).toString('utf8')) as Header;
  } catch {
    return null;
  }
  if (header.format !== FORMAT || typeof header.registryVersion !== 'string') return null;
  const lead = headerStart + headerLength;
  const base = lead + ((8 - (lead % 8)) % 8);
  // One copy of the array bytes into memory of their own, aligned for every array type.
  const data = new SharedArrayBuffer(bytes.length - base);
  new Uint8Array(data).set(bytes.subarray(base));
  const revive = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(revive);
    if (!value || typeof value !== 'object') return value;
    const ref = value as Partial<ArrayRef>;
    if (typeof ref.$array === 'string' && ref.$array in CONSTRUCTORS && typeof ref.offset === 'number' && typeof ref.length === 'number') {
      const C = CONSTRUCTORS[ref.$array];
      if (ref.offset + ref.length * C.BYTES_PER_ELEMENT > data.byteLength) throw new Error('the index file is cut short');
      return new C(data, ref.offset, ref.length);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  };
  try {
    return { registryVersion: header.registryVersion, snapshot: revive(header.snapshot) as ScreenerSnapshot };
  } catch {
    return null;
  }
}
