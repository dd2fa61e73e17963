import { randomUUID } from 'node:crypto';
import { createWriteStream, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import type { EntityKind } from '../model/types.js';
import { type BatchRowResult, screenBatch } from '../screen/batch.js';
import { openNameSource } from '../screen/read-names.js';
import { CSV_RESULT_COLUMNS, csvLine, csvResultLine } from '../screen/result-csv.js';
import type { ScreenerCache } from './screener-cache.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobSpec {
  /** The uploaded file, moved into the job's folder. */
  upload: string;
  filename: string;
  column: string;
  asOf: string;
  threshold: number;
  limit: number;
  /** Also search for the closest match of rows that raise no alert. */
  closest: boolean;
  /** Only hits of these kinds; null: every kind. */
  kinds: EntityKind[] | null;
  /** Screen against these lists / jurisdictions only; null: everything. */
  lists: string[] | null;
  jurisdictions: string[] | null;
  /** The key that made the job; only it (or an admin) sees the job. Null on an open server. */
  ownerKeyId: number | null;
}

export interface Job {
  id: string;
  status: JobStatus;
  filename: string;
  column: string;
  asOf: string;
  threshold: number;
  limit: number;
  closest: boolean;
  kinds: EntityKind[] | null;
  lists: string[] | null;
  jurisdictions: string[] | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  processed: number;
  /** Rows in the file: known once the job is done (the file is read once, as it is screened). */
  total: number | null;
  bytesRead: number;
  bytesTotal: number;
  error: { code: string; message: string; field?: string } | null;
  ownerKeyId: number | null;
  /** Once done: how many rows alerted, were listed, linked; the strongest alerts. */
  summary: JobSummary | null;
}

/** What a finished batch found, for a page to show before anyone opens the file. */
export interface JobSummary {
  rows: number;
  /** Rows with at least one alerting hit. */
  alerts: number;
  /** Rows whose top hit is listed itself on the job's day, and linked to a listed entity through lineage. */
  listed: number;
  linked: number;
  /** The strongest alerts (at most TOP_ALERTS), best first. */
  topAlerts: { row: number; query: string; entity: { id: number; name: string }; matchedName: string; score: number; status: string; listings: string[] }[];
}

const TOP_ALERTS = 25;
/** The job's state as its process last saved it, in the job's folder. */
const STATE_FILE = 'job.json';
/** How often a running job saves its progress for other processes. */
const SAVE_EVERY_MS = 500;

export interface JobManagerOptions {
  /** Worker threads per job (default: one per core). */
  workers?: number;
  /** Finished jobs kept, with their files; older ones are removed. */
  keep?: number;
  onError?: (error: unknown) => void;
}

interface JobRecord {
  job: Job;
  dir: string;
  input: string;
  /** The upload's header row (CSV only), for the result of a file with no data rows. */
  header: string[] | null;
}

function view(job: Job): Job {
  return { ...job, error: job.error ? { ...job.error } : null };
}

function noteRow(summary: JobSummary, r: BatchRowResult, alert: boolean): void {
  summary.rows++;
  const top = r.result.hits[0];
  if (top?.status === 'listed') summary.listed++;
  else if (top?.status === 'linked') summary.linked++;
  if (!alert) return;
  summary.alerts++;
  const best = r.result.hits.filter((h) => h.alert).sort((a, b) => b.score - a.score)[0]!;
  const entry = {
    row: r.row.row, query: r.result.query, entity: { id: best.entity.id, name: best.entity.name }, matchedName: best.matched_name, score: best.score,
    status: best.status, listings: best.listings.map((l) => l.list ?? l.jurisdiction),
  };
  const list = summary.topAlerts;
  if (list.length < TOP_ALERTS || entry.score > list[list.length - 1]!.score) {
    list.push(entry);
    list.sort((a, b) => b.score - a.score || a.row - b.row);
    if (list.length > TOP_ALERTS) list.pop();
  }
}

/** The first row of a CSV upload, to refuse a missing column at once rather than in a failed job. */
export async function checkCsvHeader(path: string, column: string): Promise<string[]> {
  const handle = await open(path, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  const firstLine = head.split(/\r?\n/).find((l) => l.trim() !== '');
  if (firstLine === undefined) throw new InputError('the uploaded file is empty: a header row is required', { field: 'file' });
  let header: string[];
  try {
    header = (parse(firstLine, { bom: true, trim: true }) as string[][])[0] ?? [];
  } catch (error) {
    throw new InputError(`the header row is not valid CSV: ${(error as Error).message}`, { field: 'file' });
  }
  if (!header.includes(column)) throw new InputError(`no column "${column}" in the uploaded file (columns: ${header.join(', ')})`, { field: 'column' });
  return header;
}

/**
 * Batch screening jobs of one server process: run one at a time, in the background, through
 * the same worker-thread pipeline as `proscribe screen --input`. Inputs and results live in the
 * job folder; jobs are not kept across restarts.
 */
export class JobManager {
  private readonly jobs = new Map<string, JobRecord>();
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(readonly dir: string, private readonly screeners: ScreenerCache, private readonly options: JobManagerOptions = {}) {}

  get uploadDir(): string {
    return join(this.dir, 'uploads');
  }

  async create(spec: JobSpec, header: string[] | null): Promise<Job> {
    if (this.closed) throw new Error('the job manager is closed');
    const id = randomUUID();
    const dir = join(this.dir, id);
    await mkdir(dir, { recursive: true });
    // The reader picks CSV or JSON Lines by the extension.
    const input = join(dir, `input${/\.(jsonl|ndjson)$/i.test(spec.filename) ? extname(spec.filename).toLowerCase() : '.csv'}`);
    await rename(spec.upload, input);
    const record: JobRecord = {
      job: {
        id, status: 'queued', filename: spec.filename, column: spec.column, asOf: spec.asOf, threshold: spec.threshold, limit: spec.limit, closest: spec.closest, kinds: spec.kinds, lists: spec.lists, jurisdictions: spec.jurisdictions,
        createdAt: new Date().toISOString(), startedAt: null, finishedAt: null, processed: 0, total: null, bytesRead: 0, bytesTotal: 0, error: null,
        ownerKeyId: spec.ownerKeyId, summary: null,
      },
      dir, input, header,
    };
    this.jobs.set(id, record);
    this.saveState(dir, record.job);
    this.tail = this.tail.then(() => this.run(record));
    return view(record.job);
  }

  /**
   * A job of this process, else one another process sharing the job folder took (`serve
   * --processes N`: a poll may reach any of them), read from the state file its owner keeps.
   */
  get(id: string): Job | null {
    const record = this.jobs.get(id);
    if (record) return view(record.job);
    return this.fromOtherProcess(id);
  }

  /** The finished job's result: CSV (the input's columns and the top hit) or JSON Lines (every hit). */
  resultPath(id: string, format: 'csv' | 'jsonl' = 'csv'): string | null {
    const record = this.jobs.get(id);
    if (record) return record.job.status === 'done' ? join(record.dir, `result.${format}`) : null;
    return this.fromOtherProcess(id)?.status === 'done' ? join(this.dir, id, `result.${format}`) : null;
  }

  private fromOtherProcess(id: string): Job | null {
    // Only a job id (a UUID) names a folder: nothing else of the disk is reachable through it.
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null;
    try {
      return JSON.parse(readFileSync(join(this.dir, id, STATE_FILE), 'utf8')) as Job;
    } catch {
      return null;
    }
  }

  /** The job's state where other processes sharing the folder can read it; written whole, then renamed. */
  private saveState(dir: string, job: Job): void {
    const path = join(dir, STATE_FILE);
    try {
      writeFileSync(`${path}.tmp`, JSON.stringify(job));
      renameSync(`${path}.tmp`, path);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Refuse new jobs and wait for those already queued. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }

  private async run({ job, dir, input, header: uploadedHeader }: JobRecord): Promise<void> {
    job.status = 'running';
    job.startedAt = new Date().toISOString();
    this.saveState(dir, job);
    let savedAt = Date.now();
    const partial = join(dir, 'result.csv.partial');
    const partialLines = join(dir, 'result.jsonl.partial');
    const out = createWriteStream(partial);
    const lines = createWriteStream(partialLines);
    const summary: JobSummary = { rows: 0, alerts: 0, listed: 0, linked: 0, topAlerts: [] };
    try {
      // Both listeners before either await: the second stream may open while the first is awaited,
      // and an 'open' already emitted never comes again (a job once hung at 0 rows this way).
      await Promise.all([once(out, 'open'), once(lines, 'open')]);
      const screener = await this.screeners.get();
      const source = await openNameSource(input, job.column);
      job.bytesTotal = source.totalBytes;
      let header: string[] | null = null;
      const write = async (batch: BatchRowResult[]) => {
        let text = '';
        let jsonl = '';
        for (const r of batch) {
          if (!header) {
            header = Object.keys(r.row.record);
            text += csvLine([...header, ...CSV_RESULT_COLUMNS]);
          }
          text += csvResultLine(header, r);
          const alert = r.result.hits.some((h) => h.alert);
          jsonl += `${JSON.stringify({ row: r.row.row, query: r.result.query, alert, hits: r.result.hits })}\n`;
          noteRow(summary, r, alert);
        }
        if (!out.write(text)) await once(out, 'drain');
        if (!lines.write(jsonl)) await once(lines, 'drain');
      };
      const rows = await screenBatch(screener, source.rows, write, {
        asOf: job.asOf, threshold: job.threshold, limit: job.limit, closest: job.closest, ...(job.kinds ? { kinds: job.kinds } : {}),
        ...(job.lists ? { lists: job.lists } : {}), ...(job.jurisdictions ? { jurisdictions: job.jurisdictions } : {}), workers: this.options.workers, explain: false,
        onProgress: (n) => {
          job.processed = n;
          job.bytesRead = source.bytesRead();
          if (Date.now() - savedAt >= SAVE_EVERY_MS) {
            savedAt = Date.now();
            this.saveState(dir, job);
          }
        },
      });
      // A file with a header and no rows still gets the result's header.
      if (!header && uploadedHeader) out.write(csvLine([...uploadedHeader, ...CSV_RESULT_COLUMNS]));
      out.end();
      lines.end();
      await Promise.all([once(out, 'close'), once(lines, 'close')]);
      await rename(partial, join(dir, 'result.csv'));
      await rename(partialLines, join(dir, 'result.jsonl'));
      job.summary = summary;
      job.processed = rows;
      job.total = rows;
      job.bytesRead = job.bytesTotal;
      job.status = 'done';
    } catch (error) {
      out.destroy();
      lines.destroy();
      await rm(partial, { force: true });
      await rm(partialLines, { force: true });
      job.status = 'failed';
      if (error instanceof InputError) {
        // The message names the file by the server's path; the user knows it by its own name.
        const message = error.message.split(input).join(job.filename);
        job.error = { code: 'invalid_input', message, ...(error.location.field ? { field: error.location.field } : {}) };
      } else {
        this.options.onError?.(error);
        job.error = { code: 'internal', message: 'the job failed on an internal error: the server log has the details' };
      }
    } finally {
      job.finishedAt = new Date().toISOString();
      this.saveState(dir, job);
      await rm(input, { force: true });
      await this.evict();
    }
  }

  private async evict(): Promise<void> {
    const keep = this.options.keep ?? 50;
    const finished = [...this.jobs.values()].filter((r) => r.job.status === 'done' || r.job.status === 'failed');
    for (const r of finished.slice(0, Math.max(0, finished.length - keep))) {
      this.jobs.delete(r.job.id);
      await rm(r.dir, { recursive: true, force: true });
    }
  }
}
