/**
 * Parser for the US Treasury OFAC SDN list in its legacy CSV form: text in, typed list entries
 * out. Storing is someone else's job.
 *
 * `sdn.csv` has no header; its 12 columns are ent_num, SDN_Name, SDN_Type, Program, Title,
 * Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks, with `-0-` for empty.
 * The files end with a DOS end-of-file character (\x1a), which is ignored.
 *
 * Names
 * - Primary: SDN_Name as the list writes it. Individuals are written `LAST, First`; the
 *   `First LAST` order is added as a name of type `spelling` (for every name of an individual
 *   with exactly one comma: a previous name reordered stays `previous`, and so on).
 * - `alt.csv` (the three-file form; columns ent_num, alt_num, alt_type, alt_name, alt_remarks):
 *   `aka` and `nka` → `alias`, `fka` → `previous`, all with quality `good`.
 * - Remarks: `a.k.a. 'X'` / `f.k.a. 'X'` / `n.k.a. 'X'` (single or double quotes). These are
 *   OFAC's "weak" a.k.a.s: in the July 2021 files none of the 2,438 names in remarks is also in
 *   alt.csv (nicknames such as 'PACHO', 'H7', acronyms such as 'BNC'), and OFAC publishes its
 *   strong aliases in alt.csv only. So remarks a.k.a. and n.k.a. → type `weak`, f.k.a. →
 *   `previous`, all with quality `low`. They are read whether or not alt.csv is given, since
 *   alt.csv does not repeat them. The CSV cuts remarks at 1000 characters; an alias cut off
 *   (no closing quote) is dropped.
 * - Names are deduped case-insensitively.
 *
 * Other fields: ref `ofac:` + ent_num; kind from SDN_Type (`individual` → person, `vessel`,
 * `aircraft`, empty → organisation); programs from `[SDGT] [IRGC]`; listedOn null (the CSV has
 * no dates: the list's publication date stands in). `add.csv` (addresses) is accepted and not
 * read: a list entry carries no addresses.
 */
import { CsvError, type InfoRecord, type Options, parse } from 'csv-parse/sync';
import { findBadCharacter, lineAt } from '../documents/characters.js';
import { InputError } from '../errors.js';
import type { EntityKind, NameType } from '../model/types.js';
import { collapseSpaces, dedupeNames } from './list-diff.js';
import type { ListEntry, ListName, ParsedList } from './types.js';

const JURISDICTION = 'US';
const AUTHORITY = 'US Treasury OFAC';

export const SDN_COLUMNS = [
  'ent_num', 'SDN_Name', 'SDN_Type', 'Program', 'Title', 'Call_Sign', 'Vess_type', 'Tonnage', 'GRT', 'Vess_flag', 'Vess_owner', 'Remarks',
] as const;
export const ALT_COLUMNS = ['ent_num', 'alt_num', 'alt_type', 'alt_name', 'alt_remarks'] as const;
type SdnColumn = (typeof SDN_COLUMNS)[number];

export interface OfacExtraFiles {
  /** Text of `alt.csv`: alternate names. */
  alt?: string;
  /** Text of `add.csv`: addresses (accepted, not read). */
  add?: string;
  /** Name of the alt.csv input in messages (default: `alt.csv` next to `origin`). */
  altOrigin?: string;
}

/** One CSV record and where it is. */
export interface CsvRow<Cells> {
  /** The record's fields (trimmed of whitespace around the delimiters; quoted content is kept). */
  cells: Cells;
  /** 1-based line the record starts on. */
  line: number;
}

/** Line breaks, CRLF as one. */
const LINE_BREAK = /\r\n?|\n/g;

function lineBreaks(text: string): number {
  return text.includes('\n') || text.includes('\r') ? text.match(LINE_BREAK)!.length : 0;
}

type Cells = string[] | Record<string, string>;

const CSV_OPTIONS: Pick<Options, 'bom' | 'record_delimiter' | 'skip_empty_lines' | 'trim'> = {
  bom: true,
  // Any line end, also mixed in one file (csv-parse otherwise takes the first one it sees).
  record_delimiter: ['\r\n', '\n', '\r'],
  skip_empty_lines: true,
  trim: true,
};

/**
 * Read CSV text with csv-parse: `,` between fields, `"` quoting with `""` for a quote, CRLF, LF
 * or CR line ends (mixed too), a byte-order mark and empty lines skipped, whitespace around
 * the delimiters trimmed. Strict about quotes and column counts. With `columns`, the file has
 * no header and every record must have exactly these columns; each record's cells are keyed by
 * column name. Without, each record's cells are a list, the first record (the header) sets the
 * number of columns and every other record must have as many. Any fault throws an
 * {@link InputError} `not ${what}: …` naming the line (and the column, where known).
 */
export function readCsv(text: string, file: string, what: string): CsvRow<string[]>[];
export function readCsv<C extends string>(text: string, file: string, what: string, columns: readonly C[]): CsvRow<Record<C, string>>[];
export function readCsv(text: string, file: string, what: string, columns?: readonly string[]): CsvRow<Cells>[] {
  // csv-parse's `lines` counts a CRLF inside a quoted field as two lines: `overcount` is the
  // number of those so far, taken off to give real lines.
  let overcount = 0;
  // Where the last good record ended: a bad record starts after it (and any empty lines).
  let lastLine = 0;
  let lastEmptyLines = 0;
  let header: readonly string[] | undefined = columns;
  const unpaired = findBadCharacter(text, 'unicode');
  if (unpaired) throw new InputError(`not ${what}: ${unpaired.description}, not Unicode text`, { file, line: lineAt(text, unpaired.index) });
  const onRecord = (cells: Cells, info: InfoRecord): CsvRow<Cells> => {
    const values = Array.isArray(cells) ? cells : Object.values(cells);
    header ??= values;
    let breaks = 0;
    for (const value of values) {
      const n = lineBreaks(value);
      if (n > 0) {
        breaks += n;
        overcount += value.split('\r\n').length - 1;
      }
    }
    lastLine = info.lines - overcount;
    lastEmptyLines = info.empty_lines;
    // `lines` is where the record ends.
    return { cells, line: lastLine - breaks };
  };
  try {
    const rows = columns
      ? parse<CsvRow<Cells>, Cells>(text, { ...CSV_OPTIONS, columns: [...columns], on_record: onRecord })
      // Without `columns`, csv-parse's types give string[][] whatever on_record returns.
      : (parse(text, { ...CSV_OPTIONS, on_record: onRecord as unknown as (cells: string[]) => string[] }) as unknown as CsvRow<Cells>[]);
    checkCells(rows, file, what, header);
    return rows;
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (!(error instanceof CsvError)) throw error;
    const start = lastLine + 1 + (Number(error.empty_lines) || 0) - lastEmptyLines;
    let faultLine = start;
    if (/QUOTE/.test(error.code)) {
      // Where in the record the fault is: from the record's text so far, which csv-parse
      // gives with `raw` (the same error again, on this rare path only). That text can begin
      // with the ends of the empty lines before the record.
      try {
        parse(text, { ...CSV_OPTIONS, ...(columns ? { columns: [...columns] } : {}), raw: true });
      } catch (again) {
        if (again instanceof CsvError && typeof again.raw === 'string') faultLine = start + lineBreaks(again.raw.replace(/^[\r\n]+/, ''));
      }
    }
    throw csvInputError(error, { file, what, start, faultLine, columns: header });
  }
}

/**
 * Refuse a cell holding a character XML would not allow either (a NUL, which PostgreSQL refuses,
 * other control characters, an unpaired surrogate): the mark of a binary or damaged file, and
 * never part of a name.
 */
function checkCells(rows: readonly CsvRow<Cells>[], file: string, what: string, header: readonly string[] | undefined): void {
  for (const { cells, line } of rows) {
    const values = Array.isArray(cells) ? cells : Object.values(cells);
    values.forEach((value, index) => {
      const bad = findBadCharacter(value, 'xml');
      if (!bad) return;
      const column = header?.[index];
      const name = column ? `the field ${column}` : `field ${index + 1}`;
      throw new InputError(`not ${what}: ${name} of the record on line ${line} holds ${bad.description}`, column ? { file, line, field: column } : { file, line });
    });
  }
}

/** csv-parse's error as an {@link InputError}: what is wrong, on which line, in which column. */
function csvInputError(
  error: CsvError,
  at: { file: string; what: string; start: number; faultLine: number; columns: readonly string[] | undefined },
): InputError {
  /** `start`: the line the record starts on; `faultLine`: the line the fault is on. */
  const { file, what, start, faultLine, columns } = at;
  const index = typeof error.index === 'number' ? error.index : undefined;
  const column = index !== undefined && columns ? columns[Math.min(index, columns.length - 1)] : undefined;
  const fieldName = column ? ` ${column}` : index !== undefined ? ` (field ${index + 1})` : '';
  const located = (line: number, field = column) => (field ? { file, line, field } : { file, line });
  switch (error.code) {
    case 'INVALID_OPENING_QUOTE':
      return new InputError(`not ${what}: a quote inside the unquoted field${fieldName}`, located(faultLine));
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE': {
      const got = /got "(.*?)" at line/.exec(error.message)?.[1];
      const after = got === undefined ? 'text' : `"${got}"`;
      return new InputError(
        faultLine === start
          ? `not ${what}: unexpected ${after} after a closing quote in the field${fieldName}`
          : `not ${what}: the quoted field${fieldName} of the record on line ${start} runs to line ${faultLine} and is followed by ${after}: an unclosed quote?`,
        located(start),
      );
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return new InputError(`not ${what}: the quoted field${fieldName} of the record on line ${start} is never closed`, located(start));
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const cells = Array.isArray(error.record) ? (error.record as unknown[]).map(String) : [];
      const expected = columns ? `${columns.length} columns (${columns.join(', ')})` : 'as many columns as the first line';
      // Name the record by its first column when that is a number (an id).
      const id = columns && /^\d+$/.test(cells[0] ?? '') ? `${columns[0]} ${cells[0]}: ` : '';
      // Too few cells: the first missing column; too many: the last one.
      const field = columns?.[Math.min(cells.length, columns.length - 1)];
      return new InputError(`${id}not ${what}: expected ${expected}, found ${cells.length}`, located(start, field));
    }
    default:
      return new InputError(`not ${what}: ${error.message}`, located(faultLine));
  }
}

/**
 * Read a headerless CSV with a fixed number of columns (OFAC's): cells trimmed, `-0-` as `''`.
 * OFAC's files end with a DOS end-of-file character (\x1a), which is dropped with anything
 * after it.
 */
function readOfacCsv<C extends string>(text: string, file: string, columns: readonly C[], what: string): CsvRow<Record<C, string>>[] {
  const eof = text.indexOf('\x1a');
  const body = eof === -1 ? text : text.slice(0, eof);
  if (body.trim() === '') throw new InputError(`the file is empty, not ${what}`, { file, line: 1 });
  const rows = readCsv(body, file, what, columns);
  for (const { cells } of rows) {
    for (const column of columns) {
      const value = cells[column].trim();
      cells[column] = value === '-0-' ? '' : value;
    }
  }
  return rows;
}

/** `[SDGT] [IRGC]` (the CSV drops the outer brackets: `SDGT] [IRGC`) → `['SDGT', 'IRGC']`. */
export function splitPrograms(value: string): string[] {
  return value.split(/[[\]]/).map((p) => p.trim()).filter((p) => p !== '' && p !== '-0-');
}

const KINDS: Record<string, EntityKind> = { '': 'organisation', individual: 'person', vessel: 'vessel', aircraft: 'aircraft' };

/** `LAST, First` → `First LAST`; null when the name is not in that form (no or several commas). */
export function firstLastOrder(name: string): string | null {
  const parts = name.split(',');
  if (parts.length !== 2) return null;
  const [last, first] = parts.map((p) => p.trim());
  return last && first ? `${first} ${last}` : null;
}

/**
 * Remarks' a.k.a. / f.k.a. / n.k.a.: quoted, ended by `;`, `.` or the end of the remarks, on one
 * line. These are the matches of `\b([afn])\.k\.a\.\s*(['"])(.*?)\2(?=\s*(?:;|\.?\s*$))`, found
 * without it: that expression searches the rest of the remarks for a closing quote from every
 * opening one, so remarks of many unclosed a.k.a.s took quadratic time. Here each opening quote
 * looks its closing one up in a table built in one pass from the end.
 */
const REMARK_OPENER = /\b([afn])\.k\.a\.\s*(['"])/g;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
const WHITESPACE = /\s/;

/** For each index, the first quote `quote` at or after it that can end a name (-1: none before a line break). */
function closingQuotes(remarks: string, quote: string): Int32Array {
  const n = remarks.length;
  // The first index at or after i that is not whitespace (n: none).
  const solid = new Int32Array(n + 1);
  solid[n] = n;
  for (let i = n - 1; i >= 0; i--) solid[i] = WHITESPACE.test(remarks[i]!) ? solid[i + 1]! : i;
  const endsName = (c: number) => {
    const j = solid[c + 1]!;
    return j === n || remarks[j] === ';' || (remarks[j] === '.' && solid[j + 1] === n);
  };
  const next = new Int32Array(n + 1);
  next[n] = -1;
  for (let i = n - 1; i >= 0; i--) {
    const ch = remarks[i]!;
    next[i] = LINE_TERMINATOR.test(ch) ? -1 : ch === quote && endsName(i) ? i : next[i + 1]!;
  }
  return next;
}

/** Without the quotes the remarks sometimes double around a name. */
function trimQuotes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === "'" || text[start] === '"')) start++;
  while (end > start && (text[end - 1] === "'" || text[end - 1] === '"')) end--;
  return text.slice(start, end);
}

export function remarkAliases(remarks: string): ListName[] {
  const names: ListName[] = [];
  if (!remarks.includes('.k.a.')) return names;
  const closers = new Map<string, Int32Array>();
  const opener = new RegExp(REMARK_OPENER.source, 'g');
  for (let m = opener.exec(remarks); m; m = opener.exec(remarks)) {
    const quote = m[2]!;
    let table = closers.get(quote);
    if (!table) closers.set(quote, (table = closingQuotes(remarks, quote)));
    const bodyStart = m.index + m[0].length;
    const close = table[bodyStart]!;
    if (close === -1) {
      opener.lastIndex = m.index + 1;
      continue;
    }
    opener.lastIndex = close + 1;
    const text = collapseSpaces(trimQuotes(remarks.slice(bodyStart, close)));
    if (text === '') continue;
    names.push({ text, type: m[1] === 'f' ? 'previous' : 'weak', quality: 'low' });
  }
  return names;
}

const ALT_TYPES: Record<string, NameType> = { aka: 'alias', nka: 'alias', fka: 'previous' };

function siblingName(origin: string, file: string): string {
  return /sdn\.csv$/i.test(origin) ? origin.replace(/sdn\.csv$/i, file) : `${origin} (${file})`;
}

function readAlt(alt: string, file: string, known: Map<string, number>): Map<string, ListName[]> {
  const byEntity = new Map<string, ListName[]>();
  for (const { cells, line } of readOfacCsv(alt, file, ALT_COLUMNS, 'an OFAC alt.csv (5 columns)')) {
    const { ent_num: entNum, alt_type: altType, alt_name: altName } = cells;
    const where = { file, line };
    if (!/^\d+$/.test(entNum)) throw new InputError(`ent_num "${entNum}" is not a number`, { ...where, field: 'ent_num' });
    if (!known.has(entNum)) throw new InputError(`ent_num ${entNum} is not in sdn.csv`, { ...where, field: 'ent_num' });
    const type = ALT_TYPES[altType.toLowerCase().replace(/\./g, '')];
    if (!type) throw new InputError(`ent_num ${entNum}: alt_type "${altType}" is not aka, fka or nka`, { ...where, field: 'alt_type' });
    const text = collapseSpaces(altName);
    if (text === '') throw new InputError(`ent_num ${entNum}: alt_name is empty`, { ...where, field: 'alt_name' });
    const list = byEntity.get(entNum) ?? [];
    list.push({ text, type, quality: 'good' });
    byEntity.set(entNum, list);
  }
  return byEntity;
}

/**
 * Parse OFAC's `sdn.csv` (with `extra.alt`, the text of `alt.csv`, in the three-file form).
 * `origin` names the input in messages; the first bad record throws an {@link InputError}
 * naming its line and field, so nothing of a bad file is used. `record` is the CSV line.
 */
export function parseOfacSdnCsv(csv: string, origin: string, extra: OfacExtraFiles = {}): ParsedList {
  const rows = readOfacCsv(csv, origin, SDN_COLUMNS, 'an OFAC SDN CSV (12 columns, no header)');
  const lines = new Map<string, number>();
  const parsed: { row: CsvRow<Record<SdnColumn, string>>; entNum: string; kind: EntityKind }[] = [];
  for (const row of rows) {
    const { ent_num: entNum, SDN_Name: name, SDN_Type: type } = row.cells;
    const where = { file: origin, line: row.line };
    if (!/^\d+$/.test(entNum)) throw new InputError(`ent_num "${entNum}" is not a number`, { ...where, field: 'ent_num' });
    const first = lines.get(entNum);
    if (first !== undefined) throw new InputError(`ent_num ${entNum} is listed twice (first at line ${first})`, { ...where, field: 'ent_num' });
    lines.set(entNum, row.line);
    if (collapseSpaces(name) === '') throw new InputError(`ent_num ${entNum}: SDN_Name is empty`, { ...where, field: 'SDN_Name' });
    const kind = KINDS[type.toLowerCase()];
    if (!kind) throw new InputError(`ent_num ${entNum}: SDN_Type "${type}" is not individual, vessel, aircraft or empty`, { ...where, field: 'SDN_Type' });
    parsed.push({ row, entNum, kind });
  }

  const altNames = extra.alt !== undefined ? readAlt(extra.alt, extra.altOrigin ?? siblingName(origin, 'alt.csv'), lines) : new Map<string, ListName[]>();

  const entries = parsed.map(({ row, entNum, kind }): ListEntry => {
    const primaryName = collapseSpaces(row.cells.SDN_Name);
    const names: ListName[] = [...(altNames.get(entNum) ?? []), ...remarkAliases(row.cells.Remarks)];
    if (kind === 'person') {
      const reordered: ListName[] = [];
      const primaryOrder = firstLastOrder(primaryName);
      if (primaryOrder) reordered.push({ text: primaryOrder, type: 'spelling' });
      for (const n of names) {
        const order = firstLastOrder(n.text);
        if (order) reordered.push({ ...n, text: order });
      }
      names.unshift(...reordered.slice(0, primaryOrder ? 1 : 0));
      names.push(...reordered.slice(primaryOrder ? 1 : 0));
    }
    return {
      ref: `ofac:${entNum}`,
      kind,
      primaryName,
      names: dedupeNames(primaryName, names),
      listedOn: null,
      jurisdiction: JURISDICTION,
      authority: AUTHORITY,
      programs: splitPrograms(row.cells.Program),
      record: row.line,
    };
  });
  return { format: 'ofac-sdn-csv', publishedOn: null, entries };
}
