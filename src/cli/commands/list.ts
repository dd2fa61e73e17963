import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { isIsoDay, todayIso } from '../../model/partial-date.js';
import { listingsAsOf } from '../../registry/registry.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';

interface ListOptions {
  jurisdiction: string;
  asOf?: string;
  format: string;
  db?: string;
}

export function registerList(program: Command, io: CliIo): void {
  program
    .command('list')
    .description('organisations proscribed in a jurisdiction on a date, from accepted facts')
    .requiredOption('--jurisdiction <code>', 'ISO 3166 alpha-2 code (PK, GB, IN, US) or UN')
    .option('--as-of <YYYY-MM-DD>', 'the date to ask about (default: today)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (_opts: ListOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ListOptions>();
      const format = parseOutputFormat(opts.format);
      const asOf = opts.asOf ?? todayIso();
      if (!isIsoDay(asOf)) throw new InputError(`"${asOf}" is not a calendar date YYYY-MM-DD`, { field: 'as-of' });
      const jurisdiction = opts.jurisdiction.toUpperCase();
      const listings = await withStore(opts.db, io, (repo) => listingsAsOf(repo, jurisdiction, asOf));
      if (format === 'json') {
        writeJson(io, {
          jurisdiction,
          asOf,
          organisations: listings.map((l) => ({
            entity: { id: l.entity.id, name: l.entity.name, kind: l.entity.kind, refs: l.entity.refs },
            since: l.since,
            sinceAsStated: l.sinceAsStated,
            facts: l.factIds,
          })),
        });
        return;
      }
      writeLine(io, `${listings.length} proscribed in ${jurisdiction} on ${asOf}`);
      for (const l of listings) writeLine(io, `  ${l.entity.name}  (entity ${l.entity.id}; since ${l.sinceAsStated ?? 'an unknown date'})`);
    });
}
