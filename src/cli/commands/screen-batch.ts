import { loadScreener } from '../../screen/load-snapshot.js';
import { reopenLocation } from '../../store/open.js';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import { InputError } from '../../errors.js';
import { type BatchRowResult, screenBatch } from '../../screen/batch.js';
import { openNameSource } from '../../screen/read-names.js';
import { CSV_RESULT_COLUMNS, csvLine, csvResultLine } from '../../screen/result-csv.js';
import { Screener, checkListFilter } from '../../screen/screener.js';
import type { EntityKind } from '../../model/types.js';
import type { Repository } from '../../store/repository.js';
import type { CliIo } from '../io.js';

export interface BatchScreenCliOptions {
  asOf: string;
  threshold: number;
  limit: number;
  input: string;
  column: string;
  output?: string;
  workers?: number;
  /** Also search for the closest match of rows that raise no alert. */
  closest?: boolean;
  /** Only hits of these kinds. */
  kinds?: EntityKind[];
  /** Screen against these lists / jurisdictions only. */
  lists?: string[];
  jurisdictions?: string[];
}

async function writeTo(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** `proscribe screen --input`: stream a file through the worker pool into CSV or JSON Lines. */
export async function runBatchScreen(repo: Repository, io: CliIo, opts: BatchScreenCliOptions): Promise<void> {
  if (opts.workers !== undefined && !(Number.isInteger(opts.workers) && opts.workers >= 1)) {
    throw new InputError('must be a positive whole number', { field: 'workers' });
  }
  const source = await openNameSource(opts.input, opts.column);
  // The index saved beside the database when it still matches the registry: no build at start.
  const screener = await loadScreener(repo, reopenLocation(repo));
  checkListFilter(screener, opts.lists);
  const asCsv = opts.output !== undefined && /\.csv$/i.test(opts.output);
  let file: WriteStream | undefined;
  if (opts.output) {
    file = createWriteStream(opts.output);
    await once(file, 'open').catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`cannot write: ${error.code ?? error.message}`, { file: opts.output });
    });
  }
  const out: Writable = file ?? io.stdout;
  const bar = io.isTty ? new SingleBar({ format: 'screening [{bar}] {percentage}% | {rows} rows | {rate} rows/s', stream: process.stderr, hideCursor: true }) : null;
  bar?.start(source.totalBytes, 0, { rows: 0, rate: 0 });
  const started = Date.now();
  let header: string[] | null = null;

  const write = async (batch: BatchRowResult[]) => {
    let text = '';
    for (const item of batch) {
      const { row, result } = item;
      if (!asCsv) {
        text += `${JSON.stringify({ row: row.row, query: result.query, alert: result.hits.some((h) => h.alert), hits: result.hits })}\n`;
        continue;
      }
      if (!header) {
        header = Object.keys(row.record);
        text += csvLine([...header, ...CSV_RESULT_COLUMNS]);
      }
      text += csvResultLine(header, item);
    }
    await writeTo(out, text);
  };

  const onProgress = (rows: number) => {
    bar?.update(source.bytesRead(), { rows, rate: Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000)) });
  };
  let rows: number;
  try {
    rows = await screenBatch(screener, source.rows, write, {
      asOf: opts.asOf, threshold: opts.threshold, limit: opts.limit, workers: opts.workers, closest: opts.closest === true, ...(opts.kinds ? { kinds: opts.kinds } : {}),
      ...(opts.lists ? { lists: opts.lists } : {}), ...(opts.jurisdictions ? { jurisdictions: opts.jurisdictions } : {}), onProgress,
      // The CSV form carries no explanations: do not build them.
      explain: !asCsv,
    });
  } finally {
    bar?.stop();
    if (file) {
      file.end();
      await once(file, 'close');
    }
  }
  const seconds = (Date.now() - started) / 1000;
  io.stderr.write(`screened ${rows} names in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 0.001))} names/s)${opts.output ? ` -> ${opts.output}` : ''}\n`);
}
