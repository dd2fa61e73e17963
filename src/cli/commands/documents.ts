import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { isIsoDay } from '../../model/partial-date.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';

export function registerDocuments(program: Command, io: CliIo): void {
  const documents = program.command('documents').description('the stored documents');
  documents
    .command('list')
    .description('stored documents, newest first, with the facts they are evidence for')
    .option('--from <YYYY-MM-DD>', 'published on or after')
    .option('--to <YYYY-MM-DD>', 'published on or before')
    .option('--source <text>', 'a part of the source URL (dawn.com)')
    .option('--text <words>', 'words the text or title holds')
    .option('--limit <n>', 'most documents', '50')
    .option('--offset <n>', 'documents to skip (paging)', '0')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ from?: string; to?: string; source?: string; text?: string; limit: string; offset: string; format: string; db?: string }>();
      const format = parseOutputFormat(opts.format);
      for (const [field, value] of [['from', opts.from], ['to', opts.to]] as const) {
        if (value !== undefined && !isIsoDay(value)) throw new InputError(`"${value}" is not a calendar date YYYY-MM-DD`, { field });
      }
      const limit = Number(opts.limit);
      const offset = Number(opts.offset);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InputError(`"${opts.limit}" is not a whole number from 1 to 1000`, { field: 'limit' });
      if (!Number.isInteger(offset) || offset < 0) throw new InputError(`"${opts.offset}" is not a whole number from 0`, { field: 'offset' });
      const docs = await withStore(opts.db, io, (repo) => repo.listDocuments({
        limit, offset, ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}),
        ...(opts.source ? { source: opts.source } : {}), ...(opts.text ? { q: opts.text } : {}),
      }));
      if (format === 'json') return writeJson(io, { documents: docs, limit, offset });
      if (docs.length === 0) writeLine(io, 'no documents (proscribe ingest FILE stores one)');
      for (const d of docs) {
        writeLine(io, `  ${String(d.id).padStart(5)}  ${d.date}  ${d.title ?? d.snippet.replace(/\s+/g, ' ').slice(0, 80)}${d.url ? `  ${d.url}` : ''}  (${d.facts} facts, ${d.proposed} proposed)`);
      }
    });
}
