import { loadScreener } from '../../screen/load-snapshot.js';
import { reopenLocation } from '../../store/open.js';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { isIsoDay, todayIso } from '../../model/partial-date.js';
import { ENTITY_KINDS, type EntityKind } from '../../model/types.js';
import { DEFAULT_THRESHOLD } from '../../names/index.js';
import { parseKinds } from '../../screen/kinds.js';
import { Screener, type ScreenListing, type ScreenResult, checkListFilter } from '../../screen/screener.js';
import { parseJurisdictions } from '../../lists/jurisdiction.js';
import { describeListing } from './list.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';
import { runBatchScreen } from './screen-batch.js';

interface ScreenCliOptions {
  format: string;
  asOf?: string;
  threshold: string;
  limit: string;
  input?: string;
  column?: string;
  output?: string;
  workers?: string;
  closest?: boolean;
  kinds?: string;
  lists?: string;
  jurisdictions?: string;
  db?: string;
}

export interface ParsedScreenOptions {
  asOf: string;
  threshold: number;
  limit: number;
  kinds?: EntityKind[];
  lists?: string[];
  jurisdictions?: string[];
}

export function parseScreenOptions(opts: ScreenCliOptions): ParsedScreenOptions {
  const asOf = opts.asOf ?? todayIso();
  if (!isIsoDay(asOf)) throw new InputError(`"${asOf}" is not a calendar date YYYY-MM-DD`, { field: 'as-of' });
  const threshold = Number(opts.threshold);
  if (!(threshold >= 0 && threshold <= 1)) throw new InputError(`"${opts.threshold}" is not a number in [0,1]`, { field: 'threshold' });
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new InputError(`"${opts.limit}" is not a positive whole number`, { field: 'limit' });
  const lists = opts.lists?.split(',').map((x) => x.trim()).filter(Boolean);
  if (opts.lists !== undefined && !lists?.length) throw new InputError('give at least one list id', { field: 'lists' });
  return {
    asOf, threshold, limit, ...(opts.kinds === undefined ? {} : { kinds: parseKinds(opts.kinds) }),
    ...(lists?.length ? { lists } : {}), ...(opts.jurisdictions === undefined ? {} : { jurisdictions: parseJurisdictions(opts.jurisdictions) }),
  };
}

/** `pk-nacta since 2016-12-30; un-sc since 2005-05-02` */
function describeListings(listings: readonly ScreenListing[]): string {
  return listings.map(describeListing).join('; ');
}

function printText(io: CliIo, result: ScreenResult): void {
  writeLine(io, `${result.query}`);
  if (result.hits.length === 0) writeLine(io, '  no hits');
  for (const h of result.hits) {
    const flag = h.alert ? 'ALERT' : '     ';
    const status = h.status === 'listed'
      ? `listed: ${describeListings(h.listings)}`
      : h.status === 'linked'
        ? `not listed itself; linked through lineage since ${h.linked_since ?? 'an unknown date'}`
        : 'not listed';
    writeLine(io, `  ${flag} ${h.score.toFixed(3)}  ${h.entity.name} [${h.entity.refs.join(', ') || `entity ${h.entity.id}`}] via "${h.matched_name}" — ${status}`);
    for (const step of h.via ?? []) writeLine(io, `         ${step.predicate.replace('_', ' ')} ${step.entity.name}${step.listings?.length ? ` (listed: ${describeListings(step.listings)})` : ''}`);
    if (!h.via && h.alert) {
      for (const step of h.lineage ?? []) {
        if (step.from !== h.entity.id) continue;
        writeLine(io, `         ${step.predicate.replace('_', ' ')} ${step.entity.name}${step.sentence ? `: “${step.sentence.replace(/\s+/g, ' ')}”` : ''}`);
      }
    }
    if (h.lineage_depth_limited) writeLine(io, '         lineage deeper than followed: check the entity');
    if (h.explanation) writeLine(io, `         rules: ${h.explanation.rules.join(', ')}`);
  }
}

export function registerScreen(program: Command, io: CliIo): void {
  program
    .command('screen')
    .description('screen names against the registry: ranked hits, the name that matched, why it scored, and whether the hit is listed')
    .argument('[names...]', 'names to screen')
    .option('--as-of <YYYY-MM-DD>', 'listing status on this day (default: today)')
    .option('--threshold <score>', 'score at or above which a hit is an alert', String(DEFAULT_THRESHOLD))
    .option('--limit <n>', 'most hits per name', '5')
    .option('--input <file>', 'batch: a CSV (with a header row) or JSON Lines file of names')
    .option('--column <name>', 'batch: the column / JSON field holding the name', 'name')
    .option('--output <file>', 'batch: where to write results (.csv or .jsonl; default: JSON Lines on stdout)')
    .option('--workers <n>', 'batch: worker threads (default: one per core)')
    .option('--kinds <list>', `only hits of these kinds, comma-separated (${ENTITY_KINDS.join(', ')}; default: all)`)
    .option('--lists <ids>', 'screen against these lists only, comma-separated (a Pakistani bank: pk-nacta,un-sc; `proscribe lists` shows them)')
    .option('--jurisdictions <codes>', 'screen against the lists and reported bans of these jurisdictions only, comma-separated (PK,UN)')
    .option('--closest', 'batch: also search for the closest match of rows that raise no alert (every alert is found without it; slower)')
    .option('--format <format>', 'output for names given as arguments: text or json', 'text')
    .action(async (names: string[], _opts: ScreenCliOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ScreenCliOptions>();
      const parsed = parseScreenOptions(opts);
      if (opts.input) {
        if (names.length) throw new InputError('give names as arguments or --input, not both', { field: 'input' });
        await withStore(opts.db, io, (repo) => runBatchScreen(repo, io, {
          ...parsed, input: opts.input!, column: opts.column ?? 'name', output: opts.output,
          workers: opts.workers === undefined ? undefined : Number(opts.workers), closest: opts.closest === true,
        }));
        return;
      }
      if (names.length === 0) throw new InputError('give at least one name, or --input FILE', { field: 'names' });
      const format = parseOutputFormat(opts.format);
      // The index saved beside the database when it still matches the registry: no build at start.
      const screener = await withStore(opts.db, io, (repo) => loadScreener(repo, reopenLocation(repo)));
      checkListFilter(screener, parsed.lists);
      const results = names.map((n) => screener.screen(n, parsed));
      if (format === 'json') writeJson(io, { asOf: parsed.asOf, threshold: parsed.threshold, results });
      else results.forEach((r) => printText(io, r));
    });
}
