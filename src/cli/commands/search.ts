import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { isIsoDay, todayIso } from '../../model/partial-date.js';
import { EntitySearch } from '../../registry/search.js';
import { parseKinds } from '../../screen/kinds.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';
import { describeListing } from './list.js';

export function registerSearch(program: Command, io: CliIo): void {
  program
    .command('search')
    .description('find entities by name, for their ids: whole words and beginnings first ("Lashkar", "hizb ut tah"), acronyms (TTP), then near spellings')
    .argument('<query...>', 'words of the name')
    .option('--limit <n>', 'most entities', '10')
    .option('--kinds <list>', 'only entities of these kinds (organisation, person, ...)')
    .option('--as-of <YYYY-MM-DD>', 'listing status on this day (default: today)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (words: string[], _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ limit: string; kinds?: string; asOf?: string; format: string; db?: string }>();
      const format = parseOutputFormat(opts.format);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new InputError(`"${opts.limit}" is not a whole number from 1 to 200`, { field: 'limit' });
      const asOf = opts.asOf ?? todayIso();
      if (!isIsoDay(asOf)) throw new InputError(`"${asOf}" is not a calendar date YYYY-MM-DD`, { field: 'as-of' });
      const query = words.join(' ');
      if (query.trim() === '') throw new InputError('give words to search for', { field: 'query' });
      const hits = await withStore(opts.db, io, async (repo) => (await EntitySearch.load(repo)).search(query, {
        limit, asOf, ...(opts.kinds ? { kinds: parseKinds(opts.kinds) } : {}),
      }));
      if (format === 'json') return writeJson(io, { query, asOf, results: hits });
      if (hits.length === 0) writeLine(io, `nothing found for "${query}"`);
      for (const h of hits) {
        const status = h.status === 'listed' ? `listed: ${h.listings.map(describeListing).join('; ')}` : h.status === 'linked' ? 'linked through lineage' : h.inRegistry ? 'not listed' : 'proposals only';
        writeLine(io, `  ${String(h.entity.id).padStart(6)}  ${h.entity.name}  (${h.entity.kind}; ${h.match}${h.matchedName !== h.entity.name ? ` on "${h.matchedName}"` : ''}) — ${status}`);
      }
    });
}
