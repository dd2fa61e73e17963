import { join } from 'node:path';
import type { Command } from 'commander';
import { parseDocuments } from '../../documents/parse.js';
import { readInputs } from '../../documents/read-inputs.js';
import { ingestDocuments } from '../../ingest/ingest.js';
import { DATA_DIR } from '../../paths.js';
import { type CliIo, writeLine } from '../io.js';
import { withStore } from '../store.js';

/**
 * The main job on the embedded default: create the database if needed and load the bundled
 * starter data. Safe to run again: everything it loads is idempotent.
 */
export function registerBootstrap(program: Command, io: CliIo): void {
  program
    .command('bootstrap')
    .description('create the database (default ./proscribe.sqlite) and load the bundled starter data: the seed article')
    .action(async (_opts: unknown, cmd: Command) => {
      const { db } = cmd.optsWithGlobals<{ db?: string }>();
      const { files } = await readInputs([join(DATA_DIR, 'examples')], io.stdin);
      const docs = files.flatMap((f) => parseDocuments(f.content, f.origin));
      await withStore(db, io, async (repo) => {
        writeLine(io, `database: ${repo.location} (${repo.dialect})`);
        for (const d of await ingestDocuments(repo, docs)) {
          writeLine(io, `${d.created ? 'stored' : 'already stored'}: document ${d.id} dated ${d.date} (${d.chars} characters) from ${d.origin}`);
        }
        const counts = await repo.counts();
        writeLine(io, `registry: ${counts.documents} documents, ${counts.entities} entities, ${counts.names} names, ${counts.facts} facts`);
      });
    });
}
