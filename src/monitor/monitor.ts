import { createHash, createHmac } from 'node:crypto';
import { InputError, NotFoundError } from '../errors.js';
import type { ScreenHit, Screener } from '../screen/screener.js';
import type { Repository } from '../store/repository.js';

/**
 * Monitored customer files. A file is screened once when it is added (its baseline); each run
 * after a registry change screens it again and reports only what moved: a new alert (a new
 * listing of a hit, a new name that now matches), a changed one (listed on another list, now
 * linked through a parent), a cleared one (delisted, or no longer matching). An analyst's
 * "false positive" on a (row, entity) pair silences it until what the alert rests on changes.
 */
export interface MonitorSummary {
  name: string;
  column: string;
  sourceFile: string;
  rows: number;
  openAlerts: number;
  dismissed: number;
  createdAt: string;
  lastRunAt: string | null;
  webhook: string | null;
}

export type AlertChange = 'new' | 'changed' | 'cleared';

export interface MonitorAlert {
  change: AlertChange;
  row: number;
  name: string;
  entity: { id: number; name: string };
  score: number;
  status: string;
  matchedName: string;
  lists: string[];
  /** In words: what moved and on what it rests. */
  why: string;
}

export interface MonitorRun {
  monitor: string;
  at: string;
  asOf: string;
  registryVersion: string;
  /** Nothing was screened: the registry is as it was at the last run. */
  skipped: boolean;
  baseline: boolean;
  rows: number;
  alerts: MonitorAlert[];
  counts: { new: number; changed: number; cleared: number; open: number; silenced: number };
  webhook?: { url: string; status: number | null; error: string | null };
}

interface CurrentAlert {
  row: number;
  entityId: number;
  entityName: string;
  score: number;
  status: string;
  matchedName: string;
  lists: string[];
  /** Each list with the day the listing (or the parent's, for a linked hit) began, as the why shows it. */
  listed: string[];
  via: string[];
  fingerprint: string;
}

/** A hit is a monitoring alert when it alerts and the entity is listed or linked on the day. */
function alertOf(row: number, hit: ScreenHit): CurrentAlert | null {
  if (!hit.alert || hit.status === 'not-listed') return null;
  const listings = [...hit.listings, ...(hit.via?.at(-1)?.listings ?? [])];
  const lists = [...new Set(listings.map((l) => l.list ?? l.jurisdiction))].sort();
  const listed = [...new Set(listings.map((l) => `${l.list ?? `${l.jurisdiction} (reported)`}${l.sinceAsStated ?? l.since ? ` since ${l.sinceAsStated ?? l.since}` : ''}`))].sort();
  const via = (hit.via ?? []).map((s) => s.entity.name);
  const fingerprint = createHash('sha256').update(JSON.stringify([hit.status, lists, via, hit.matched_name])).digest('hex').slice(0, 20);
  return { row, entityId: hit.entity.id, entityName: hit.entity.name, score: hit.score, status: hit.status, matchedName: hit.matched_name, lists, listed, via, fingerprint };
}

export async function addMonitor(repo: Repository, input: { name: string; column: string; sourceFile: string; rows: string[]; webhook?: string | null; secret?: string | null }): Promise<void> {
  const name = input.name.trim();
  if (!/^[\w.-]{1,64}$/.test(name)) throw new InputError(`"${input.name}" is not a monitor name: letters, digits, dot, dash and underscore, up to 64`, { field: 'name' });
  if (input.rows.length === 0) throw new InputError('the file has no rows to monitor', { field: 'input' });
  if (input.webhook) {
    try {
      if (!/^https?:$/.test(new URL(input.webhook).protocol)) throw new Error('scheme');
    } catch {
      throw new InputError(`"${input.webhook}" is not an http(s) URL`, { field: 'webhook' });
    }
    if (!input.secret) throw new InputError('a webhook needs a secret to sign its posts with (--secret)', { field: 'secret' });
  }
  await repo.transaction(async (tx) => {
    const db = tx.kysely;
    if (await db.selectFrom('monitors').select('id').where('name', '=', name).executeTakeFirst()) throw new InputError(`there is already a monitor "${name}"`, { field: 'name' });
    const m = await db.insertInto('monitors').values({
      name, column_name: input.column, source_file: input.sourceFile, created_at: new Date().toISOString(), webhook_url: input.webhook ?? null,
      webhook_secret: input.secret ?? null, last_run_at: null, last_version: null,
    }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < input.rows.length; i += 500) {
      await db.insertInto('monitor_rows').values(input.rows.slice(i, i + 500).map((n, j) => ({ monitor_id: m.id, row_no: i + j + 1, name: n }))).execute();
    }
  });
}

async function monitorRow(repo: Repository, name: string) {
  const m = await repo.kysely.selectFrom('monitors').selectAll().where('name', '=', name).executeTakeFirst();
  if (!m) throw new NotFoundError(`no monitor "${name}" (proscribe monitor list)`);
  return m;
}

export async function listMonitors(repo: Repository): Promise<MonitorSummary[]> {
  const db = repo.kysely;
  const monitors = await db.selectFrom('monitors').selectAll().orderBy('name').execute();
  const out: MonitorSummary[] = [];
  for (const m of monitors) {
    const count = async (table: 'monitor_rows' | 'monitor_dismissals') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('monitor_id', '=', m.id).executeTakeFirstOrThrow()).n);
    const open = Number((await db.selectFrom('monitor_alerts').select((eb) => eb.fn.countAll().as('n')).where('monitor_id', '=', m.id).where('state', '=', 'open').executeTakeFirstOrThrow()).n);
    out.push({
      name: m.name, column: m.column_name, sourceFile: m.source_file, rows: await count('monitor_rows'), openAlerts: open, dismissed: await count('monitor_dismissals'),
      createdAt: m.created_at, lastRunAt: m.last_run_at, webhook: m.webhook_url,
    });
  }
  return out;
}

export interface RunOptions {
  asOf: string;
  /** Screen even when the registry has not changed since the last run. */
  force?: boolean;
  /** Post new and changed alerts to the monitor's webhook (default true). */
  notify?: boolean;
}

/** Screen the monitored file against the registry now and record what moved since the last run. */
export async function runMonitor(repo: Repository, screener: Screener, name: string, options: RunOptions): Promise<MonitorRun> {
  const m = await monitorRow(repo, name);
  const version = await repo.registryVersion();
  const at = new Date().toISOString();
  const baseline = m.last_run_at === null;
  const rows = await repo.kysely.selectFrom('monitor_rows').selectAll().where('monitor_id', '=', m.id).orderBy('row_no').execute();
  const empty = { new: 0, changed: 0, cleared: 0, open: 0, silenced: 0 };
  if (!baseline && !options.force && m.last_version === version) {
    return { monitor: name, at, asOf: options.asOf, registryVersion: version, skipped: true, baseline: false, rows: rows.length, alerts: [], counts: empty };
  }
  const now = new Map<string, CurrentAlert>();
  for (const r of rows) {
    for (const hit of screener.screen(r.name, { asOf: options.asOf, explain: false, closest: false }).hits) {
      const a = alertOf(r.row_no, hit);
      if (a) now.set(`${a.row}:${a.entityId}`, a);
    }
  }
  const rowName = new Map(rows.map((r) => [r.row_no, r.name]));
  const run: MonitorRun = { monitor: name, at, asOf: options.asOf, registryVersion: version, skipped: false, baseline, rows: rows.length, alerts: [], counts: { ...empty } };
  await repo.transaction(async (tx) => {
    const db = tx.kysely;
    const stored = new Map((await db.selectFrom('monitor_alerts').selectAll().where('monitor_id', '=', m.id).execute()).map((a) => [`${a.row_no}:${a.entity_id}`, a]));
    const dismissed = new Map((await db.selectFrom('monitor_dismissals').selectAll().where('monitor_id', '=', m.id).execute()).map((d) => [`${d.row_no}:${d.entity_id}`, d]));
    for (const [key, a] of now) {
      const before = stored.get(key);
      const detail = JSON.stringify({ lists: a.lists, listed: a.listed, via: a.via, entity: a.entityName });
      if (before) {
        await db.updateTable('monitor_alerts').set({ state: 'open', score: a.score, status: a.status, matched_name: a.matchedName, fingerprint: a.fingerprint, detail, last_seen: at })
          .where('monitor_id', '=', m.id).where('row_no', '=', a.row).where('entity_id', '=', a.entityId).execute();
      } else {
        await db.insertInto('monitor_alerts').values({
          monitor_id: m.id, row_no: a.row, entity_id: a.entityId, state: 'open', score: a.score, status: a.status, matched_name: a.matchedName,
          fingerprint: a.fingerprint, detail, first_seen: at, last_seen: at,
        }).execute();
      }
      const moved: AlertChange | null = !before || before.state === 'cleared' ? 'new' : before.fingerprint !== a.fingerprint ? 'changed' : null;
      const silenced = dismissed.get(key)?.fingerprint === a.fingerprint;
      if (silenced) run.counts.silenced++;
      if (baseline || moved === null || silenced) continue;
      const previous = before ? (JSON.parse(before.detail) as { lists?: string[] }) : null;
      run.alerts.push(viewOf(a, moved, rowName.get(a.row) ?? '', whyOf(a, moved, before ? { status: before.status, matchedName: before.matched_name, lists: previous?.lists ?? [] } : null)));
    }
    for (const [key, before] of stored) {
      if (now.has(key) || before.state === 'cleared') continue;
      await db.updateTable('monitor_alerts').set({ state: 'cleared', last_seen: at }).where('monitor_id', '=', m.id).where('row_no', '=', before.row_no).where('entity_id', '=', before.entity_id).execute();
      if (baseline) continue;
      const detail = JSON.parse(before.detail) as { lists?: string[]; entity?: string };
      const entityName = detail.entity ?? `entity ${before.entity_id}`;
      run.alerts.push({
        change: 'cleared', row: before.row_no, name: rowName.get(before.row_no) ?? '', entity: { id: before.entity_id, name: entityName }, score: before.score,
        status: 'cleared', matchedName: before.matched_name, lists: detail.lists ?? [],
        why: `no longer an alert: ${entityName} is not listed or linked on ${options.asOf}, or the name no longer matches it (it was ${before.status} on ${(detail.lists ?? []).join(', ') || 'a list'})`,
      });
    }
    run.counts.new = run.alerts.filter((a) => a.change === 'new').length;
    run.counts.changed = run.alerts.filter((a) => a.change === 'changed').length;
    run.counts.cleared = run.alerts.filter((a) => a.change === 'cleared').length;
    run.counts.open = now.size;
    await db.updateTable('monitors').set({ last_run_at: at, last_version: version }).where('id', '=', m.id).execute();
    await db.insertInto('monitor_runs').values({
      monitor_id: m.id, at, registry_version: version, baseline: baseline ? now.size : 0, new_alerts: run.counts.new, changed_alerts: run.counts.changed,
      cleared_alerts: run.counts.cleared, report: JSON.stringify(run.alerts),
    }).execute();
  });
  if (baseline) run.counts.open = now.size;
  if (options.notify !== false && m.webhook_url && m.webhook_secret && run.alerts.some((a) => a.change !== 'cleared')) {
    run.webhook = await postWebhook(m.webhook_url, m.webhook_secret, run);
  }
  return run;
}

function viewOf(a: CurrentAlert, change: AlertChange, rowName: string, why: string): MonitorAlert {
  return { change, row: a.row, name: rowName, entity: { id: a.entityId, name: a.entityName }, score: a.score, status: a.status, matchedName: a.matchedName, lists: a.lists, why };
}

function whyOf(a: CurrentAlert, change: AlertChange, before: { status: string; matchedName: string; lists: string[] } | null): string {
  const on = a.status === 'linked' ? `linked through ${a.via.join(' > ')} to ${a.listed.join(', ')}` : `listed on ${a.listed.join(', ')}`;
  const match = `matches "${a.matchedName}" (${a.score.toFixed(3)})`;
  if (change === 'new' || !before) return `new alert: ${a.entityName} is ${on}; the row ${match}`;
  const parts: string[] = [];
  const added = a.lists.filter((l) => !before.lists.includes(l));
  const gone = before.lists.filter((l) => !a.lists.includes(l));
  if (added.length) parts.push(`now also on ${added.join(', ')}`);
  if (gone.length) parts.push(`no longer on ${gone.join(', ')}`);
  if (before.status !== a.status) parts.push(`${before.status} → ${a.status}`);
  if (before.matchedName !== a.matchedName) parts.push(`matches "${a.matchedName}" now (was "${before.matchedName}")`);
  return `changed: ${a.entityName}: ${parts.join('; ') || 'what the alert rests on changed'}; ${on}`;
}

/** Mark a (row, entity) alert a false positive: not raised again until what it rests on changes. */
export async function dismissAlert(repo: Repository, name: string, row: number, entityId: number, by: string, note: string | null): Promise<void> {
  const m = await monitorRow(repo, name);
  await repo.transaction(async (tx) => {
    const db = tx.kysely;
    const alert = await db.selectFrom('monitor_alerts').selectAll().where('monitor_id', '=', m.id).where('row_no', '=', row).where('entity_id', '=', entityId).executeTakeFirst();
    if (!alert) throw new NotFoundError(`monitor ${name} has no alert for row ${row} and entity ${entityId}`);
    await db.deleteFrom('monitor_dismissals').where('monitor_id', '=', m.id).where('row_no', '=', row).where('entity_id', '=', entityId).execute();
    await db.insertInto('monitor_dismissals').values({ monitor_id: m.id, row_no: row, entity_id: entityId, fingerprint: alert.fingerprint, dismissed_by: by, note, dismissed_at: new Date().toISOString() }).execute();
  });
}

/** The monitor's open alerts, with whether each is dismissed as a false positive. */
export async function openAlerts(repo: Repository, name: string): Promise<(MonitorAlert & { dismissed: boolean })[]> {
  const m = await monitorRow(repo, name);
  const db = repo.kysely;
  const rows = new Map((await db.selectFrom('monitor_rows').selectAll().where('monitor_id', '=', m.id).execute()).map((r) => [r.row_no, r.name]));
  const dismissed = new Map((await db.selectFrom('monitor_dismissals').selectAll().where('monitor_id', '=', m.id).execute()).map((d) => [`${d.row_no}:${d.entity_id}`, d.fingerprint]));
  const alerts = await db.selectFrom('monitor_alerts').selectAll().where('monitor_id', '=', m.id).where('state', '=', 'open').orderBy('row_no').orderBy('score', 'desc').execute();
  return alerts.map((a) => {
    const detail = JSON.parse(a.detail) as { lists?: string[]; listed?: string[]; entity?: string; via?: string[] };
    const on = a.status === 'linked' ? `linked through ${(detail.via ?? []).join(' > ')} to ${(detail.listed ?? detail.lists ?? []).join(', ')}` : `listed on ${(detail.listed ?? detail.lists ?? []).join(', ')}`;
    return {
      change: 'new' as const, row: a.row_no, name: rows.get(a.row_no) ?? '', entity: { id: a.entity_id, name: detail.entity ?? `entity ${a.entity_id}` }, score: a.score,
      status: a.status, matchedName: a.matched_name, lists: detail.lists ?? [], why: `${on}; alert raised ${a.first_seen.slice(0, 10)}`,
      dismissed: dismissed.get(`${a.row_no}:${a.entity_id}`) === a.fingerprint,
    };
  });
}

/** Post the run's alerts as JSON, signed with HMAC-SHA256 of the body in `X-Proscribe-Signature: sha256=…`. */
async function postWebhook(url: string, secret: string, run: MonitorRun): Promise<{ url: string; status: number | null; error: string | null }> {
  const body = JSON.stringify({ monitor: run.monitor, at: run.at, asOf: run.asOf, alerts: run.alerts.filter((a) => a.change !== 'cleared'), counts: run.counts });
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-proscribe-signature': `sha256=${signature}` }, body, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return { url, status: res.status, error: res.ok ? null : `HTTP ${res.status}` };
  } catch (error) {
    return { url, status: null, error: (error as Error).message };
  }
}
