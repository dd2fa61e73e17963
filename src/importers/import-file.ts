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
import { isIsoDay } from '../model/partial-date.js';
import type { Repository } from '../store/repository.js';

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
export const FORMATS: Record<string, { source: string; title: string; load: (path: string) => Promise<LoadedList> }> = {
  'un-xml': {
    source: 'un',
    title: 'UN consolidated list',
    async load(path) {
      const xml = await readText(path);
      return { parsed: parseUnXml(xml, path), sha256: sha256Hex(xml), origin: path };
    },
  },
  'ofac-sdn-csv': {
    source: 'ofac',
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
    format, source: spec.source, sha256, publishedOn: date,
    label: `${spec.title} ${date ?? basename(origin)}`,
  });
}

export async function importMilitantsFolder(repo: Repository, dir: string) {
  const groups = await readText(join(dir, 'groups.csv'));
  const links = await readText(join(dir, 'relationships.csv'));
  const graph = parseMappingMilitants(groups, links, dir);
  return importMilitantGraph(repo, graph, { sha256: sha256Hex(groups + '\u0000' + links), label: 'Mapping Militant Organizations' });
}
