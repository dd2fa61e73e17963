import type { Command } from 'commander';
import { InputError, ReportedFailure } from '../../errors.js';
import { SOURCE_FORMATS, addDefaultSources, addSource, listSources, removeSource } from '../../sources/sources.js';
import { type SourceUpdate, fetchHistory, updateSources } from '../../sources/update.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';

export function registerSources(program: Command, io: CliIo): void {
  const sources = program.command('sources').description('the publishers\' files `update` refreshes lists from');

  sources
    .command('add')
    .description('add a source (or, with --defaults, the official UN and OFAC files)')
    .option('--id <id>', 'a name for it (the list id for a schedule)')
    .option('--format <format>', SOURCE_FORMATS.join(', '))
    .option('--url <url>', 'where the file is published')
    .option('--list <id>', 'schedule: the list the file is a version of (default: the id)')
    .option('--schedule <cron>', 'when `serve` refreshes it, as a cron expression (default: only when `update` runs)')
    .option('--replace', 'replace a source of the same id')
    .option('--defaults', 'add the default sources not yet configured')
    .action(async (_opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ id?: string; format?: string; url?: string; list?: string; schedule?: string; replace?: boolean; defaults?: boolean; db?: string }>();
      await withStore(o.db, io, async (repo) => {
        if (o.defaults) {
          const added = await addDefaultSources(repo);
          writeLine(io, added.length ? `added ${added.map((s) => `${s.id} (${s.url})`).join(', ')}` : 'the default sources are configured already');
          return;
        }
        for (const field of ['id', 'format', 'url'] as const) if (!o[field]) throw new InputError(`--${field} is required (or --defaults)`, { field });
        const s = await addSource(repo, { id: o.id!, format: o.format!, url: o.url!, list: o.list ?? null, schedule: o.schedule ?? null }, { replace: o.replace === true });
        writeLine(io, `source ${s.id}: ${s.format} from ${s.url}${s.listId ? ` (list ${s.listId})` : ''}${s.schedule ? `, refreshed at ${s.schedule}` : ''}`);
      });
    });

  sources
    .command('list')
    .description('the configured sources and how their last update went')
    .option('--format <format>', 'text or json', 'text')
    .action(async (_opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ format: string; db?: string }>();
      const format = parseOutputFormat(o.format);
      const all = await withStore(o.db, io, (repo) => listSources(repo));
      if (format === 'json') return writeJson(io, { sources: all });
      if (all.length === 0) writeLine(io, 'no sources: `proscribe sources add --defaults`, or --id --format --url');
      for (const s of all) {
        writeLine(io, `${s.id.padEnd(16)} ${s.format.padEnd(13)} ${s.url}${s.listId && s.listId !== s.id ? ` (list ${s.listId})` : ''}`);
        writeLine(io, `${''.padEnd(16)} last checked ${s.checkedAt ?? 'never'}${s.lastOutcome ? `: ${s.lastOutcome}` : ''}${s.lastError ? ` (${s.lastError})` : ''}${s.schedule ? `; schedule ${s.schedule}` : ''}`);
      }
    });

  sources
    .command('history <id>')
    .description('every fetch of a source: when, HTTP status, what became of it, the file\'s hash and size')
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ format: string; db?: string }>();
      const rows = await withStore(o.db, io, (repo) => fetchHistory(repo, id));
      if (parseOutputFormat(o.format) === 'json') return writeJson(io, { source: id, fetches: rows });
      for (const r of rows) writeLine(io, `${r.fetchedAt}  ${String(r.httpStatus ?? '-').padEnd(4)} ${r.outcome.padEnd(9)} ${r.sha256 ? `sha256 ${r.sha256.slice(0, 16)} ${r.bytes} bytes` : ''}${r.error ? ` ${r.error}` : ''}`);
    });

  sources
    .command('remove <id>')
    .description('stop refreshing a source (its fetches stay on record)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ db?: string }>();
      await withStore(o.db, io, (repo) => removeSource(repo, id));
      writeLine(io, `removed source ${id}`);
    });

  program
    .command('update')
    .description('fetch each source (conditionally: ETag, Last-Modified) and import the lists that changed; report imported, unchanged or failed per source')
    .option('--source <id>', 'only this source')
    .option('--timeout <ms>', 'per attempt', '60000')
    .option('--retries <n>', 'attempts after the first on a network or server error', '3')
    .option('--no-join', 'do not run the cross-list join after an import')
    .option('--format <format>', 'text or json', 'text')
    .action(async (_opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ source?: string; timeout: string; retries: string; join: boolean; format: string; db?: string }>();
      const format = parseOutputFormat(o.format);
      const timeoutMs = Number(o.timeout);
      const retries = Number(o.retries);
      if (!Number.isInteger(timeoutMs) || timeoutMs < 100) throw new InputError(`--timeout "${o.timeout}" is not a whole number of milliseconds (at least 100)`, { field: 'timeout' });
      if (!Number.isInteger(retries) || retries < 0 || retries > 10) throw new InputError(`--retries "${o.retries}" is not a whole number from 0 to 10`, { field: 'retries' });
      const reports = await withStore(o.db, io, (repo) => updateSources(repo, { ...(o.source ? { source: o.source } : {}), timeoutMs, retries, join: o.join }));
      if (format === 'json') writeJson(io, { sources: reports });
      else for (const r of reports) writeLine(io, describeUpdate(r));
      const failed = reports.filter((r) => r.outcome === 'failed');
      if (failed.length) throw new ReportedFailure(`${failed.length} of ${reports.length} sources failed: ${failed.map((r) => r.source).join(', ')}`);
    });
}

export function describeUpdate(r: SourceUpdate): string {
  if (r.outcome === 'imported') return `${r.source}: imported (${r.added} added, ${r.removed} removed, ${r.changed} changed; ${r.bytes} bytes, sha256 ${r.sha256?.slice(0, 12)}); \`proscribe changes --since ${r.changesSince}\` lists them`;
  if (r.outcome === 'unchanged') return `${r.source}: unchanged (${r.reason})`;
  return `${r.source}: failed after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'}: ${r.reason}`;
}
