import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { changesAsFtmDelta, readChanges } from '../../changes/change-feed.js';
import { type CliIo, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';

export function registerChanges(program: Command, io: CliIo): void {
  program
    .command('changes')
    .description('the change feed: entities added to a list, removed from one, or changed (names, lineage, merges), in order, each with the list version or decision that caused it')
    .option('--since <cursor|day>', 'after this cursor (printed by the last read) or from this day (YYYY-MM-DD)')
    .option('--list <id>', 'changes of this list only')
    .option('--limit <n>', 'most entries (1 to 5000)', '1000')
    .option('--format <format>', 'output: text, json or ftm-delta (FollowTheMoney delta lines)', 'text')
    .action(async (_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ since?: string; list?: string; limit: string; format: string; db?: string }>();
      if (!['text', 'json', 'ftm-delta'].includes(opts.format)) throw new InputError(`unknown format "${opts.format}": text, json or ftm-delta`, { field: 'format' });
      const limit = Number(opts.limit);
      await withStore(opts.db, io, async (repo) => {
        const page = await readChanges(repo, { ...(opts.since ? { since: opts.since } : {}), ...(opts.list ? { list: opts.list } : {}), limit });
        if (opts.format === 'json') return writeJson(io, page);
        if (opts.format === 'ftm-delta') {
          for (const line of await changesAsFtmDelta(repo, page.changes)) writeLine(io, line);
          return;
        }
        for (const c of page.changes) {
          const what = Object.entries(c.detail).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join('; ') : String(v)}`).join(', ');
          writeLine(io, `${c.cursor.padEnd(8)} ${c.at.slice(0, 19)}  ${c.change.padEnd(7)}  ${c.entity.name} (entity ${c.entity.id})${c.list ? ` on ${c.list}` : ''}: ${what} — ${c.cause}`);
        }
        writeLine(io, `${page.changes.length} changes${page.more ? ' (more: continue with --since ' + String(page.next) + ')' : ''}; next cursor ${page.next ?? '(none yet)'}`);
      });
    });
}
