import type { Command } from 'commander';
import { type StoreCounts, backupStore, restoreStore } from '../../store/backup.js';
import { displayLocation, resolveDbLocation } from '../../store/open.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';

interface BackupOptions {
  force?: boolean;
  format: string;
  db?: string;
}

function describeCounts(c: StoreCounts): string {
  return `${c.documents} documents, ${c.entities} entities, ${c.names} names, ${c.facts} facts, ${c.evidence} evidence, ${c.decisions} decisions`;
}

export function registerBackup(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description('write the whole database to FILE while it stays in use (SQLite: the online backup API, one self-contained file; PostgreSQL: pg_dump, custom format)')
    .argument('<file>', 'the backup file to write')
    .option('--force', 'overwrite FILE if it exists')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (file: string, _opts: BackupOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<BackupOptions>();
      const format = parseOutputFormat(opts.format);
      const summary = await backupStore(resolveDbLocation(opts.db, io.env), file, { force: opts.force === true });
      if (format === 'json') return writeJson(io, summary);
      writeLine(io, `backed up ${summary.database} to ${summary.file} (${summary.bytes} bytes): ${describeCounts(summary.counts)}`);
    });

  program
    .command('restore')
    .description('replace the whole database with a backup made by `proscribe backup` (in one transaction; a file that is not such a backup is refused and nothing changes)')
    .argument('<file>', 'the backup file to restore')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (file: string, _opts: BackupOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<BackupOptions>();
      const format = parseOutputFormat(opts.format);
      const location = resolveDbLocation(opts.db, io.env);
      const summary = await restoreStore(location, file);
      if (format === 'json') return writeJson(io, summary);
      writeLine(io, `restored ${displayLocation(location)} from ${summary.file}: ${describeCounts(summary.counts)}`);
    });
}
