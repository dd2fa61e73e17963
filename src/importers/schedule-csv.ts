/**
 * Parser for proscription schedules in proscribe's list CSV: the format of the bundled
 * national lists (Pakistan's First Schedule, UK Schedule 2, US FTO, ...) and of any list an
 * analyst keeps in the same shape. Text in, one entry per organisation out; storing is
 * import-schedule.ts's job.
 *
 * Columns (header row required, in any order):
 * `name,aliases,listed_on,delisted_on,law,authority,jurisdiction,notes,source_url,source_retrieved`
 * and optionally `kind` (an entity kind; default `organisation`).
 * - aliases are separated by `|`; an alias ending `(former)` is a previous name; a short
 *   one-word alias that is mostly capitals (`LeT`, `TTP`, `MS-13`) an acronym;
 * - listed_on / delisted_on are partial dates as the source gave them (`2016`, `2016-12`,
 *   `2016-12-30`, or a range `2014/2015`), empty when not known;
 * - a relisting is a second row with the same name: each row is one period, and the periods
 *   of one name may not overlap (only the last may be open);
 * - every row of a file has the same jurisdiction: a file is one list.
 * Any fault throws an {@link InputError} naming the file, line and field; nothing is returned.
 */
import anyAscii from 'any-ascii';
import { findBadCharacter } from '../documents/characters.js';
import { InputError } from '../errors.js';
import { dateBounds } from '../model/partial-date.js';
import { ENTITY_KINDS, type EntityKind } from '../model/types.js';
import { collapseSpaces, dedupeNames } from './list-diff.js';
import { readCsv } from './ofac-sdn-csv.js';
import type { ListName } from './types.js';

export const SCHEDULE_COLUMNS = [
  'name', 'aliases', 'listed_on', 'delisted_on', 'law', 'authority', 'jurisdiction', 'notes', 'source_url', 'source_retrieved',
] as const;
const OPTIONAL_COLUMNS = ['kind'] as const;
type Column = (typeof SCHEDULE_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const MAX_NAME_LENGTH = 500;

/** One row: one listing period of one organisation. */
export interface ScheduleRow {
  /** 1-based line in the file. */
  line: number;
  name: string;
  aliases: ListName[];
  listedOn: string | null;
  delistedOn: string | null;
  law: string | null;
  authority: string | null;
  jurisdiction: string;
  notes: string | null;
  sourceUrl: string | null;
  sourceRetrieved: string | null;
  kind: EntityKind;
}

/** One organisation of the list: its rows (periods, oldest first) under one name. */
export interface ScheduleEntry {
  /** Stable key of the name within the list (ASCII, lower case, words joined by `-`). */
  key: string;
  name: string;
  kind: EntityKind;
  /** Every alias of every row, deduped. */
  aliases: ListName[];
  rows: ScheduleRow[];
}

export interface ParsedSchedule {
  file: string;
  jurisdiction: string;
  rows: number;
  entries: ScheduleEntry[];
  /** The latest `source_retrieved` of the rows: when the list was read, where the file says. */
  retrievedOn: string | null;
}

export interface ScheduleParseOptions {
  /** Kinds of rows that are not organisations, by name (from `import schedule --kinds FILE`). */
  kinds?: ReadonlyMap<string, EntityKind>;
}

/** The key a name is found again by in the next version of its list: `Lashkar-e-Tayyaba` → `lashkar-e-tayyaba`. */
export function scheduleKey(name: string): string {
  return anyAscii(name.normalize('NFC')).toLowerCase().replace(/['’`]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A one-word alias that is mostly capitals: `LeT`, `TTP`, `JSQM-A`, `NSCN(K)`. */
function looksLikeAcronym(alias: string): boolean {
  if (/\s/.test(alias) || alias.length > 12) return false;
  const letters = alias.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper >= 2 && upper * 2 >= letters.length;
}

function parseAliases(value: string, where: (field: Column) => { file: string; line: number; field: string }): ListName[] {
  const out: ListName[] = [];
  for (const raw of value.split('|')) {
    const text = collapseSpaces(raw);
    if (text === '') continue;
    checkText(text, where('aliases'));
    const former = /^(.*\S)\s*\((?:former|formerly|previous(?:ly)?)\)$/i.exec(text);
    if (former) out.push({ text: former[1]!, type: 'previous' });
    else out.push({ text, type: looksLikeAcronym(text) ? 'acronym' : 'alias' });
  }
  return out;
}

function checkText(text: string, location: { file: string; line: number; field: string }): void {
  const bad = findBadCharacter(text, 'line');
  if (bad) throw new InputError(`${bad.description} is not allowed in a name or value`, location);
}

function partialDate(value: string, location: { file: string; line: number; field: string }): string | null {
  if (value === '') return null;
  if (!dateBounds(value)) {
    throw new InputError(`"${value}" is not a date as YYYY, YYYY-MM, YYYY-MM-DD or a range FROM/TO`, location);
  }
  return value;
}

export function parseSchedule(text: string, file: string, options: ScheduleParseOptions = {}): ParsedSchedule {
  if (text.trim() === '') throw new InputError('the file is empty: a list needs a header row and at least one row', { file, line: 1 });
  const [header, ...records] = readCsv(text, file, 'a list CSV');
  const index = new Map<string, number>();
  (header?.cells ?? []).forEach((name, i) => {
    const column = name.trim().toLowerCase();
    if (index.has(column)) throw new InputError(`column "${column}" appears twice`, { file, line: 1, field: column });
    if (!(SCHEDULE_COLUMNS as readonly string[]).includes(column) && !(OPTIONAL_COLUMNS as readonly string[]).includes(column)) {
      throw new InputError(`unknown column "${name}": a list CSV has ${SCHEDULE_COLUMNS.join(',')} (and optionally kind)`, { file, line: 1, field: name });
    }
    index.set(column, i);
  });
  const missing = SCHEDULE_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) {
    throw new InputError(`not a list CSV: the header lacks ${missing.join(', ')} (expected ${SCHEDULE_COLUMNS.join(',')})`, { file, line: 1, field: missing[0] });
  }
  if (records.length === 0) throw new InputError('the file has a header and no rows: a list needs at least one row', { file, line: 1 });

  const rows: ScheduleRow[] = [];
  let jurisdiction: { code: string; line: number } | null = null;
  let retrievedOn: string | null = null;
  for (const { cells, line } of records) {
    const where = (field: Column) => ({ file, line, field });
    const cell = (column: Column): string => {
      const i = index.get(column);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const name = collapseSpaces(cell('name'));
    if (name === '') throw new InputError('the row has no name', where('name'));
    if (name.length > MAX_NAME_LENGTH) throw new InputError(`the name is ${name.length} characters long (at most ${MAX_NAME_LENGTH})`, where('name'));
    checkText(name, where('name'));
    if (scheduleKey(name) === '') throw new InputError(`"${name}" has no letter or digit to key it by`, where('name'));

    const code = cell('jurisdiction').toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) {
      throw new InputError(`"${cell('jurisdiction')}" is not a jurisdiction code (ISO 3166 alpha-2 such as PK, GB, IN, or UN, EU)`, where('jurisdiction'));
    }
    if (jurisdiction && jurisdiction.code !== code) {
      throw new InputError(`jurisdiction ${code} differs from ${jurisdiction.code} on line ${jurisdiction.line}: a file is one list, of one jurisdiction`, where('jurisdiction'));
    }
    jurisdiction ??= { code, line };

    const listedOn = partialDate(cell('listed_on'), where('listed_on'));
    const delistedOn = partialDate(cell('delisted_on'), where('delisted_on'));
    if (listedOn && delistedOn && dateBounds(delistedOn)!.end < dateBounds(listedOn)!.start) {
      throw new InputError(`delisted on ${delistedOn}, before it was listed (${listedOn})`, where('delisted_on'));
    }
    const retrieved = partialDate(cell('source_retrieved'), where('source_retrieved'));
    if (retrieved && (retrievedOn === null || dateBounds(retrieved)!.end > dateBounds(retrievedOn)!.end)) retrievedOn = retrieved;

    const kindText = cell('kind').toLowerCase();
    let kind: EntityKind = options.kinds?.get(name) ?? 'organisation';
    if (kindText !== '') {
      if (!(ENTITY_KINDS as readonly string[]).includes(kindText)) {
        throw new InputError(`kind "${kindText}" is not one of ${ENTITY_KINDS.join(', ')}`, where('kind'));
      }
      kind = kindText as EntityKind;
    }
    const optional = (column: Column): string | null => {
      const value = collapseSpaces(cell(column));
      if (value === '') return null;
      checkText(value, where(column));
      return value;
    };
    rows.push({
      line, name, aliases: dedupeNames(name, parseAliases(cell('aliases'), where)), listedOn, delistedOn,
      law: optional('law'), authority: optional('authority'), jurisdiction: code, notes: optional('notes'),
      sourceUrl: optional('source_url'), sourceRetrieved: retrieved, kind,
    });
  }
  return { file, jurisdiction: jurisdiction!.code, rows: rows.length, entries: groupEntries(rows, file), retrievedOn };
}

/** Rows of one name (by key) become one entry whose periods must not overlap. */
function groupEntries(rows: ScheduleRow[], file: string): ScheduleEntry[] {
  const byKey = new Map<string, ScheduleRow[]>();
  for (const row of rows) {
    const key = scheduleKey(row.name);
    const list = byKey.get(key) ?? [];
    list.push(row);
    byKey.set(key, list);
  }
  const entries: ScheduleEntry[] = [];
  for (const [key, group] of byKey) {
    const start = (r: ScheduleRow) => (r.listedOn ? dateBounds(r.listedOn)!.start : '0000-01-01');
    group.sort((a, b) => start(a).localeCompare(start(b)) || a.line - b.line);
    for (let i = 1; i < group.length; i++) {
      const previous = group[i - 1]!;
      const row = group[i]!;
      if (row.kind !== previous.kind) {
        throw new InputError(`"${row.name}" is a ${row.kind} here and a ${previous.kind} on line ${previous.line}`, { file, line: row.line, field: 'kind' });
      }
      if (previous.delistedOn === null) {
        throw new InputError(
          `"${row.name}" is listed again from ${row.listedOn ?? 'an unknown date'}, but its listing on line ${previous.line} (from ${previous.listedOn ?? 'an unknown date'}) has no delisted_on: the periods of one name may not overlap`,
          { file, line: row.line, field: 'listed_on' },
        );
      }
      if (row.listedOn === null || start(row) < dateBounds(previous.delistedOn)!.start) {
        throw new InputError(
          `"${row.name}" is listed again from ${row.listedOn ?? 'an unknown date'}, before its delisting on ${previous.delistedOn} (line ${previous.line}): the periods of one name may not overlap`,
          { file, line: row.line, field: 'listed_on' },
        );
      }
    }
    const first = group[0]!;
    const aliases = dedupeNames(first.name, group.flatMap((r) => [...(r.name !== first.name ? [{ text: r.name, type: 'alias' as const }] : []), ...r.aliases]));
    entries.push({ key, name: first.name, kind: first.kind, aliases, rows: group });
  }
  return entries;
}
