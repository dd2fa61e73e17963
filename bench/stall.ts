/**
 * Does screening stall while the registry changes? `npm run bench:stall`.
 *
 * A registry is built from the bundled data (`proscribe bootstrap` into a temporary SQLite file)
 * and the built server (`node dist/cli/main.js serve`) is started three times on it, once per way of
 * bringing the screening index up to date after a change:
 *
 * - baseline `--index-rebuild inline`: the first screening request after a change rebuilds the
 *   index on the event loop and every request waits for it (how the server worked before);
 * - `--index-rebuild background --index-catch-up off`: a worker thread builds the new index
 *   whole while screening goes on with the old one; the writer's own response waits for the swap;
 * - the default (`background`, catch-up on): a change reads the entities it touched from the
 *   change log into an overlay beside the index; a full build runs only once many changed.
 *
 * In each run, 4 clients screen one name per request back to back (a seeded mix of respelled
 * listed and unlisted real names) while 10 articles are ingested through `POST /documents`, one
 * after another, and for 2 s after the last. Printed per mode: screening requests, errors,
 * latency p50/p99/max during the stream, the ingests' own latency, and the server's rebuild
 * count and last rebuild time from `GET /health`; then the target (max < 250 ms, no errors)
 * met or not.
 *
 * An ingest starts every second (`--every`), or when the one before answers if that is later, so
 * each mode sees the same write rate while its writes are fast enough.
 *
 *   npm run bench:stall [-- --clients 4 --ingests 10 --every 1000 --no-build]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadNegatives, loadRealLists } from './lib/lists.js';
import { type BuildMode, ensureBuild, rssOf, runCli, type Server, startServer, stopServer } from './lib/server.js';
import { pick, rng, varyName } from './lib/variants.js';

const TARGET_MAX_MS = 250;

interface Args {
  clients: number;
  ingests: number;
  /** An ingest starts this often (or when the one before ends, if later): the same write rate in every mode. */
  everyMs: number;
  build: BuildMode;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { clients: 4, ingests: 10, everyMs: 1000, build: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--every') {
      args.everyMs = Number(argv[++i]);
      if (!Number.isFinite(args.everyMs) || args.everyMs < 0) throw new Error('--every takes milliseconds, 0 or more');
    } else if (a === '--clients' || a === '--ingests') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} takes a whole number above 0`);
      if (a === '--clients') args.clients = n;
      else args.ingests = n;
    } else if (a === '--no-build') args.build = 'never';
    else if (a === '--build') args.build = 'always';
    else throw new Error(`unknown option ${String(a)}`);
  }
  return args;
}

/** Names to screen: respelled listed names and real unlisted ones, seeded. */
function names(): string[] {
  const r = rng(20261207);
  const listed = loadRealLists().entities.flatMap((e) => e.names.map((n) => n.text));
  const negatives = loadNegatives();
  return Array.from({ length: 2000 }, (_, i) => (i % 5 < 2 ? varyName(r, pick(r, listed)) : pick(r, negatives)));
}

/** Ten articles in the shape of the news the product reads, each naming groups of its own. */
function articles(count: number): { text: string; date: string }[] {
  const places = ['Quetta', 'Karachi', 'Peshawar', 'Lahore', 'Gwadar', 'Multan', 'Sukkur', 'Bannu', 'Turbat', 'Jhang'];
  return Array.from({ length: count }, (_, i) => {
    const group = `Jamaat-e-Nasr ${String.fromCharCode(65 + i)}${i + 1}`;
    const place = places[i % places.length]!;
    return {
      date: `2026-0${1 + (i % 9)}-1${i % 10}`,
      text: `The federal government on Monday banned ${group} under the Anti-Terrorism Act, 1997, according to a notification issued by the Ministry of Interior. `
        + `An official of the ministry said ${group} is an offshoot of the outlawed Lashkar-e-Jhangvi and had been recruiting young men in ${place}. `
        + `The group, also known as Nasr Front ${i + 1}, was formed in 2019 by former members of Sipah-e-Sahaba Pakistan.`,
    };
  });
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Run {
  mode: string;
  screened: number;
  errors: number;
  latencies: number[];
  ingestMs: number[];
  health: { rebuilds?: number; lastRebuildMs?: number | null; catchUps?: number; lastCatchUpMs?: number | null; overlayNames?: number | null };
  rss: number;
}

async function post(server: Server, secret: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return res.status;
}

async function run(db: string, secret: string, mode: string, serveArgs: string[], args: Args, docs: { text: string; date: string }[], pool: string[]): Promise<Run> {
  const server = await startServer(db, null, [...serveArgs, '--processes', '1']);
  try {
    // The index and the resolver are loaded before the stream: start-up is not what is measured.
    for (let i = 0; i < 5; i++) await post(server, secret, '/screen', { name: pool[i] });
    await post(server, secret, '/documents', { text: `Warm-up ${mode}: the ministry banned the Noor Warmup Front on Monday.`, date: '2026-01-05' });
    for (let i = 0; i < 20; i++) await post(server, secret, '/screen', { name: pool[i] });

    const latencies: number[] = [];
    let errors = 0;
    let stop = false;
    let next = 0;
    const client = async (): Promise<void> => {
      while (!stop) {
        const name = pool[next++ % pool.length];
        const t = performance.now();
        try {
          const status = await post(server, secret, '/screen', { name });
          if (status !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t);
      }
    };
    const clients = Array.from({ length: args.clients }, () => client());
    const ingestMs: number[] = [];
    for (const doc of docs) {
      const t = performance.now();
      const paced = new Promise((resolve) => setTimeout(resolve, args.everyMs));
      const status = await post(server, secret, '/documents', { ...doc, text: `${doc.text} (${mode})` });
      ingestMs.push(performance.now() - t);
      if (status !== 201) throw new Error(`POST /documents answered ${status} in ${mode} mode`);
      await paced;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    stop = true;
    await Promise.all(clients);
    const health = ((await (await fetch(`${server.url}/health`)).json()) as { screener?: Run['health'] }).screener ?? {};
    return { mode, screened: latencies.length, errors, latencies: latencies.sort((a, b) => a - b), ingestMs, health, rss: rssOf(server.child.pid!) };
  } finally {
    await stopServer(server);
  }
}

function report(r: Run): void {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const ingests = [...r.ingestMs].sort((a, b) => a - b);
  console.log(`${r.mode.padEnd(22)} screening: ${r.screened} requests, ${r.errors} errors, p50 ${ms(percentile(r.latencies, 50))}, p99 ${ms(percentile(r.latencies, 99))}, `
    + `max ${ms(r.latencies[r.latencies.length - 1] ?? NaN)}; ingests: mean ${ms(ingests.reduce((a, b) => a + b, 0) / ingests.length)}, max ${ms(ingests[ingests.length - 1] ?? NaN)}; `
    + `index builds ${String(r.health.rebuilds ?? '?')}, last ${r.health.lastRebuildMs ?? '?'} ms; catch-ups from the change log ${String(r.health.catchUps ?? 0)}, last ${r.health.lastCatchUpMs ?? '-'} ms, `
    + `overlay ${r.health.overlayNames ?? 0} names; server RSS ${(r.rss / 1048576).toFixed(0)} MiB`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const build = ensureBuild(args.build);
  const dir = mkdtempSync(join(tmpdir(), 'proscribe-bench-stall-'));
  try {
    const db = join(dir, 'registry.sqlite');
    const t0 = Date.now();
    const boot = runCli(['--db', db, 'bootstrap']);
    console.log(`${/registry: .*/.exec(boot)?.[0] ?? 'registry'} (bootstrap ${((Date.now() - t0) / 1000).toFixed(1)} s); server: ${build}`);
    const { secret } = JSON.parse(runCli(['--db', db, 'keys', 'create', '--role', 'analyst', '--name', 'bench-stall', '--format', 'json'])) as { secret: string };
    const pool = names();
    console.log(`${args.clients} clients screening back to back while ${args.ingests} articles are ingested one after another, one starting every ${args.everyMs} ms at most (and 2 s after); `
      + `${availableParallelism()} cores shared by the server and this process; load average (1 min) ${loadavg()[0]!.toFixed(2)}`);
    const baseline = await run(db, secret, 'baseline inline', ['--index-rebuild', 'inline', '--index-catch-up', 'off'], args, articles(args.ingests), pool);
    report(baseline);
    const full = await run(db, secret, 'background, full', ['--index-rebuild', 'background', '--index-catch-up', 'off'], args, articles(args.ingests).map((d) => ({ ...d, text: `${d.text} Second run.` })), pool);
    report(full);
    const background = await run(db, secret, 'background + catch-up', ['--index-rebuild', 'background'], args, articles(args.ingests).map((d) => ({ ...d, text: `${d.text} Third run.` })), pool);
    report(background);
    const worst = background.latencies[background.latencies.length - 1] ?? Infinity;
    const met = worst < TARGET_MAX_MS && background.errors === 0;
    console.log(`catch-up against full background builds: ingest mean ${(mean(full.ingestMs) / mean(background.ingestMs)).toFixed(1)}x faster, screening p99 ${percentile(full.latencies, 99).toFixed(1)} -> ${percentile(background.latencies, 99).toFixed(1)} ms`);
    console.log(`target (background: max screening latency < ${TARGET_MAX_MS} ms during the stream, no errors): ${met ? 'met' : 'NOT met'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
