import { join } from 'node:path';
import type { Command } from 'commander';
import { addDefaultSources } from '../../sources/sources.js';
import { parseDocuments } from '../../documents/parse.js';
import { readInputs } from '../../documents/read-inputs.js';
import { extractingHook, ingestDocuments } from '../../ingest/ingest.js';
import { DATA_DIR } from '../../paths.js';
import { type CliIo, writeLine } from '../io.js';
import { withStore } from '../store.js';
import { importListFile, importMilitantsFolder, importScheduleFile } from '../../importers/import-file.js';
import { describeExtraction } from './ingest.js';
import { printJoin } from './join.js';
import { joinLists as joinEntities } from '../../registry/join.js';

/** The bundled lists, in the order their versions were published. */
export const BUNDLED_LISTS: { format: string; file: string; publishedOn?: string }[] = [
  { format: 'un-xml', file: 'lists/un-consolidated-2018-10-29.xml' },
  { format: 'ofac-sdn-csv', file: 'lists/ofac-sdn-2024-05.csv', publishedOn: '2024-05-01' },
  { format: 'un-xml', file: 'lists/un-consolidated-2026-02-27.xml' },
];

/** The national schedules (data/lists/national, compiled on this day), each a version of its list. */
export const NATIONAL_COMPILED_ON = '2026-12-06';
export const BUNDLED_SCHEDULES: { file: string; list: string }[] = [
  { file: 'pk-nacta-first-schedule.csv', list: 'pk-nacta' },
  { file: 'pk-nacta-watch-list.csv', list: 'pk-nacta-watch' },
  { file: 'gb-proscribed.csv', list: 'gb-proscribed' },
  { file: 'us-fto.csv', list: 'us-fto' },
  { file: 'in-uapa.csv', list: 'in-uapa' },
  { file: 'ca-listed-entities.csv', list: 'ca-listed' },
  { file: 'au-listed.csv', list: 'au-listed' },
  { file: 'eu-terrorist-list.csv', list: 'eu-terrorist' },
];

/**
 * The main job on the embedded default: create the database if needed and load the bundled
 * starter data. Safe to run again: everything it loads is idempotent.
 */
export function registerBootstrap(program: Command, io: CliIo): void {
  program
    .command('bootstrap')
    .description('create the database (default ./proscribe.sqlite) and load the bundled starter data: the UN and OFAC lists, the national lists (Pakistan, UK, US FTO, India, Canada, Australia, EU), the Mapping Militants lineage graph, joined into one entity per organisation, and the seed article')
    .option('--no-join', 'leave each list entry its own entity (no cross-list join; `proscribe join` runs it later)')
    .action(async (_opts: unknown, cmd: Command) => {
      const { db, join: joinLists } = cmd.optsWithGlobals<{ db?: string; join: boolean }>();
      const { files } = await readInputs([join(DATA_DIR, 'examples')], io.stdin);
      const docs = files.flatMap((f) => parseDocuments(f.content, f.origin));
      await withStore(db, io, async (repo) => {
        writeLine(io, `database: ${repo.location} (${repo.dialect})`);
        for (const list of BUNDLED_LISTS) {
          const s = await importListFile(repo, list.format, join(DATA_DIR, list.file), list.publishedOn);
          writeLine(io, s.unchanged
            ? `already imported: ${list.file}`
            : `imported ${list.file}: ${s.entries} entries; added ${s.added.length}, re-listed ${s.relisted.length}, delisted ${s.delisted.length}`);
        }
        const national = join(DATA_DIR, 'lists', 'national');
        for (const sc of BUNDLED_SCHEDULES) {
          const s = await importScheduleFile(repo, join(national, sc.file), {
            list: sc.list, publishedOn: NATIONAL_COMPILED_ON, kindsFile: join(national, 'kinds.csv'),
          });
          writeLine(io, s.unchanged
            ? `already imported: lists/national/${sc.file}`
            : `imported lists/national/${sc.file}: ${s.rows} rows, ${s.entries} entries of ${s.list}; added ${s.added.length}, re-listed ${s.relisted.length}, delisted ${s.delisted.length}, removed ${s.removed.length}`);
        }
        // After the lists, so the research groups join the listed entities they are.
        const mm = await importMilitantsFolder(repo, join(DATA_DIR, 'lineage', 'mapping-militants'), { join: joinLists });
        writeLine(io, mm.unchanged
          ? 'already imported: lineage/mapping-militants'
          : `imported lineage/mapping-militants: ${mm.groups} groups (${mm.groupsMatched} joined to list entries); ${mm.linksAdded} links accepted, ${mm.linksDemoted} proposed for review (their sentence does not name both groups)`);
        if (mm.join) printJoin(io, mm.join, false);
        else if (joinLists) printJoin(io, await joinEntities(repo), false);
        for (const d of await ingestDocuments(repo, docs, await extractingHook(repo))) {
          writeLine(io, `${d.created ? 'stored' : 'already stored'}: document ${d.id} dated ${d.date} (${d.chars} characters) from ${d.origin}`);
          if (d.extraction) writeLine(io, `  ${describeExtraction(d.extraction)}`);
        }
        const sources = await addDefaultSources(repo);
        if (sources.length) writeLine(io, `sources: ${sources.map((x) => `${x.id} from ${x.url}`).join('; ')} (\`proscribe update\` refreshes them; \`serve\` does on their schedule)`);
        const counts = await repo.counts();
        writeLine(io, `registry: ${counts.documents} documents, ${counts.entities} entities, ${counts.names} names, ${counts.facts} facts`);
      });
    });
}
