import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { sha256Hex } from '../../documents/normalise.js';
import { InputError } from '../../errors.js';
import { type ImportSummary, importList } from '../../importers/import-list.js';
import { type FtmImportSummary, importFtm } from '../../exchange/ftm-import.js';
import { importMilitantGraph } from '../../importers/import-militants.js';
import { parseMappingMilitants } from '../../importers/mapping-militants.js';
import { parseOfacSdnCsv } from '../../importers/ofac-sdn-csv.js';
import type { ParsedList } from '../../importers/types.js';
import { parseUnXml } from '../../importers/un-xml.js';
import { isIsoDay } from '../../model/partial-date.js';
import type { Repository } from '../../store/repository.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';

interface ImportOptions {
  format: string;
  publishedOn?: string;
  db?: string;
}

interface LoadedList {
  parsed: ParsedList;
  sha256: string;
  origin: string;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file: path });
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
const FORMATS: Record<string, { source: string; title: string; load: (path: string) => Promise<LoadedList> }> = {
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

function printFtm(io: CliIo, s: FtmImportSummary): void {
  if (s.unchanged) return writeLine(io, `${s.file}: already imported: nothing changed`);
  writeLine(io, `${s.file}: ${s.lines} lines; entities created ${s.entitiesCreated}, matched ${s.entitiesMatched}; names added ${s.namesAdded}; facts added ${s.factsAdded}, already known ${s.factsKnown}`);
  const skipped = Object.entries(s.skippedSchemas).map(([k, v]) => `${k} ${v}`).join(', ');
  if (skipped) writeLine(io, `  lines of schemas not modelled (left out): ${skipped}`);
  const ignored = Object.entries(s.ignoredProperties).map(([k, v]) => `${k} ${v}`).join(', ');
  if (ignored) writeLine(io, `  properties not modelled (left out): ${ignored}`);
}

export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('import a version of a public list as accepted registry facts (re-importing the same file changes nothing; entries missing from a newer version are delisted)')
    .argument('<format>', `list format: ${[...Object.keys(FORMATS), 'ftm', 'mapping-militants'].join(', ')}`)
    .argument('<file>', 'the list file (ofac-sdn-csv: a CSV, or a folder with sdn.csv and alt.csv; ftm: FollowTheMoney JSON lines; mapping-militants: the folder with groups.csv and relationships.csv)')
    .option('--published-on <YYYY-MM-DD>', 'publication date of this version (default: the date inside the file, where it has one)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (format: string, file: string, _opts: ImportOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ImportOptions>();
      const out = parseOutputFormat(opts.format);
      if (format === 'ftm') {
        const text = await readText(file);
        const ftm = await withStore(opts.db, io, (repo) => importFtm(repo, text, file));
        if (out === 'json') return writeJson(io, ftm);
        return printFtm(io, ftm);
      }
      if (format === 'mapping-militants') {
        const mm = await withStore(opts.db, io, (repo) => importMilitantsFolder(repo, file));
        if (out === 'json') return writeJson(io, mm);
        if (mm.unchanged) return writeLine(io, `${file}: already imported: nothing changed`);
        return writeLine(io, `${file}: ${mm.groups} groups (${mm.groupsMatched} matched to known entities, ${mm.groupsCreated} new); ${mm.linksAdded} links added, ${mm.linksKnown} already known`);
      }
      const summary = await withStore(opts.db, io, (repo) => importListFile(repo, format, file, opts.publishedOn));
      if (out === 'json') {
        writeJson(io, summary);
        return;
      }
      if (summary.unchanged) {
        writeLine(io, `${file}: already imported (the last ${summary.source} version has the same content): nothing changed`);
        return;
      }
      writeLine(io, `${file}: ${summary.entries} entries of the ${summary.source} list published ${summary.publishedOn ?? '(date unknown)'}`);
      writeLine(io, `  added ${summary.added.length}, re-listed ${summary.relisted.length}, delisted ${summary.delisted.length}, new names ${summary.namesAdded}`);
    });
}
