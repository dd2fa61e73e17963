import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { MEASURES, type Measure } from '../../lists/catalogue.js';
import { parseJurisdiction } from '../../lists/jurisdiction.js';
import { isIsoDay, todayIso } from '../../model/partial-date.js';
import { listHistory, listSummaries } from '../../registry/list-history.js';
import { type ListingsAnswer, listingsAsOf, listingsJson } from '../../registry/registry.js';
import type { ListingView } from '../../registry/status.js';
import { listingLabel } from '../../registry/listings.js';
import { parseKinds } from '../../screen/kinds.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';

interface ListOptions {
  jurisdiction?: string;
  list?: string;
  measure?: string;
  kinds?: string;
  asOf?: string;
  format: string;
  db?: string;
}

function day(value: string | undefined, field: string): string | undefined {
  if (value !== undefined && !isIsoDay(value)) throw new InputError(`"${value}" is not a calendar date YYYY-MM-DD`, { field });
  return value;
}

function parseMeasures(value: string): Measure[] {
  if (value === 'all') return [...MEASURES];
  const out = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const m of out) if (!(MEASURES as readonly string[]).includes(m)) throw new InputError(`measure "${m}" is not one of ${MEASURES.join(', ')} or all`, { field: 'measure' });
  return out as Measure[];
}

/** `pk-nacta since 2016-12-30`, `ban reported in the news (PK) since 2016-12`, `us-ofac-sdn [SDGT] since an unknown date`. */
export function describeListing(l: ListingView): string {
  const where = listingLabel(l);
  return `${where}${l.programs ? ` [${l.programs}]` : ''} since ${l.sinceAsStated ?? l.since ?? 'an unknown date'}`;
}

/** `Turkestan Islamic Party (pk-nacta lists it as "East Turkestan Islamic Movement")` where the names differ. */
function nameWithListedAs(name: string, listings: readonly ListingView[]): string {
  const other = listings.filter((l) => l.listedAs && l.listedAs.toLowerCase() !== name.toLowerCase());
  return other.length ? `${name} (${other.map((l) => `${l.list} lists it as "${l.listedAs}"`).join('; ')})` : name;
}

function printListings(io: CliIo, answer: ListingsAnswer): void {
  const counted = [...answer.lists.map((l) => `${l.id} (${l.measure})`), ...(answer.reported ? ['bans reported in accepted news facts'] : [])];
  const scope = answer.jurisdiction ?? answer.lists.map((l) => l.id).join(', ');
  writeLine(io, `${answer.listed.length} listed in ${scope} on ${answer.asOf}: ${counted.join(', ') || 'no list'}`);
  if (answer.otherLists.length) {
    writeLine(io, `  not counted: ${answer.otherLists.map((l) => `${l.id} (${l.measure})`).join(', ')} (--measure all, or --list ID)`);
  }
  for (const x of answer.listed) writeLine(io, `  ${nameWithListedAs(x.entity.name, x.listings)}  (entity ${x.entity.id}; ${x.listings.map(describeListing).join('; ')})`);
  if (answer.linked.length) {
    writeLine(io, `${answer.linked.length} linked through lineage (not listed themselves):`);
    for (const x of answer.linked) {
      const chain = x.via.map((h) => `${h.predicate.replace('_', ' ')} ${h.to.name}`).join(', ');
      writeLine(io, `  ${x.entity.name}  (entity ${x.entity.id}; ${chain}: ${x.parentListings.map(describeListing).join('; ')}; flagged since ${x.since ?? 'an unknown date'})`);
    }
  }
}

export function registerList(program: Command, io: CliIo): void {
  program
    .command('list')
    .description('what is listed on a date: the lists of a jurisdiction (its bans by default) or named lists, from accepted facts, and the groups linked to them through lineage; `list changes --list ID`: what a list added and removed between two dates')
    // A positional word rather than a subcommand: `list changes --list ID` shares --list with `list`.
    .argument('[view]', 'changes: the additions, re-listings and removals of one list between --from and --to')
    .option('--jurisdiction <code>', 'ISO 3166 alpha-2 code (PK, GB, IN, US) or UN, EU: its ban lists and reported bans (every list of a jurisdiction that bans nothing)')
    .option('--list <ids>', 'list ids, comma-separated (pk-nacta, us-fto, un-sc, ...; `proscribe lists` shows them); one for `list changes`')
    .option('--measure <measures>', `which measures count: ${MEASURES.join(', ')}, comma-separated, or all`)
    .option('--kinds <list>', 'only entities of these kinds (organisation, person, ...)')
    .option('--as-of <YYYY-MM-DD>', 'the date to ask about (default: today)')
    .option('--from <YYYY-MM-DD>', 'list changes: first day (default: the beginning)')
    .option('--to <YYYY-MM-DD>', 'list changes: last day (default: today)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (view: string | undefined, _opts: ListOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ListOptions & { from?: string; to?: string }>();
      const format = parseOutputFormat(opts.format);
      if (view !== undefined) {
        if (view !== 'changes') throw new InputError(`unknown view "${view}": proscribe list changes --list ID [--from D] [--to D]`, { field: 'view' });
        if (!opts.list) throw new InputError('list changes needs --list ID', { field: 'list' });
        await printChanges(opts.list, day(opts.from, 'from'), day(opts.to, 'to'), format, opts.db);
        return;
      }
      if (opts.from !== undefined || opts.to !== undefined) throw new InputError('--from and --to are for `list changes`; `list` takes --as-of', { field: opts.from !== undefined ? 'from' : 'to' });
      const asOf = day(opts.asOf, 'as-of') ?? todayIso();
      const jurisdiction = opts.jurisdiction === undefined ? undefined : parseJurisdiction(opts.jurisdiction);
      const lists = opts.list?.split(',').map((s) => s.trim()).filter(Boolean);
      if (!jurisdiction && !lists?.length) throw new InputError('give --jurisdiction CODE or --list ID (proscribe lists shows the lists)', { field: 'jurisdiction' });
      const answer = await withStore(opts.db, io, (repo) => listingsAsOf(repo, {
        asOf,
        ...(jurisdiction ? { jurisdiction } : {}),
        ...(lists?.length ? { lists } : {}),
        ...(opts.measure ? { measures: parseMeasures(opts.measure) } : {}),
        ...(opts.kinds ? { kinds: parseKinds(opts.kinds) } : {}),
      }));
      if (format === 'json') writeJson(io, listingsJson(answer));
      else printListings(io, answer);
    });

  async function printChanges(listId: string, from: string | undefined, to: string | undefined, format: 'text' | 'json', db: string | undefined): Promise<void> {
    if (from && to && from > to) throw new InputError(`--from ${from} is after --to ${to}`, { field: 'from' });
    const history = await withStore(db, io, (repo) => listHistory(repo, listId, { ...(from ? { from } : {}), ...(to ? { to } : {}) }));
    if (format === 'json') return writeJson(io, history);
    writeLine(io, `${history.list.id}: ${history.changes.length} changes from ${from ?? 'the beginning'} to ${to ?? 'today'}`);
    for (const c of history.changes) writeLine(io, `  ${c.day}  ${c.change.padEnd(8)}  ${c.entity.name}  (entity ${c.entity.id}${c.asStated && c.asStated !== c.day ? `; the list says ${c.asStated}` : ''})`);
    if (history.undated) writeLine(io, `  ${history.undated} entries have no listing date on the list (not shown)`);
  }

  program
    .command('lists')
    .description('every list in the registry: what it is, its size, what is in force, its version and last import')
    .option('--as-of <YYYY-MM-DD>', 'count what is in force on this day (default: today)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (_opts: { asOf?: string; format: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ asOf?: string; format: string; db?: string }>();
      const format = parseOutputFormat(opts.format);
      const asOf = day(opts.asOf, 'as-of') ?? todayIso();
      const summaries = await withStore(opts.db, io, (repo) => listSummaries(repo, asOf));
      if (format === 'json') return writeJson(io, { asOf, lists: summaries });
      for (const s of summaries) {
        writeLine(io, `${s.list.id.padEnd(16)} ${s.list.jurisdiction}  ${s.list.measure.padEnd(9)}  ${String(s.inForce).padStart(6)} in force of ${s.entries} entries  version ${s.versionOf ?? '(undated)'}, imported ${s.lastImport?.importedAt.slice(0, 10) ?? 'never'}`);
        writeLine(io, `${''.padEnd(16)} ${s.list.title}${s.list.sourceUrl ? ` — ${s.list.sourceUrl}` : ''}`);
      }
    });
}
