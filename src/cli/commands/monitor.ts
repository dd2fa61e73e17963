import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { todayIso, isIsoDay } from '../../model/partial-date.js';
import { type MonitorRun, addMonitor, dismissAlert, listMonitors, openAlerts, runMonitor } from '../../monitor/monitor.js';
import { loadScreener } from '../../screen/load-snapshot.js';
import { openNameSource } from '../../screen/read-names.js';
import { reopenLocation } from '../../store/open.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';
import { decider } from './decider.js';

export function registerMonitor(program: Command, io: CliIo): void {
  const monitor = program.command('monitor').description('customer files screened again whenever the registry changes, reporting only new, changed and cleared alerts');

  monitor
    .command('add')
    .description('monitor a CSV (or JSON Lines) file of names: it is screened now as its baseline')
    .requiredOption('--name <name>', 'what to call the monitor')
    .requiredOption('--input <file>', 'the customer file')
    .option('--column <column>', 'the column holding the names', 'name')
    .option('--webhook <url>', 'POST new and changed alerts here after each run, signed with HMAC-SHA256')
    .option('--secret <secret>', 'the webhook\'s signing key')
    .option('--as-of <day>', 'the day listings are asked about (default today)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (_opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ name: string; input: string; column: string; webhook?: string; secret?: string; asOf?: string; format: string; db?: string }>();
      const format = parseOutputFormat(o.format);
      const asOf = checkDay(o.asOf);
      const source = await openNameSource(o.input, o.column);
      const rows: string[] = [];
      for await (const r of source.rows) {
        if (r.name.trim() === '') throw new InputError(`row ${r.row} has no name`, { file: o.input, line: r.row + 1, field: o.column });
        rows.push(r.name);
      }
      const run = await withStore(o.db, io, async (repo) => {
        await addMonitor(repo, { name: o.name, column: o.column, sourceFile: resolve(o.input), rows, webhook: o.webhook ?? null, secret: o.secret ?? null });
        return runMonitor(repo, await loadScreener(repo, reopenLocation(repo)), o.name, { asOf, notify: false });
      });
      if (format === 'json') return writeJson(io, run);
      writeLine(io, `monitor ${o.name}: ${rows.length} rows; baseline ${run.counts.open} open alerts on ${asOf} (\`proscribe monitor alerts --name ${o.name}\`); later runs report only what changes`);
    });

  monitor
    .command('list')
    .description('the monitors, their size and open alerts')
    .option('--format <format>', 'text or json', 'text')
    .action(async (_opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ format: string; db?: string }>();
      const all = await withStore(o.db, io, (repo) => listMonitors(repo));
      if (parseOutputFormat(o.format) === 'json') return writeJson(io, { monitors: all });
      if (all.length === 0) writeLine(io, 'no monitors: `proscribe monitor add --name NAME --input FILE.csv --column name`');
      for (const m of all) writeLine(io, `${m.name}: ${m.rows} rows from ${m.sourceFile} (column ${m.column}); ${m.openAlerts} open alerts, ${m.dismissed} dismissed; last run ${m.lastRunAt ?? 'never'}${m.webhook ? `; webhook ${m.webhook}` : ''}`);
    });

  monitor
    .command('run')
    .description('screen monitored files again if the registry changed since their last run; report new, changed and cleared alerts, each with why')
    .option('--name <name>', 'only this monitor (default: all)')
    .option('--as-of <day>', 'the day listings are asked about (default today)')
    .option('--force', 'screen even if the registry has not changed')
    .option('--format <format>', 'text or json', 'text')
    .action(async (_opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ name?: string; asOf?: string; force?: boolean; format: string; db?: string }>();
      const format = parseOutputFormat(o.format);
      const asOf = checkDay(o.asOf);
      const runs = await withStore(o.db, io, async (repo) => {
        const names = o.name ? [o.name] : (await listMonitors(repo)).map((m) => m.name);
        if (names.length === 0) return [];
        const screener = await loadScreener(repo, reopenLocation(repo));
        const out: MonitorRun[] = [];
        for (const name of names) out.push(await runMonitor(repo, screener, name, { asOf, force: o.force === true }));
        return out;
      });
      if (format === 'json') return writeJson(io, { runs });
      if (runs.length === 0) writeLine(io, 'no monitors');
      for (const run of runs) printRun(io, run);
    });

  monitor
    .command('alerts')
    .description('a monitor\'s open alerts')
    .requiredOption('--name <name>')
    .option('--format <format>', 'text or json', 'text')
    .action(async (_opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ name: string; format: string; db?: string }>();
      const alerts = await withStore(o.db, io, (repo) => openAlerts(repo, o.name));
      if (parseOutputFormat(o.format) === 'json') return writeJson(io, { monitor: o.name, alerts });
      if (alerts.length === 0) writeLine(io, `monitor ${o.name}: no open alerts`);
      for (const a of alerts) writeLine(io, `row ${a.row} "${a.name}" ~ ${a.entity.name} (entity ${a.entity.id}) ${a.score.toFixed(3)} via "${a.matchedName}": ${a.why}${a.dismissed ? ' [dismissed as a false positive]' : ''}`);
    });

  monitor
    .command('dismiss')
    .description('mark an alert a false positive: not raised again until the entity\'s listing or names change')
    .requiredOption('--name <name>')
    .requiredOption('--row <n>', 'the row of the monitored file (1 = first after the header)')
    .requiredOption('--entity <id>')
    .option('--note <text>')
    .option('--by <name>', 'who decides (default: $PROSCRIBE_USER, else the login name)')
    .action(async (_opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ name: string; row: string; entity: string; note?: string; by?: string; db?: string }>();
      const row = Number(o.row);
      const entity = Number(o.entity);
      if (!Number.isInteger(row) || row < 1) throw new InputError(`--row "${o.row}" is not a row number`, { field: 'row' });
      if (!Number.isInteger(entity) || entity < 1) throw new InputError(`--entity "${o.entity}" is not an entity id`, { field: 'entity' });
      await withStore(o.db, io, (repo) => dismissAlert(repo, o.name, row, entity, decider(o.by, io), o.note ?? null));
      writeLine(io, `monitor ${o.name}: row ${row} ~ entity ${entity} dismissed as a false positive`);
    });
}

function checkDay(value: string | undefined): string {
  if (value === undefined) return todayIso();
  if (!isIsoDay(value)) throw new InputError(`"${value}" is not a calendar date YYYY-MM-DD`, { field: 'as-of' });
  return value;
}

function printRun(io: CliIo, run: MonitorRun): void {
  if (run.skipped) {
    writeLine(io, `${run.monitor}: the registry has not changed since the last run (use --force to screen anyway)`);
    return;
  }
  const c = run.counts;
  writeLine(io, `${run.monitor}: ${run.rows} rows screened as of ${run.asOf}: ${c.new} new, ${c.changed} changed, ${c.cleared} cleared; ${c.open} open${c.silenced ? ` (${c.silenced} dismissed as false positives)` : ''}`);
  for (const a of run.alerts) writeLine(io, `  ${a.change.padEnd(7)} row ${a.row} "${a.name}" ~ ${a.entity.name} (entity ${a.entity.id}): ${a.why}`);
  if (run.webhook) writeLine(io, `  webhook ${run.webhook.url}: ${run.webhook.error ?? `HTTP ${run.webhook.status}`}`);
}
