import { join } from 'node:path';
import type { Command } from 'commander';
import { parseDocuments } from '../../documents/parse.js';
import { readInputs } from '../../documents/read-inputs.js';
import { extractingHook, ingestDocuments } from '../../ingest/ingest.js';
import { DATA_DIR } from '../../paths.js';
import { type CliIo, writeLine } from '../io.js';
import { withStore } from '../store.js';
import { importListFile, importMilitantsFolder } from '../../importers/import-file.js';
import { describeExtraction } from './ingest.js';

/** The bundled lists, in the order their versions were published. */
export const BUNDLED_LISTS: { format: string; file: string; publishedOn?: string }[] = [
  { format: 'un-xml', file: 'lists/un-consolidated-2018-10-29.xml' },
  { format: 'ofac-sdn-csv', file: 'lists/ofac-sdn-2024-05.csv', publishedOn: '2024-05-01' },
  { format: 'un-xml', file: 'lists/un-consolidated-2026-02-27.xml' },
];

/**
 * The main job on the embedded default: create the database if needed and load the bundled
 * starter data. Safe to run again: everything it loads is idempotent.
 */
export function registerBootstrap(program: Command, io: CliIo): void {
  program
    .command('bootstrap')
    .description('create the database (default ./proscribe.sqlite) and load the bundled starter data: UN and OFAC lists, the Mapping Militants lineage graph, the seed article')
    .action(async (_opts: unknown, cmd: Command) => {
      const { db } = cmd.optsWithGlobals<{ db?: string }>();
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
        // After the lists, so the research groups join the listed entities they are.
        const mm = await importMilitantsFolder(repo, join(DATA_DIR, 'lineage', 'mapping-militants'));
        writeLine(io, mm.unchanged
          ? 'already imported: lineage/mapping-militants'
          : `imported lineage/mapping-militants: ${mm.groups} groups (${mm.groupsMatched} joined to listed entities), ${mm.linksAdded} links`);
        for (const d of await ingestDocuments(repo, docs, await extractingHook(repo))) {
          writeLine(io, `${d.created ? 'stored' : 'already stored'}: document ${d.id} dated ${d.date} (${d.chars} characters) from ${d.origin}`);
          if (d.extraction) writeLine(io, `  ${describeExtraction(d.extraction)}`);
        }
        const counts = await repo.counts();
        writeLine(io, `registry: ${counts.documents} documents, ${counts.entities} entities, ${counts.names} names, ${counts.facts} facts`);
      });
    });
}
