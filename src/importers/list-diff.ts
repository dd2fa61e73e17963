/**
 * Comparing list entries: the name key the list parsers dedupe with, the dedupe itself, and the
 * diff of two versions of one list by ref (what a newer version added, dropped and changed).
 */
import type { ListEntry, ListName } from './types.js';

/** Collapse runs of whitespace (including newlines inside XML text) and trim. */
export function collapseSpaces(text: string): string {
  const trimmed = text.trim();
  return UNTIDY_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}
/** Whitespace other than single plain spaces. */
const UNTIDY_SPACE = /\s\s|[^\S ]/;

/**
 * The key two spellings of one name share when they differ only in case, Unicode composition
 * or spacing: `AL-QAIDA` and `Al-Qaida` are one name for dedupe and diff.
 */
export function nameKey(text: string): string {
  const ascii = !/[^\x00-\x7f]/.test(text);
  return collapseSpaces(ascii ? text : text.normalize('NFC')).toLowerCase();
}

/** Weak and low-quality names lose to any other type when the same name comes twice. */
function strength(name: ListName): number {
  return (name.type === 'weak' ? 0 : 2) + (name.quality === 'low' ? 0 : 1);
}

/**
 * Dedupe names case-insensitively, drop the primary name and empty names, and keep the first
 * spelling seen; a later duplicate of a stronger type (e.g. a `Good` alias repeating a `Low`
 * one) upgrades the kept name's type and quality.
 */
export function dedupeNames(primaryName: string, names: readonly ListName[]): ListName[] {
  const primaryKey = nameKey(primaryName);
  const kept = new Map<string, ListName>();
  for (const name of names) {
    const text = collapseSpaces(name.text);
    const key = nameKey(text);
    if (key === '' || key === primaryKey) continue;
    const have = kept.get(key);
    if (!have) {
      kept.set(key, name.quality ? { text, type: name.type, quality: name.quality } : { text, type: name.type });
    } else if (strength(name) > strength(have)) {
      have.type = name.type;
      if (name.quality) have.quality = name.quality;
      else delete have.quality;
    }
  }
  return [...kept.values()];
}

/** Fields besides names whose change makes an entry "changed". */
export type ChangedField = 'primaryName' | 'kind' | 'listedOn' | 'programs';

export interface ChangedEntry {
  ref: string;
  /** Names (primary included) in the next version only, as the next version spells them. */
  addedNames: string[];
  /** Names (primary included) in the previous version only, as it spelled them. */
  removedNames: string[];
  /** Other fields that differ; `primaryName` only when it differs beyond case and spacing. */
  changedFields: ChangedField[];
}

export interface ListDiff {
  added: ListEntry[];
  removed: ListEntry[];
  changed: ChangedEntry[];
}

function namesByKey(entry: ListEntry): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of [entry.primaryName, ...entry.names.map((n) => n.text)]) {
    const key = nameKey(text);
    if (!out.has(key)) out.set(key, text);
  }
  return out;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

/**
 * Compare two versions of one list by ref. Names compare by {@link nameKey}, so a version that
 * only re-cases a name (`El Para` → `EL PARA`) does not count as a change. Entries keep the
 * order of the version they come from; `changed` follows `next`.
 */
export function diffLists(previous: readonly ListEntry[], next: readonly ListEntry[]): ListDiff {
  const before = new Map(previous.map((e) => [e.ref, e] as const));
  const nextRefs = new Set(next.map((e) => e.ref));
  const added: ListEntry[] = [];
  const changed: ChangedEntry[] = [];
  for (const entry of next) {
    const old = before.get(entry.ref);
    if (!old) {
      added.push(entry);
      continue;
    }
    const oldNames = namesByKey(old);
    const newNames = namesByKey(entry);
    const addedNames = [...newNames].filter(([k]) => !oldNames.has(k)).map(([, t]) => t);
    const removedNames = [...oldNames].filter(([k]) => !newNames.has(k)).map(([, t]) => t);
    const changedFields: ChangedField[] = [];
    if (nameKey(old.primaryName) !== nameKey(entry.primaryName)) changedFields.push('primaryName');
    if (old.kind !== entry.kind) changedFields.push('kind');
    if (old.listedOn !== entry.listedOn) changedFields.push('listedOn');
    if (!sameSet(old.programs, entry.programs)) changedFields.push('programs');
    if (addedNames.length || removedNames.length || changedFields.length) {
      changed.push({ ref: entry.ref, addedNames, removedNames, changedFields });
    }
  }
  const removed = previous.filter((e) => !nextRefs.has(e.ref));
  return { added, removed, changed };
}
