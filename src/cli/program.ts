import { Command, CommanderError } from 'commander';
import { DatabaseOpenError, EXIT_INPUT, InputError, NotFoundError, ReportedFailure } from '../errors.js';
import { registerBootstrap } from './commands/bootstrap.js';
import { registerIngest } from './commands/ingest.js';
import { registerExtract } from './commands/extract.js';
import { registerImport } from './commands/import.js';
import { registerList } from './commands/list.js';
import { registerReview } from './commands/review.js';
import { registerScreen } from './commands/screen.js';
import { registerEntity } from './commands/entity.js';
import { registerExport } from './commands/export.js';
import { registerServe } from './commands/serve.js';
import { registerKeys } from './commands/keys.js';
import { registerBackup } from './commands/backup.js';
import { registerJoin } from './commands/join.js';
import { registerReconcile } from './commands/reconcile.js';
import { registerChanges } from './commands/changes.js';
import { registerSources } from './commands/sources.js';
import { registerMonitor } from './commands/monitor.js';
import { registerFeeds } from './commands/feeds.js';
import { registerCompare } from './commands/compare.js';
import { registerFact } from './commands/fact.js';
import { registerSearch } from './commands/search.js';
import { registerDocuments } from './commands/documents.js';
import type { CliIo } from './io.js';

export function buildProgram(io: CliIo): Command {
  const program = new Command('proscribe')
    .description('A registry of proscribed organisations: ingest lists and news, propose evidenced facts, screen names.')
    .option('--db <location>', 'SQLite file path or postgres:// URL (default: $PROSCRIBE_DB, else ./proscribe.sqlite)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  registerBootstrap(program, io);
  registerIngest(program, io);
  registerExtract(program, io);
  registerList(program, io);
  registerImport(program, io);
  registerScreen(program, io);
  registerReview(program, io);
  registerEntity(program, io);
  registerExport(program, io);
  registerServe(program, io);
  registerKeys(program, io);
  registerBackup(program, io);
  registerJoin(program, io);
  registerReconcile(program, io);
  registerChanges(program, io);
  registerSources(program, io);
  registerMonitor(program, io);
  registerFeeds(program, io);
  registerCompare(program, io);
  registerFact(program, io);
  registerSearch(program, io);
  registerDocuments(program, io);
  return program;
}

/**
 * Run the CLI and return its exit code: 0 success, 2 bad input (the message names file, line
 * and field; nothing was written), 3 the database cannot be opened, 1 anything unexpected.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
      return EXIT_INPUT;
    }
    if (error instanceof ReportedFailure) {
      io.stderr.write(`proscribe: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof InputError || error instanceof NotFoundError || error instanceof DatabaseOpenError) {
      io.stderr.write(`proscribe: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`proscribe: unexpected error: ${message}\n`);
    return 1;
  }
}
