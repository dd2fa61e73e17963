/**
 * Parser for the Stanford "Mapping Militant Organizations" relationships, as cleaned in the
 * public repository ThomasThelen/militant-map-neo4j (Apache-2.0): `groups.csv` (group_id, name)
 * and `relationships.csv` (unique_id, type, group1_id, group2_id, date, description,
 * group1_name, group2_name). Text in, typed groups and dated links out.
 *
 * Link types and direction (read from the researchers' descriptions: in `spl` rows group2 is
 * the group that split off group1, in `mer` rows group1 merged into group2):
 * - `spl` split    → group2 `offshoot_of` group1
 * - `mer` merger   → group2 `successor_of` group1
 * - `aff` affiliate → group1 `affiliated_with` group2 (symmetric)
 * - `all` ally     → group1 `allied_with` group2 (symmetric)
 * - `riv` rival    → group1 `opposes` group2 (symmetric)
 *
 * Dates come as `2005-00-00` (00 = unknown month/day → `2005`, `2005-03`) or `M/D/YY`
 * (two-digit years: 00-30 → 20xx, else 19xx). In the M/D/YY form a day of 1 stands for
 * "some day that month" (45 of the 130 such dates are the 1st, against ~4 expected by chance), so `4/1/00`
 * becomes `2000-04`; other days are kept (`2/18/10` → `2010-02-18`).
 *
 * One link per row: the 28 rows that repeat a type, pair and date keep their own ids and
 * descriptions. Descriptions are cleaned of the source's escaping (`\'`, `\&#039;`) and of UTF-8 text that
 * was decoded as Latin-1 (`groupâ\u0080\u0099s` → `group’s`). Groups with the placeholder id
 * -99 (5 groups with no id of their own, in no relationship) are returned in `unidentified`.
 */
import { InputError } from '../errors.js';
import type { Predicate } from '../model/types.js';
import { isIsoDay } from '../model/partial-date.js';
import { collapseSpaces } from './list-diff.js';
import { readCsv } from './ofac-sdn-csv.js';

export type MilitantLinkType = 'spl' | 'mer' | 'aff' | 'all' | 'riv';

export interface MilitantGroup {
  /** The dataset's group_id. */
  id: number;
  name: string;
  /** Line in groups.csv. */
  record: number;
}

export interface MilitantLink {
  /** The dataset's unique_id of the relationship. */
  id: number;
  /** The dataset's code. */
  type: MilitantLinkType;
  predicate: Extract<Predicate, 'offshoot_of' | 'successor_of' | 'affiliated_with' | 'allied_with' | 'opposes'>;
  /** Group ids, in the predicate's direction: `subject predicate object`. */
  subjectId: number;
  objectId: number;
  subject: string;
  object: string;
  /** True for affiliate, ally and rival links: the direction carries no meaning. */
  symmetric: boolean;
  /** ISO partial date (`2005`, `2005-03`, `2005-03-14`), null when the row has none. */
  date: string | null;
  /** The researchers' one-sentence description: the evidence. Null when empty. */
  description: string | null;
  /** Line in relationships.csv. */
  record: number;
}

export interface MilitantGraph {
  groups: MilitantGroup[];
  links: MilitantLink[];
  /** Names of groups the file gives no usable id (placeholder -99). */
  unidentified: string[];
}

const LINK_TYPES: Record<MilitantLinkType, { predicate: MilitantLink['predicate']; reverse: boolean; symmetric: boolean }> = {
  spl: { predicate: 'offshoot_of', reverse: true, symmetric: false },
  mer: { predicate: 'successor_of', reverse: true, symmetric: false },
  aff: { predicate: 'affiliated_with', reverse: false, symmetric: true },
  all: { predicate: 'allied_with', reverse: false, symmetric: true },
  riv: { predicate: 'opposes', reverse: false, symmetric: true },
};

const GROUP_COLUMNS = ['group_id', 'name'] as const;
const LINK_COLUMNS = ['unique_id', 'type', 'group1_id', 'group2_id', 'date', 'description'] as const;

/** Repair UTF-8 that was read as Latin-1 (`â\u0080\u0099` → `’`), sequence by sequence. */
function fixMojibake(text: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u00bf]/.test(text)) return text;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return text.replace(/[\u00c2-\u00f4][\u0080-\u00bf]{1,3}/g, (seq) => {
    try {
      return decoder.decode(Uint8Array.from(seq, (ch) => ch.charCodeAt(0)));
    } catch {
      return seq;
    }
  });
}

function cleanText(text: string): string {
  return collapseSpaces(
    fixMojibake(text)
      .replace(/\\?&#0*39;/g, "'")
      .replace(/\\?&quot;/g, '"')
      .replace(/\\?&amp;/g, '&')
      .replace(/\\(['"])/g, '$1'),
  );
}

/** `2005-00-00` → `2005`; `2005-03-00` → `2005-03`; `4/1/00` → `2000-04`; `2/18/10` → `2010-02-18`. */
export function militantDate(value: string): string | null | undefined {
  const v = value.trim();
  if (v === '') return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) {
    const [, y, mo, d] = m as unknown as [string, string, string, string];
    if (mo === '00') return d === '00' ? y : undefined;
    if (Number(mo) > 12) return undefined;
    if (d === '00') return `${y}-${mo}`;
    return isIsoDay(v) ? v : undefined;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(v);
  if (m) {
    const [, mo, d, yy] = m as unknown as [string, string, string, string];
    const year = yy.length === 4 ? yy : `${Number(yy) <= 30 ? 20 : 19}${yy}`;
    const month = mo.padStart(2, '0');
    const day = d.padStart(2, '0');
    if (!isIsoDay(`${year}-${month}-${day}`)) return undefined;
    return day === '01' ? `${year}-${month}` : `${year}-${month}-${day}`;
  }
  return undefined;
}

function join(origin: string, file: string): string {
  return origin.endsWith('/') ? `${origin}${file}` : `${origin}/${file}`;
}

/** Header → column index, checking the columns this parser reads are there. */
function columnsOf(header: string[] | undefined, wanted: readonly string[], file: string): Map<string, number> {
  const index = new Map<string, number>();
  (header ?? []).forEach((name, i) => index.set(name.trim(), i));
  const missing = wanted.filter((c) => !index.has(c));
  if (missing.length) {
    throw new InputError(`not a Mapping Militants file: the header lacks ${missing.join(', ')} (expected ${wanted.join(', ')})`, {
      file, line: 1, field: missing[0],
    });
  }
  return index;
}

/**
 * Parse the two files. `origin` is the folder they come from (messages name
 * `origin/groups.csv` and `origin/relationships.csv`). A bad row throws an {@link InputError}
 * with its file, line and field.
 */
export function parseMappingMilitants(groupsCsv: string, relationshipsCsv: string, origin: string): MilitantGraph {
  const groupsFile = join(origin, 'groups.csv');
  const linksFile = join(origin, 'relationships.csv');
  if (groupsCsv.trim() === '') throw new InputError('the file is empty', { file: groupsFile, line: 1 });
  if (relationshipsCsv.trim() === '') throw new InputError('the file is empty', { file: linksFile, line: 1 });

  const [groupHeader, ...groupRows] = readCsv(groupsCsv, groupsFile, 'a Mapping Militants groups.csv');
  const gcol = columnsOf(groupHeader?.cells, GROUP_COLUMNS, groupsFile);
  const groups: MilitantGroup[] = [];
  const byId = new Map<number, MilitantGroup>();
  const unidentified: string[] = [];
  for (const { cells, line } of groupRows) {
    const rawId = (cells[gcol.get('group_id')!] ?? '').trim();
    const name = cleanText(cells[gcol.get('name')!] ?? '');
    if (!/^-?\d+$/.test(rawId)) throw new InputError(`group_id "${rawId}" is not a number`, { file: groupsFile, line, field: 'group_id' });
    if (name === '') throw new InputError(`group ${rawId} has no name`, { file: groupsFile, line, field: 'name' });
    const id = Number(rawId);
    if (id < 0) {
      unidentified.push(name);
      continue;
    }
    const have = byId.get(id);
    if (have) {
      if (have.name === name) continue;
      throw new InputError(`group_id ${id} is "${have.name}" on line ${have.record} and "${name}" here`, { file: groupsFile, line, field: 'group_id' });
    }
    const group = { id, name, record: line };
    byId.set(id, group);
    groups.push(group);
  }

  const [linkHeader, ...linkRows] = readCsv(relationshipsCsv, linksFile, 'a Mapping Militants relationships.csv');
  const lcol = columnsOf(linkHeader?.cells, LINK_COLUMNS, linksFile);
  const cell = (cells: string[], column: (typeof LINK_COLUMNS)[number]) => (cells[lcol.get(column)!] ?? '').trim();
  const links: MilitantLink[] = [];
  const seenIds = new Map<number, number>();
  for (const { cells, line } of linkRows) {
    const where = (field: string) => ({ file: linksFile, line, field });
    const rawId = cell(cells, 'unique_id');
    if (!/^\d+$/.test(rawId)) throw new InputError(`unique_id "${rawId}" is not a number`, where('unique_id'));
    const id = Number(rawId);
    if (seenIds.has(id)) throw new InputError(`unique_id ${id} appears twice (first on line ${seenIds.get(id)})`, where('unique_id'));
    seenIds.set(id, line);
    const type = cell(cells, 'type').toLowerCase();
    const spec = (LINK_TYPES as Record<string, (typeof LINK_TYPES)[MilitantLinkType] | undefined>)[type];
    if (!spec) throw new InputError(`relationship ${id}: type "${type}" is not one of ${Object.keys(LINK_TYPES).join(', ')}`, where('type'));
    const group = (column: 'group1_id' | 'group2_id'): MilitantGroup => {
      const raw = cell(cells, column);
      const found = /^\d+$/.test(raw) ? byId.get(Number(raw)) : undefined;
      if (!found) throw new InputError(`relationship ${id}: ${column} "${raw}" is not a group in groups.csv`, where(column));
      return found;
    };
    const g1 = group('group1_id');
    const g2 = group('group2_id');
    const date = militantDate(cell(cells, 'date'));
    if (date === undefined) throw new InputError(`relationship ${id}: date "${cell(cells, 'date')}" is not YYYY-MM-DD or M/D/YY`, where('date'));
    const [subject, object] = spec.reverse ? [g2, g1] : [g1, g2];
    const description = cleanText(cells[lcol.get('description')!] ?? '');
    links.push({
      id, type: type as MilitantLinkType, predicate: spec.predicate, subjectId: subject.id, objectId: object.id,
      subject: subject.name, object: object.name, symmetric: spec.symmetric, date, description: description || null, record: line,
    });
  }
  return { groups, links, unidentified };
}
