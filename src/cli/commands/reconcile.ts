import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { DEFAULT_TOLERANCE_DAYS, reconcile } from '../../registry/reconcile.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';

export function registerReconcile(program: Command, io: CliIo): void {
  program
    .command('reconcile')
    .description('set the bans and liftings the news reported in a list\'s jurisdiction against the list: corroborated, not on the list (yet), or conflicting')
    .requiredOption('--list <id>', 'the list (pk-nacta, gb-proscribed, us-fto, ...)')
    .option('--tolerance <days>', 'how many days apart a reported date and the list\'s date may be and still be one event', String(DEFAULT_TOLERANCE_DAYS))
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ list: string; tolerance: string; format: string; db?: string }>();
      const format = parseOutputFormat(opts.format);
      const tolerance = Number(opts.tolerance);
      if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 3660) throw new InputError(`"${opts.tolerance}" is not a whole number of days (0 to 3660)`, { field: 'tolerance' });
      const report = await withStore(opts.db, io, (repo) => reconcile(repo, opts.list, { toleranceDays: tolerance }));
      if (format === 'json') return writeJson(io, report);
      const c = report.counts;
      writeLine(io, `${report.list.id} (${report.list.jurisdiction}): ${report.items.length} reported bans and liftings; corroborated ${c.corroborated}, not on the list ${c['not-on-list']}, conflicting ${c.conflicting} (tolerance ${report.toleranceDays} days)`);
      for (const i of report.items) {
        const what = `${i.fact.predicate === 'proscribed' ? 'banned' : 'lifted'}${i.fact.date ? ` ${i.fact.date}` : ''}`;
        writeLine(io, `  ${i.corroboration.status.padEnd(12)}  ${i.entity.name} ${what} (fact ${i.fact.id}, ${i.foldedIntoList ? 'the list\'s own fact' : i.fact.status})${i.evidence ? ` — ${i.evidence.date}${i.evidence.url ? ` ${i.evidence.url}` : ''}` : ''}`);
        writeLine(io, `                ${i.corroboration.detail}`);
        if (i.evidence?.sentence) writeLine(io, `                “${i.evidence.sentence.replace(/\s+/g, ' ')}”`);
      }
    });
}
