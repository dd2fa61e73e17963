import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import type { EntityKind } from '../model/types.js';
import { type BatchRowResult, screenBatch } from '../screen/batch.js';
import { openNameSource } from '../screen/read-names.js';
import { CSV_RESULT_COLUMNS, csvLine, csvResultLine } from '../screen/result-csv.js';
import type { ScreenerCache } from './screener-cache.js';
import { MAX_ATTEMPTS, type QueuedJob, claim, enqueue, evict, finish, getJob, heartbeat, jobFile } from '../jobs/job-queue.js';
import type { Repository } from '../store/repository.js';

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
/** How often a running job saves its progress (and says it is alive) for other processes. */
const SAVE_EVERY_MS = 500;

/** Work of another kind than batch screening (a list update, a feed poll, a monitor run): returns its report. */
export type JobHandler = (job: QueuedJob) => Promise<Record<string, unknown>>;

export interface JobManagerOptions {
  /** Worker threads per job (default: one per core). */
  workers?: number;
  /** Finished jobs kept, with their files; older ones are removed. */
  keep?: number;
  onError?: (error: unknown) => void;
  /** A running job whose process has not saved progress for this long is taken over by another (default 30 s). */
  staleMs?: number;
  /** How often an idle process looks for queued jobs (default 1 s). */
  pollMs?: number;
  handlers?: Record<string, JobHandler>;
  /** Take no jobs: this process only accepts them (another runs them). */
  acceptOnly?: boolean;
}

type ScreenSpec = Omit<JobSpec, 'upload'> & { header: string[] | null; inputName: string };
type ScreenState = Pick<Job, 'processed' | 'total' | 'bytesRead' | 'bytesTotal' | 'error' | 'summary'>;

/** The API's view of a queued screening job. */
function screenJobOf(q: QueuedJob): Job {
  const spec = q.spec as unknown as ScreenSpec;
  const state = q.state as Partial<ScreenState>;
  return {
    id: q.id, status: q.status, filename: spec.filename, column: spec.column, asOf: spec.asOf, threshold: spec.threshold, limit: spec.limit, closest: spec.closest,
    kinds: spec.kinds, lists: spec.lists, jurisdictions: spec.jurisdictions, createdAt: q.createdAt, startedAt: q.startedAt, finishedAt: q.status === 'done' || q.status === 'failed' ? q.finishedAt : null,
    processed: state.processed ?? 0, total: state.total ?? null, bytesRead: state.bytesRead ?? 0, bytesTotal: state.bytesTotal ?? 0, error: state.error ?? null,
    ownerKeyId: q.ownerKeyId, summary: state.summary ?? null,
  };
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
 * Batch screening jobs, and the other background work of the server (list updates, feed polls,
 * monitor runs), queued in the database: a job accepted by one server process is run by
 * whichever process on the database is free, and one whose process stopped is taken over by
 * another once its progress goes stale. Inputs and results are kept in the database too, so any
 * process serves them. Each process runs one job at a time.
 */
export class JobManager {
  private closed = false;
  private current: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(readonly dir: string, private readonly repo: Repository, private readonly screeners: ScreenerCache, private readonly options: JobManagerOptions = {}) {}

  get uploadDir(): string {
    return join(this.dir, 'uploads');
  }

  private get kinds(): string[] {
    return ['screen', ...Object.keys(this.options.handlers ?? {})];
  }

  /** Start taking jobs from the queue. */
  start(): void {
    if (this.loop || this.options.acceptOnly) return;
    this.loop = this.run();
  }

  /** Look for a job now rather than at the next poll (one was just queued). */
  wake(): void {
    this.wakeUp?.();
  }

  async create(spec: JobSpec, header: string[] | null): Promise<Job> {
    if (this.closed) throw new Error('the job manager is closed');
    const inputName = /\.(jsonl|ndjson)$/i.test(spec.filename) ? `input${spec.filename.slice(spec.filename.lastIndexOf('.')).toLowerCase()}` : 'input.csv';
    const { upload, ...rest } = spec;
    const content = await readFile(upload);
    const queued = await enqueue(this.repo, { kind: 'screen', spec: { ...rest, header, inputName } as unknown as Record<string, unknown>, ownerKeyId: spec.ownerKeyId, files: { [inputName]: content } });
    await rm(upload, { force: true });
    this.wake();
    return screenJobOf(queued);
  }

  /** Queue background work of another kind (an update, a poll, a monitor run). */
  async queue(kind: string, spec: Record<string, unknown>, options: { target?: string | null; ownerKeyId?: number | null } = {}): Promise<QueuedJob> {
    const queued = await enqueue(this.repo, { kind, spec, ...options });
    this.wake();
    return queued;
  }

  async get(id: string): Promise<Job | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null;
    const q = await getJob(this.repo, id);
    return q && q.kind === 'screen' ? screenJobOf(q) : null;
  }

  /** The finished job's result: CSV (the input's columns and the top hit) or JSON Lines (every hit). */
  async result(id: string, format: 'csv' | 'jsonl' = 'csv'): Promise<Buffer | null> {
    const job = await this.get(id);
    return job?.status === 'done' ? jobFile(this.repo, id, `result.${format}`) : null;
  }

  /** Refuse new jobs, stop taking them, and wait for the one running here. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.wakeUp?.();
    await this.loop;
    await this.current;
  }

  private async run(): Promise<void> {
    const staleMs = this.options.staleMs ?? 30_000;
    while (!this.closed) {
      let job: QueuedJob | null = null;
      try {
        job = await claim(this.repo, this.kinds, staleMs);
      } catch (error) {
        this.options.onError?.(error);
      }
      if (!job) {
        await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
          this.timer = setTimeout(resolve, this.options.pollMs ?? 1000);
        });
        this.wakeUp = null;
        continue;
      }
      this.current = this.runOne(job);
      await this.current;
    }
  }

  private async runOne(job: QueuedJob): Promise<void> {
    if (job.attempts > MAX_ATTEMPTS) {
      await finish(this.repo, job.id, 'failed', { ...job.state, error: { code: 'internal', message: `the job was started ${MAX_ATTEMPTS} times and its process stopped each time` } });
      return;
    }
    try {
      if (job.kind === 'screen') await this.screen(job);
      else {
        const handler = this.options.handlers![job.kind]!;
        // Work that saves no progress of its own still says it is alive.
        const alive = setInterval(() => void heartbeat(this.repo, job.id, job.state).catch(() => undefined), Math.max(200, (this.options.staleMs ?? 30_000) / 3));
        try {
          const report = await handler(job);
          await finish(this.repo, job.id, 'done', { report });
        } catch (error) {
          await finish(this.repo, job.id, 'failed', { error: { code: error instanceof InputError ? 'invalid_input' : 'internal', message: (error as Error).message } });
        } finally {
          clearInterval(alive);
        }
      }
      await evict(this.repo, job.kind, this.options.keep ?? 50);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private async screen(q: QueuedJob): Promise<void> {
    const spec = q.spec as unknown as ScreenSpec;
    const dir = join(this.dir, q.id);
    await mkdir(dir, { recursive: true });
    const input = join(dir, spec.inputName);
    const partial = join(dir, 'result.csv.partial');
    const partialLines = join(dir, 'result.jsonl.partial');
    const state: ScreenState = { processed: 0, total: null, bytesRead: 0, bytesTotal: 0, error: null, summary: null };
    let savedAt = Date.now();
    let saving: Promise<unknown> = Promise.resolve();
    try {
      const content = await jobFile(this.repo, q.id, spec.inputName);
      if (!content) throw new Error(`job ${q.id} has no input file`);
      await writeFile(input, content);
      const out = createWriteStream(partial);
      const lines = createWriteStream(partialLines);
      const summary: JobSummary = { rows: 0, alerts: 0, listed: 0, linked: 0, topAlerts: [] };
      try {
        // Both listeners before either await: the second stream may open while the first is awaited,
        // and an 'open' already emitted never comes again (a job once hung at 0 rows this way).
        await Promise.all([once(out, 'open'), once(lines, 'open')]);
        const screener = await this.screeners.get();
        const source = await openNameSource(input, spec.column);
        state.bytesTotal = source.totalBytes;
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
          asOf: spec.asOf, threshold: spec.threshold, limit: spec.limit, closest: spec.closest, ...(spec.kinds ? { kinds: spec.kinds } : {}),
          ...(spec.lists ? { lists: spec.lists } : {}), ...(spec.jurisdictions ? { jurisdictions: spec.jurisdictions } : {}), workers: this.options.workers, explain: false,
          onProgress: (n) => {
            state.processed = n;
            state.bytesRead = source.bytesRead();
            if (Date.now() - savedAt >= SAVE_EVERY_MS) {
              savedAt = Date.now();
              saving = saving.then(() => heartbeat(this.repo, q.id, { ...state })).catch((error: unknown) => this.options.onError?.(error));
            }
          },
        });
        // A file with a header and no rows still gets the result's header.
        if (!header && spec.header) out.write(csvLine([...spec.header, ...CSV_RESULT_COLUMNS]));
        out.end();
        lines.end();
        await Promise.all([once(out, 'close'), once(lines, 'close')]);
        await saving;
        state.summary = summary;
        state.processed = rows;
        state.total = rows;
        state.bytesRead = state.bytesTotal;
        await finish(this.repo, q.id, 'done', { ...state }, { 'result.csv': await readFile(partial), 'result.jsonl': await readFile(partialLines) });
      } finally {
        out.destroy();
        lines.destroy();
      }
    } catch (error) {
      await saving;
      if (error instanceof InputError) {
        // The message names the file by the server's path; the user knows it by its own name.
        const message = error.message.split(input).join(spec.filename);
        state.error = { code: 'invalid_input', message, ...(error.location.field ? { field: error.location.field } : {}) };
      } else {
        this.options.onError?.(error);
        state.error = { code: 'internal', message: 'the job failed on an internal error: the server log has the details' };
      }
      await finish(this.repo, q.id, 'failed', { ...state });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
