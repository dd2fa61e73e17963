import type { Command } from 'commander';
import { type FtmImportSummary, importFtm } from '../../exchange/ftm-import.js';
import { FORMATS, importListFile, importMilitantsFolder, readText } from '../../importers/import-file.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';

interface ImportOptions {
  format: string;
  publishedOn?: string;
  db?: string;
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
