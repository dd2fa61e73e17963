import type { Command } from 'commander';
import { extractingHook } from '../../ingest/ingest.js';
import { addFeed, listFeeds, pollFeeds, removeFeed } from '../../news/feeds.js';
import { ReportedFailure } from '../../errors.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';

export function registerFeeds(program: Command, io: CliIo): void {
  const feeds = program.command('feeds').description('news feeds (RSS, Atom) whose articles are stored and extracted into proposals');

  feeds
    .command('add <url>')
    .description('follow a feed')
    .option('--schedule <cron>', 'when `serve` polls it, as a cron expression (default: only when `feeds poll` runs)')
    .action(async (url: string, _opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ schedule?: string; db?: string }>();
      const feed = await withStore(o.db, io, (repo) => addFeed(repo, url, o.schedule ?? null));
      writeLine(io, `following ${feed.url}${feed.schedule ? ` (polled at ${feed.schedule})` : ''}`);
    });

  feeds
    .command('list')
    .description('the feeds followed')
    .option('--format <format>', 'text or json', 'text')
    .action(async (_opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ format: string; db?: string }>();
      const all = await withStore(o.db, io, (repo) => listFeeds(repo));
      if (parseOutputFormat(o.format) === 'json') return writeJson(io, { feeds: all });
      if (all.length === 0) writeLine(io, 'no feeds: `proscribe feeds add URL`');
      for (const f of all) writeLine(io, `${f.url}${f.title ? ` (${f.title})` : ''}: ${f.items} items read; last polled ${f.checkedAt ?? 'never'}${f.lastError ? `; last error: ${f.lastError}` : ''}`);
    });

  feeds
    .command('remove <url>')
    .description('stop following a feed (its documents stay)')
    .action(async (url: string, _opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ db?: string }>();
      await withStore(o.db, io, (repo) => removeFeed(repo, url));
      writeLine(io, `no longer following ${url}`);
    });

  feeds
    .command('poll')
    .description('read each feed, fetch the articles not seen before, store their main text and extract proposals')
    .option('--url <url>', 'only this feed')
    .option('--format <format>', 'text or json', 'text')
    .action(async (_opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ url?: string; format: string; db?: string }>();
      const format = parseOutputFormat(o.format);
      const polls = await withStore(o.db, io, async (repo) => pollFeeds(repo, { hook: await extractingHook(repo), ...(o.url ? { url: o.url } : {}) }));
      if (format === 'json') writeJson(io, { feeds: polls });
      else {
        if (polls.length === 0) writeLine(io, 'no feeds: `proscribe feeds add URL`');
        for (const p of polls) {
          writeLine(io, `${p.url}: ${p.items} items, ${p.fetched} pages fetched, ${p.new} new, ${p.duplicates} duplicates, ${p.failed} failed`);
          for (const d of p.documents) writeLine(io, `  document ${d.documentId} ${d.url}${d.duplicateOf ? ` — a copy of document ${d.duplicateOf}, not extracted again` : `: ${d.factsProposed} facts proposed`}`);
          for (const e of p.errors) writeLine(io, `  failed: ${e}`);
        }
      }
      const failed = polls.filter((p) => p.failed > 0);
      if (failed.length) throw new ReportedFailure(`${failed.reduce((n, p) => n + p.failed, 0)} items or feeds failed`);
    });
}
