import type { Command } from 'commander';
import { type FtmImportSummary, importFtm } from '../../exchange/ftm-import.js';
import { FORMATS, importListFile, importMilitantsFolder, importScheduleFile, readText } from '../../importers/import-file.js';
import type { ScheduleImportSummary } from '../../importers/import-schedule.js';
import { KNOWN_LISTS, MEASURES } from '../../lists/catalogue.js';
import { printJoin } from './join.js';
import { joinLists } from '../../registry/join.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';

interface ImportOptions {
  format: string;
  publishedOn?: string;
  list?: string;
  title?: string;
  measure?: string;
  kinds?: string;
  join: boolean;
  db?: string;
}

export function printSchedule(io: CliIo, file: string, s: ScheduleImportSummary): void {
  if (s.unchanged) return writeLine(io, `${file}: already imported as a version of ${s.list}: nothing changed`);
  writeLine(io, `${file}: ${s.rows} rows, ${s.entries} organisations of list ${s.list} (version of ${s.publishedOn ?? 'today'})`);
  writeLine(io, `  added ${s.added.length}, re-listed ${s.relisted.length}, delisted ${s.delisted.length}, removed (missing from this version) ${s.removed.length}, dates corrected ${s.corrected.length}, new names ${s.namesAdded}`);
  for (const name of s.removed) writeLine(io, `  removed: ${name}`);
  for (const c of s.corrected) writeLine(io, `  corrected: ${c.name}: ${c.predicate} ${c.from ?? 'no date'} → ${c.to ?? '(no longer stated)'}`);
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
    .argument('<format>', `list format: ${[...Object.keys(FORMATS), 'schedule', 'ftm', 'mapping-militants'].join(', ')}`)
    .argument('<file>', 'the list file (ofac-sdn-csv: a CSV, or a folder with sdn.csv and alt.csv; schedule: a list CSV name,aliases,listed_on,delisted_on,law,authority,jurisdiction,notes,source_url,source_retrieved; ftm: FollowTheMoney JSON lines; mapping-militants: the folder with groups.csv and relationships.csv)')
    .option('--published-on <YYYY-MM-DD>', 'publication date of this version (default: the date inside the file, where it has one)')
    .option('--list <id>', `schedule: the list this file is a version of (default: from the file name; known: ${KNOWN_LISTS.filter((l) => l.format === 'schedule').map((l) => l.id).join(', ')})`)
    .option('--title <text>', 'schedule: the title of a list proscribe does not know')
    .option('--measure <measure>', `schedule: what a list proscribe does not know is: ${MEASURES.join(', ')} (default ban)`)
    .option('--kinds <file>', 'schedule: a CSV of name,kind (optionally list,name,kind) for rows that are not organisations')
    .option('--no-join', 'do not run the cross-list join after the import (`proscribe join` runs it later)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (format: string, file: string, _opts: ImportOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ImportOptions>();
      const out = parseOutputFormat(opts.format);
      const joinAfter = (run: boolean) => (run ? withStore(opts.db, io, (repo) => joinLists(repo)) : Promise.resolve(null));
      if (format === 'ftm') {
        const text = await readText(file);
        const ftm = await withStore(opts.db, io, (repo) => importFtm(repo, text, file));
        if (out === 'json') return writeJson(io, ftm);
        return printFtm(io, ftm);
      }
      if (format === 'mapping-militants') {
        const mm = await withStore(opts.db, io, (repo) => importMilitantsFolder(repo, file, { join: opts.join }));
        if (out === 'json') return writeJson(io, mm);
        if (mm.unchanged) return writeLine(io, `${file}: already imported: nothing changed`);
        writeLine(io, `${file}: ${mm.groups} groups (${mm.groupsCreated} new, ${mm.groupsMatched} joined to list entries); links: ${mm.linksAdded} accepted, ${mm.linksDemoted} proposed for review (their sentence does not name both groups), ${mm.linksKnown} already known`);
        for (const example of mm.demotedExamples) writeLine(io, `  proposed: ${example}`);
        if (mm.join) printJoin(io, mm.join, false);
        return;
      }
      if (format === 'schedule') {
        const sc = await withStore(opts.db, io, (repo) => importScheduleFile(repo, file, {
          ...(opts.list ? { list: opts.list } : {}), ...(opts.title ? { title: opts.title } : {}), ...(opts.measure ? { measure: opts.measure } : {}),
          ...(opts.publishedOn ? { publishedOn: opts.publishedOn } : {}), ...(opts.kinds ? { kindsFile: opts.kinds } : {}),
        }));
        const joined = await joinAfter(!sc.unchanged && opts.join);
        if (out === 'json') return writeJson(io, { ...sc, join: joined });
        printSchedule(io, file, sc);
        if (joined) printJoin(io, joined, false);
        return;
      }
      const summary = await withStore(opts.db, io, (repo) => importListFile(repo, format, file, opts.publishedOn));
      const joined = await joinAfter(!summary.unchanged && opts.join);
      if (out === 'json') {
        writeJson(io, { ...summary, join: joined });
        return;
      }
      if (summary.unchanged) {
        writeLine(io, `${file}: already imported (the last ${summary.source} version has the same content): nothing changed`);
        return;
      }
      writeLine(io, `${file}: ${summary.entries} entries of the ${summary.source} list published ${summary.publishedOn ?? '(date unknown)'}`);
      writeLine(io, `  added ${summary.added.length}, re-listed ${summary.relisted.length}, delisted ${summary.delisted.length}, new names ${summary.namesAdded}`);
      if (joined) printJoin(io, joined, false);
    });
}
