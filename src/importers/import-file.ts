import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { sha256Hex } from '../documents/normalise.js';
import { InputError } from '../errors.js';
import { type ImportSummary, importList } from './import-list.js';
import { importMilitantGraph } from './import-militants.js';
import { parseMappingMilitants } from './mapping-militants.js';
import { parseOfacSdnCsv } from './ofac-sdn-csv.js';
import type { ParsedList } from './types.js';
import { parseUnXml } from './un-xml.js';
import { dateBounds, isIsoDay } from '../model/partial-date.js';
import { ENTITY_KINDS, type EntityKind } from '../model/types.js';
import { type ScheduleImportSummary, importSchedule } from './import-schedule.js';
import { parseSchedule } from './schedule-csv.js';
import { readCsv } from './ofac-sdn-csv.js';
import { collapseSpaces } from './list-diff.js';
import type { Repository } from '../store/repository.js';
import { LIST_ID_PATTERN, type ListDefinition, MEASURES, type Measure, knownList, listIdForFile } from '../lists/catalogue.js';

/**
 * Reading list files from disk into the importers: which parser each format uses, which list it
 * versions, what its versions are called. Shared by the CLI, the API and the benchmarks.
 */

interface LoadedList {
  parsed: ParsedList;
  sha256: string;
  origin: string;
}

export async function readText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file: path });
  }
  // A list file that is not UTF-8 would otherwise reach the registry with U+FFFD in its names.
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputError('not UTF-8 text', { file: path });
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    throw new InputError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file: path });
  }
}

/** Each list format: how to read its file(s), which list it versions, what to call it. */
export const FORMATS: Record<string, { source: string; list: string; title: string; load: (path: string) => Promise<LoadedList> }> = {
  'un-xml': {
    source: 'un',
    list: 'un-sc',
    title: 'UN consolidated list',
    async load(path) {
      const xml = await readText(path);
      return { parsed: parseUnXml(xml, path), sha256: sha256Hex(xml), origin: path };
    },
  },
  'ofac-sdn-csv': {
    source: 'ofac',
    list: 'us-ofac-sdn',
    title: 'OFAC SDN list',
    async load(path) {
      if (await isDirectory(path)) {
        // The three-file form: sdn.csv with aliases in alt.csv (and addresses in add.csv).
        const sdnPath = join(path, 'sdn.csv');
        const sdn = await readText(sdnPath);
        const alt = await readText(join(path, 'alt.csv'));
        return { parsed: parseOfacSdnCsv(sdn, sdnPath, { alt }), sha256: sha256Hex(sdn + '\u0000' + alt), origin: path };
      }
      const csv = await readText(path);
      return { parsed: parseOfacSdnCsv(csv, path), sha256: sha256Hex(csv), origin: path };
    },
  },
};

export async function importListFile(repo: Repository, format: string, path: string, publishedOn?: string): Promise<ImportSummary> {
  const spec = FORMATS[format];
  if (!spec) throw new InputError(`unknown list format "${format}": use ${Object.keys(FORMATS).join(' or ')}`, { field: 'format' });
  if (publishedOn !== undefined && !isIsoDay(publishedOn)) {
    throw new InputError(`"${publishedOn}" is not a calendar date YYYY-MM-DD`, { field: 'published-on' });
  }
  const { parsed, sha256, origin } = await spec.load(path);
  const date = publishedOn ?? parsed.publishedOn;
  return importList(repo, parsed, {
    format, source: spec.source, list: knownList(spec.list)!, sha256, publishedOn: date,
    label: `${spec.title} ${date ?? basename(origin)}`,
  });
}

export async function importMilitantsFolder(repo: Repository, dir: string, options: { join?: boolean } = {}) {
  const groups = await readText(join(dir, 'groups.csv'));
  const links = await readText(join(dir, 'relationships.csv'));
  const graph = parseMappingMilitants(groups, links, dir);
  return importMilitantGraph(repo, graph, { sha256: sha256Hex(groups + '\u0000' + links), label: 'Mapping Militant Organizations' }, options);
}

export interface ScheduleFileOptions {
  /** The list the file is a version of (default: from the file's name). */
  list?: string;
  /** For a list proscribed does not know: its title and measure (default: the id, `ban`). */
  title?: string;
  measure?: string;
  /** The version's date (default: the rows' latest source_retrieved, else the day of the import). */
  publishedOn?: string;
  /** A CSV of `name,kind` (optionally `list,name,kind`) for rows that are not organisations. */
  kindsFile?: string;
}

/** Read a list CSV (`import schedule`), work out which list it versions, and import it. */
export async function importScheduleFile(repo: Repository, path: string, options: ScheduleFileOptions = {}): Promise<ScheduleImportSummary> {
  const id = options.list ?? listIdForFile(basename(path));
  if (!LIST_ID_PATTERN.test(id)) {
    throw new InputError(`"${id}" is not a list id: lower-case letters, digits and hyphens, 2 to 48 characters (give one with --list)`, { field: 'list' });
  }
  if (options.publishedOn !== undefined && !isIsoDay(options.publishedOn)) {
    throw new InputError(`"${options.publishedOn}" is not a calendar date YYYY-MM-DD`, { field: 'published-on' });
  }
  let measure: Measure | undefined;
  if (options.measure !== undefined) {
    if (!(MEASURES as readonly string[]).includes(options.measure)) throw new InputError(`measure "${options.measure}" is not one of ${MEASURES.join(', ')}`, { field: 'measure' });
    measure = options.measure as Measure;
  }
  const kinds = options.kindsFile ? await readKindsFile(options.kindsFile, id) : undefined;
  const text = await readText(path);
  const parsed = parseSchedule(text, path, kinds ? { kinds } : {});
  const known = knownList(id) ?? (await repo.getList(id)) ?? undefined;
  if (known && known.format !== 'schedule') {
    throw new InputError(`list ${id} is imported from ${known.format} files, not from list CSVs`, { field: 'list' });
  }
  if (known && measure && measure !== known.measure) {
    throw new InputError(`list ${id} is a ${known.measure} list, not ${measure}`, { field: 'measure' });
  }
  const list: ListDefinition = known
    ? { ...known, ...(options.title ? { title: options.title } : {}) }
    : {
      id, title: options.title ?? id, jurisdiction: parsed.jurisdiction, measure: measure ?? 'ban', authority: null, law: null, sourceUrl: null,
      format: 'schedule', refPrefix: id, notes: null,
    };
  const retrieved = parsed.retrievedOn ? dateBounds(parsed.retrievedOn)!.end : null;
  return importSchedule(repo, parsed, { list, sha256: sha256Hex(text), fileName: basename(path), publishedOn: options.publishedOn ?? retrieved });
}

/** `name,kind` rows (with an optional `list` column: rows of other lists are skipped). */
async function readKindsFile(path: string, listId: string): Promise<Map<string, EntityKind>> {
  const [header, ...rows] = readCsv(await readText(path), path, 'a kinds CSV');
  const columns = (header?.cells ?? []).map((c) => c.trim().toLowerCase());
  const col = (name: string) => columns.indexOf(name);
  if (col('name') < 0 || col('kind') < 0) throw new InputError('a kinds CSV needs the columns name and kind (and optionally list)', { file: path, line: 1, field: col('name') < 0 ? 'name' : 'kind' });
  const kinds = new Map<string, EntityKind>();
  for (const { cells, line } of rows) {
    if (col('list') >= 0 && (cells[col('list')] ?? '').trim() !== listId) continue;
    const kind = (cells[col('kind')] ?? '').trim().toLowerCase();
    if (!(ENTITY_KINDS as readonly string[]).includes(kind)) throw new InputError(`kind "${kind}" is not one of ${ENTITY_KINDS.join(', ')}`, { file: path, line, field: 'kind' });
    kinds.set(collapseSpaces(cells[col('name')] ?? ''), kind as EntityKind);
  }
  return kinds;
}
