import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { exportCsv } from '../../exchange/csv-export.js';
import { exportFtm, type LineWriter } from '../../exchange/ftm-export.js';
import { isIsoDay, todayIso } from '../../model/partial-date.js';
import type { CliIo } from '../io.js';
import { withStore } from '../store.js';

interface ExportOptions {
  output?: string;
  asOf?: string;
  db?: string;
}

/** Lines to stdout or a file, waiting when the stream is full so a large export stays in constant memory. */
async function openWriter(io: CliIo, output: string | undefined): Promise<{ write: LineWriter; close: () => Promise<void> }> {
  let stream: NodeJS.WritableStream | WriteStream = io.stdout;
  if (output) {
    const file = createWriteStream(output);
    await Promise.race([
      once(file, 'open'),
      once(file, 'error').then(([error]) => {
        throw new InputError(`cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { file: output });
      }),
    ]);
    stream = file;
  }
  return {
    write: async (line) => {
      if (!stream.write(`${line}\n`)) await once(stream, 'drain');
    },
    close: async () => {
      if (output) {
        const file = stream as WriteStream;
        file.end();
        await once(file, 'finish');
      }
    },
  };
}

export function registerExport(program: Command, io: CliIo): void {
  const exp = program.command('export').description('write the registry (accepted facts) in an exchange format');

  exp
    .command('ftm')
    .description('FollowTheMoney JSON lines: Organization/Person/... with names, a Sanction per listing period, Succession/UnknownLink for lineage and relations')
    .option('--output <file>', 'write to a file instead of standard output')
    .action(async (_o: ExportOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ExportOptions>();
      await withStore(opts.db, io, async (repo) => {
        const out = await openWriter(io, opts.output);
        try {
          const summary = await exportFtm(repo, out.write);
          if (opts.output) io.stderr.write(`${opts.output}: ${summary.entities} entities, ${summary.sanctions} sanctions, ${summary.links} links\n`);
        } finally {
          await out.close();
        }
      });
    });

  exp
    .command('csv')
    .description('one row per listing period (entity, names, jurisdiction, from, until, in force on --as-of, authority, law, lineage)')
    .option('--as-of <YYYY-MM-DD>', 'the day the in_force column is for (default: today)')
    .option('--output <file>', 'write to a file instead of standard output')
    .action(async (_o: ExportOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ExportOptions>();
      const asOf = opts.asOf ?? todayIso();
      if (!isIsoDay(asOf)) throw new InputError(`"${asOf}" is not a calendar date YYYY-MM-DD`, { field: 'as-of' });
      await withStore(opts.db, io, async (repo) => {
        const out = await openWriter(io, opts.output);
        try {
          const { rows } = await exportCsv(repo, out.write, { asOf });
          if (opts.output) io.stderr.write(`${opts.output}: ${rows} rows\n`);
        } finally {
          await out.close();
        }
      });
    });
}
