import type { Command } from 'commander';
import { type JoinPair, type JoinSummary, joinLists } from '../../registry/join.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';

function pairLine(p: JoinPair): string {
  return `${p.left.name} (${p.left.source}) ~ ${p.right.name} (${p.right.source})  ${p.score.toFixed(3)}${p.viaAlias ? ` (primary names ${p.primary.toFixed(3)})` : ''}  "${p.names[0]}" / "${p.names[1]}"`;
}

export function printJoin(io: CliIo, s: JoinSummary, verbose: boolean): void {
  writeLine(io, `cross-list join${s.dryRun ? ' (dry run: nothing written)' : ''}: ${s.entities} organisations, ${s.pairs} candidate pairs; joined ${s.joined.length}, proposed for review ${s.proposed.length}, left alone ${s.skipped}`);
  if (!verbose) return;
  for (const p of s.joined) writeLine(io, `  joined    ${pairLine(p)}`);
  for (const p of s.proposed) writeLine(io, `  proposed  ${pairLine(p)}: ${p.reason}`);
}

export function registerJoin(program: Command, io: CliIo): void {
  program
    .command('join')
    .description('one entity per organisation across lists: merge list entries whose names agree strongly and unambiguously, propose the others for review (imports run it themselves)')
    .option('--dry-run', 'say what would be joined and proposed, write nothing')
    .option('--verbose', 'list every pair joined and proposed')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ dryRun?: boolean; verbose?: boolean; format: string; db?: string }>();
      const format = parseOutputFormat(opts.format);
      const summary = await withStore(opts.db, io, (repo) => joinLists(repo, { dryRun: opts.dryRun === true }));
      if (format === 'json') return writeJson(io, summary);
      printJoin(io, summary, opts.verbose === true);
    });
}
