/**
 * Batch screening of a file end to end, through the same code as `proscribe screen --input`:
 * a registry in a real SQLite file (the UN 2018 and OFAC 2024 lists imported by the importers),
 * a generated CSV of N names streamed through the worker pool into a CSV of results.
 * Prints names/s and the process RSS over the run (flat RSS = constant memory), against a
 * baseline of the same path on one worker thread over the first tenth of the file.
 *
 *   npm run bench:screen-file [-- --rows 1000000]
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runBatchScreen } from '../src/cli/commands/screen-batch.js';
import { importListFile } from '../src/importers/import-file.js';
import type { CliIo } from '../src/cli/io.js';
import { openStore } from '../src/store/open.js';
import { OFAC_FILE, UN_FILE, loadNegatives, loadRealLists } from './lib/lists.js';
import { pick, rng, varyName } from './lib/variants.js';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 1_000_000;
const dir = mkdtempSync(join(tmpdir(), 'proscribe-bench-file-'));
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

async function writeInput(path: string, rows: number): Promise<void> {
  const r = rng(20261128);
  const names = loadRealLists().entities.flatMap((e) => e.names.map((n) => n.text));
  const negatives = loadNegatives();
  const out = createWriteStream(path);
  out.write('id,name\n');
  for (let i = 0; i < rows; i++) {
    // 40% respelled listed names, 60% unlisted names and recombinations of their words.
    const name = r() < 0.4 ? varyName(r, pick(r, names)) : r() < 0.5 ? pick(r, negatives) : `${pick(r, negatives).split(' ')[0]} ${pick(r, negatives).split(' ').at(-1)}`;
    if (!out.write(`${i},"${name.replace(/"/g, '""')}"\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

async function run(label: string, input: string, workers: number, repoPath: string) {
  const repo = await openStore(repoPath);
  const stderr = new PassThrough();
  let log = '';
  stderr.on('data', (c: Buffer) => (log += c.toString()));
  const io: CliIo = { stdout: new PassThrough(), stderr, stdin: Readable.from([]), env: {}, isTty: false };
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(process.memoryUsage().rss), 200);
  const started = process.hrtime.bigint();
  await runBatchScreen(repo, io, { asOf: '2024-06-01', threshold: 0.85, limit: 5, input, column: 'name', output: join(dir, `out-${workers}.csv`), workers });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  await repo.close();
  const rows = Number(/screened (\d+) names/.exec(log)?.[1] ?? 0);
  const rate = Number(/\((\d+) names\/s\)/.exec(log)?.[1] ?? 0);
  const tenth = samples[Math.floor(samples.length / 10)] ?? 0;
  const peak = Math.max(...samples, 0);
  console.log(`${label}: ${rows} names, ${rate} names/s screening (${seconds.toFixed(1)} s with the index load); RSS at 10% ${mib(tenth)}, at end ${mib(samples.at(-1) ?? 0)}, peak ${mib(peak)}`);
  return rate;
}

try {
  const db = join(dir, 'registry.sqlite');
  const repo = await openStore(db);
  const t0 = Date.now();
  await importListFile(repo, 'un-xml', UN_FILE);
  await importListFile(repo, 'ofac-sdn-csv', OFAC_FILE, '2024-05-01');
  const counts = await repo.counts();
  await repo.close();
  console.log(`registry: ${counts.entities} entities, ${counts.names} names (imported in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  const input = join(dir, 'names.csv');
  const baselineInput = join(dir, 'names-tenth.csv');
  await writeInput(input, ROWS);
  await writeInput(baselineInput, Math.ceil(ROWS / 10));
  console.log(`input: ${ROWS} generated names (seed 20261128: 40% respelled listed names, 60% unlisted names and recombinations)`);
  const base = await run('baseline, 1 worker thread, first tenth', baselineInput, 1, db);
  const pool = await run('proscribe screen --input, 2 worker threads', input, 2, db);
  console.log(`speed-up over the 1-thread baseline: ${(pool / base).toFixed(2)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
