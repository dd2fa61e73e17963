/**
 * Load on the HTTP API, end to end over loopback: `npm run bench:load`.
 *
 * A registry is built from the bundled data (`proscribe bootstrap` into a temporary SQLite
 * file: the UN and OFAC lists, Mapping Militants, the seed article), a viewer key is made, and
 * the built server (`node dist/cli/main.js serve`, a child process, request log at warn) is
 * driven by autocannon from this process with a fixed number of connections for a fixed time:
 *
 * - baseline `GET /health`: the floor of the server (HTTP, routing, reply serialisation and the
 *   store's row counts; no screening, no key lookup: the route is public);
 * - `POST /screen` with one name per request, cycling through a seeded mix (seed 20261128) of
 *   the real UN 2018 and OFAC 2024 names: 40% respelled listed names (bench/lib/variants.ts),
 *   60% unlisted names from bench/data/negatives.txt and recombinations of their words (the
 *   mix of bench:screen-file), each with `Authorization: Bearer KEY`.
 *
 * Printed for each: requests/s, latency p50/p97.5/p99/max, errors, timeouts, non-2xx, server
 * CPU (cores used over the run) and the server's RSS before and after; then the target
 * (>= 2,000 screening requests/s at p99 < 20 ms) met or NOT met. Client and server share the
 * machine's cores.
 *
 * Then the same screening load on `serve --processes N` (default: one per core), against the
 * one-process run above: the ratio of requests/s and the target (>= 1.4x at p99 < 20 ms).
 *
 *   npm run bench:load [-- --connections 32 --duration 20 --processes 2 --no-build --profile]
 *   npm run bench:load -- --soak 600      (10 minutes of POST /screen, RSS every 10 s; not in CI)
 *   npm run bench:load -- --only screen --profile   (one load alone, to profile it)
 *
 * The server is the built code in dist/: it is rebuilt with `npm run build` first when it is
 * missing or older than a file in src/ (`--no-build` uses it as it is; `--build` always builds).
 * `--profile` runs the server under `--cpu-prof` and prints the functions with the most self time.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { indexFilePath, readIndexFile, writeIndexFile } from '../src/screen/index-file.js';
import { Screener } from '../src/screen/screener.js';
import { openStore } from '../src/store/open.js';
import { loadNegatives, loadRealLists } from './lib/lists.js';
import { ensureBuild, processTree, ROOT, runCli, type Server, startServer, stopServer, treeRss } from './lib/server.js';
import { pick, rng, varyName } from './lib/variants.js';

const TARGET_RPS = 2000;
const TARGET_P99_MS = 20;
const AS_OF = '2024-06-01';
const MIX_SIZE = 5000;

interface Args {
  connections: number;
  duration: number;
  soak: number | null;
  build: 'auto' | 'always' | 'never';
  profile: boolean;
  /** Run one of the two loads only (to profile it alone). */
  only: 'health' | 'screen' | null;
  /** Then `serve --processes N` under the same screening load (1: skip). */
  processes: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { connections: 32, duration: 20, soak: null, build: 'auto', profile: false, only: null, processes: availableParallelism() };
  const number = (i: number, flag: string) => {
    const n = Number(argv[i + 1]);
    if (!(n > 0) || !Number.isInteger(n)) throw new Error(`${flag} needs a positive whole number, got "${argv[i + 1] ?? ''}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--connections') args.connections = number(i++, a);
    else if (a === '--duration') args.duration = number(i++, a);
    else if (a === '--soak') args.soak = number(i++, a);
    else if (a === '--processes') args.processes = number(i++, a);
    else if (a === '--build') args.build = 'always';
    else if (a === '--no-build') args.build = 'never';
    else if (a === '--profile') args.profile = true;
    else if (a === '--only' && (argv[i + 1] === 'health' || argv[i + 1] === 'screen')) args.only = argv[++i] as 'health' | 'screen';
    else throw new Error(`unknown option "${a}" (options: --connections N, --duration S, --soak S, --processes N, --build, --no-build, --profile, --only health|screen)`);
  }
  return args;
}

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;

/** CPU seconds the server (every process of it) has used, or null where /proc is absent. */
function cpuSecondsOf(pid: number): number | null {
  let sum = 0;
  for (const p of processTree(pid)) {
    const own = cpuSecondsOfOne(p);
    if (own === null) return null;
    sum += own;
  }
  return sum;
}

function cpuSecondsOfOne(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The request bodies: one name each, cycled through by every connection. */
function screeningMix(): { bodies: string[]; listed: number } {
  const r = rng(20261128);
  const names = loadRealLists().entities.flatMap((e) => e.names.map((n) => n.text));
  const negatives = loadNegatives();
  const bodies: string[] = [];
  let listed = 0;
  for (let i = 0; i < MIX_SIZE; i++) {
    let name: string;
    if (r() < 0.4) {
      name = varyName(r, pick(r, names));
      listed++;
    } else {
      name = r() < 0.5 ? pick(r, negatives) : `${pick(r, negatives).split(' ')[0]} ${pick(r, negatives).split(' ').at(-1)}`;
    }
    bodies.push(JSON.stringify({ name, asOf: AS_OF }));
  }
  return { bodies, listed };
}

interface Phase {
  label: string;
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
  total: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  cores: number | null;
  clientCores: number;
  rssBefore: number;
  rssAfter: number;
}

interface Load {
  method: 'GET' | 'POST';
  path: string;
  bodies?: string[];
}

async function drive(server: Server, secret: string, load: Load, connections: number, duration: number, label: string): Promise<Phase> {
  const pid = server.child.pid!;
  let next = 0;
  const bodies = load.bodies;
  const rssBefore = treeRss(pid);
  const cpuBefore = cpuSecondsOf(pid);
  const clientBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: server.url,
    connections,
    duration,
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    requests: [{
      method: load.method,
      path: load.path,
      ...(bodies ? {
        setupRequest: (req: autocannon.Request) => {
          req.body = bodies[next++ % bodies.length]!;
          return req;
        },
      } : {}),
    }],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = cpuSecondsOf(pid);
  const client = process.cpuUsage(clientBefore);
  return {
    label,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50, p975: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max,
    total: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx,
    cores: cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / seconds : null,
    clientCores: (client.user + client.system) / 1e6 / seconds,
    rssBefore, rssAfter: treeRss(pid),
  };
}

function report(p: Phase): void {
  console.log(
    `${p.label.padEnd(34)} ${Math.round(p.rps).toString().padStart(6)} req/s   p50 ${ms(p.p50)}  p97.5 ${ms(p.p975)}  p99 ${ms(p.p99)}  max ${ms(p.max)}   `
    + `${p.total} requests, errors ${p.errors}, timeouts ${p.timeouts}, non-2xx ${p.non2xx}   `
    + `CPU: server ${p.cores === null ? 'n/a' : `${p.cores.toFixed(2)} cores`}, autocannon ${p.clientCores.toFixed(2)}; server RSS ${mib(p.rssBefore)} -> ${mib(p.rssAfter)}`,
  );
}

/**
 * Start-up of a process that screens, in this process and on the same registry: the index built
 * from the database (the baseline) against read from the file saved beside it.
 */
async function startupFigures(db: string): Promise<void> {
  const repo = await openStore(db);
  try {
    const version = await repo.registryVersion();
    const t0 = performance.now();
    const built = await Screener.load(repo);
    const buildMs = performance.now() - t0;
    const path = indexFilePath(db)!;
    const t1 = performance.now();
    const bytes = writeIndexFile(path, version, built.toSnapshot());
    const writeMs = performance.now() - t1;
    const t2 = performance.now();
    const restored = Screener.fromSnapshot(readIndexFile(path)!.snapshot);
    const readMs = performance.now() - t2;
    const same = ['Lashkar e Taiba', 'Jaish Mohammad', 'Nobody Special Trading'].every((n) => JSON.stringify(restored.screen(n, { asOf: AS_OF })) === JSON.stringify(built.screen(n, { asOf: AS_OF })));
    console.log(`index at start (${built.nameCount} names): built from the database ${buildMs.toFixed(0)} ms (baseline); read from the file saved beside it ${readMs.toFixed(0)} ms `
      + `(${(buildMs / readMs).toFixed(1)}x faster; ${mib(bytes)} on disk, written in ${writeMs.toFixed(0)} ms); the same hits both ways: ${same ? 'yes' : 'NO'}`);
  } finally {
    await repo.close();
  }
}

/** Whether the server built its index at start or read the one saved beside the database. */
async function indexOrigin(server: Server): Promise<string> {
  const health = (await (await fetch(`${server.url}/health`)).json()) as { screener?: { restored?: boolean; lastRebuildMs?: number | null } };
  const ms = health.screener?.lastRebuildMs;
  return `${health.screener?.restored ? 'read from the file saved beside the database' : 'built from the database'}${ms == null ? '' : ` in ${ms} ms`}`;
}

async function screenOnce(server: Server, secret: string, body: string): Promise<{ alert: boolean }> {
  const res = await fetch(`${server.url}/screen`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body });
  if (res.status !== 200) throw new Error(`POST /screen answered ${res.status}: ${await res.text()}`);
  const json = (await res.json()) as { threshold: number; results: { hits: { score: number }[] }[] };
  return { alert: (json.results[0]?.hits[0]?.score ?? 0) >= json.threshold };
}

/** Where a V8 .cpuprofile spent its self time, by function. */
function summariseProfile(dir: string): void {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) {
    console.log('profile: no .cpuprofile was written');
    return;
  }
  interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (const id of profile.samples) {
    const n = byId.get(id);
    if (!n) continue;
    const where = n.callFrame.url ? `${n.callFrame.url.replace(/^file:\/\//, '').replace(ROOT, '')}:${n.callFrame.lineNumber + 1}` : '';
    const key = `${n.callFrame.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const total = profile.samples.length;
  const byFile = new Map<string, number>();
  for (const [key, n] of self) {
    const m = /(node_modules\/(?:@[^/]+\/)?[^/]+|dist\/[^:]+|node:[^:]+)/.exec(key);
    const group = m ? m[1]! : /^\(/.test(key) ? key : 'other';
    byFile.set(group, (byFile.get(group) ?? 0) + n);
  }
  console.log(`\nprofile of the server over the whole run (${total} samples; self time):`);
  for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${((100 * n) / total).toFixed(1).padStart(5)}%  ${key}`);
  console.log('by module:');
  for (const [key, n] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${((100 * n) / total).toFixed(1).padStart(5)}%  ${key}`);
}

async function soak(server: Server, secret: string, bodies: string[], connections: number, seconds: number): Promise<void> {
  const pid = server.child.pid!;
  const samples: { at: number; rss: number }[] = [{ at: 0, rss: treeRss(pid) }];
  const t0 = Date.now();
  console.log(`soak: POST /screen for ${seconds} s on ${connections} connections; server RSS every 10 s`);
  const timer = setInterval(() => {
    const s = { at: Math.round((Date.now() - t0) / 1000), rss: treeRss(pid) };
    samples.push(s);
    console.log(`  ${String(s.at).padStart(4)} s  RSS ${mib(s.rss)}`);
  }, 10_000);
  let phase: Phase;
  try {
    phase = await drive(server, secret, { method: 'POST', path: '/screen', bodies }, connections, seconds, `POST /screen, soak ${seconds} s`);
  } finally {
    clearInterval(timer);
  }
  report(phase);
  // Under load the heap first grows to its working size (the first tens of seconds), so the
  // samples of a warm-up (a minute, or a sixth of a shorter run) are left out; what remains is
  // compared first third against last third.
  const warmup = Math.min(60, seconds / 6);
  const loaded = samples.filter((x) => x.at > warmup);
  if (loaded.length < 3) {
    console.log(`too few RSS samples after the ${warmup.toFixed(0)} s warm-up to judge memory: run --soak 60 or longer`);
  } else {
    const third = Math.floor(loaded.length / 3);
    const mean = (xs: { rss: number }[]) => xs.reduce((a, x) => a + x.rss, 0) / xs.length;
    const first = mean(loaded.slice(0, third));
    const last = mean(loaded.slice(-third));
    const growth = (last - first) / first;
    console.log(`RSS mean after a ${warmup.toFixed(0)} s warm-up, first third ${mib(first)}, last third ${mib(last)}: ${(growth * 100).toFixed(1)}% -> `
      + `memory ${growth < 0.1 ? 'stayed flat (< 10% growth)' : 'GREW (>= 10%)'}`);
  }
  const failures = phase.errors + phase.non2xx;
  console.log(`errors: ${phase.errors} connection errors (${phase.timeouts} timeouts), ${phase.non2xx} non-2xx responses out of ${phase.total}: ${failures === 0 ? 'none' : 'SOME FAILED'}`);
}

/** The normal mode: the baseline, then screening, on the same server, and the target verdict. */
async function measure(server: Server, secret: string, bodies: string[], args: Args): Promise<Phase | null> {
  console.log(`\nload: ${args.connections} connections, ${args.duration} s each, loopback HTTP/1.1 keep-alive, no pipelining`);
  const base = args.only === 'screen' ? null
    : await drive(server, secret, { method: 'GET', path: '/health' }, args.connections, args.duration, 'baseline GET /health');
  if (base) report(base);
  const screen = args.only === 'health' ? null
    : await drive(server, secret, { method: 'POST', path: '/screen', bodies }, args.connections, args.duration, 'POST /screen (one name)');
  if (screen) report(screen);
  if (!base || !screen) {
    console.log(`--only ${String(args.only)}: one load only, no comparison and no target verdict`);
    return screen;
  }
  console.log(`POST /screen vs the GET /health baseline: ${(screen.rps / base.rps).toFixed(2)}x the requests/s, p99 ${ms(screen.p99)} vs ${ms(base.p99)}`);
  const met = screen.rps >= TARGET_RPS && screen.p99 < TARGET_P99_MS && screen.errors + screen.non2xx === 0;
  console.log(`target: >= ${TARGET_RPS} screening requests/s at p99 < ${TARGET_P99_MS} ms with no errors (on ${availableParallelism()} cores): `
    + `${Math.round(screen.rps)} req/s at p99 ${ms(screen.p99)} -> ${met ? 'met' : 'NOT met'}`);
  return screen;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const build = ensureBuild(args.build);
  const dir = mkdtempSync(join(tmpdir(), 'proscribe-bench-load-'));
  let server: Server | null = null;
  try {
    const db = join(dir, 'registry.sqlite');
    const t0 = Date.now();
    const boot = runCli(['--db', db, 'bootstrap']);
    const registry = /registry: .*/.exec(boot)?.[0] ?? 'registry: (no summary printed)';
    console.log(`${registry} (proscribe bootstrap in ${((Date.now() - t0) / 1000).toFixed(1)} s, SQLite ${db})`);
    const { secret } = JSON.parse(runCli(['--db', db, 'keys', 'create', '--role', 'viewer', '--name', 'bench-load', '--format', 'json'])) as { secret: string };
    await startupFigures(db);

    const profileDir = args.profile ? join(dir, 'profile') : null;
    // One process first: the baseline the several-process server is compared with below.
    server = await startServer(db, profileDir, ['--processes', '1']);
    const cores = availableParallelism();
    console.log(`server: ${build}; node ${process.version}, ${server.url}, request log at warn; ${cores} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}) `
      + `shared by the server, autocannon (one thread) and whatever else runs: load average (1 min) ${loadavg()[0]!.toFixed(2)} before the run`);

    const { bodies, listed } = screeningMix();
    const t1 = Date.now();
    await screenOnce(server, secret, bodies[0]!);
    console.log(`first POST /screen (loads the index): ${((Date.now() - t1) / 1000).toFixed(1)} s, index ${await indexOrigin(server)}; server RSS ${mib(treeRss(server.child.pid!))}`);
    let alerts = 0;
    const sample = bodies.slice(0, 500);
    for (const b of sample) if ((await screenOnce(server, secret, b)).alert) alerts++;
    console.log(`mix: ${bodies.length} names (seed 20261128): ${listed} respelled listed names, ${bodies.length - listed} unlisted; `
      + `alerts on ${alerts} of the first ${sample.length} (${((100 * alerts) / sample.length).toFixed(0)}%)`);

    // JIT and connection warm-up, not measured.
    await drive(server, secret, { method: 'POST', path: '/screen', bodies }, args.connections, 3, 'warm-up');

    if (args.soak !== null) await soak(server, secret, bodies, args.connections, args.soak);
    else {
      const single = await measure(server, secret, bodies, args);
      if (single && args.processes > 1) {
        await stopServer(server);
        server = null;
        const t2 = Date.now();
        const several = await startServer(db, null, ['--processes', String(args.processes)]);
        server = several;
        await screenOnce(several, secret, bodies[0]!);
        // Every process loads its own index at start; wait until each has answered.
        for (let i = 0; i < 50 * args.processes; i++) await screenOnce(several, secret, bodies[i % bodies.length]!);
        console.log(`\nserve --processes ${args.processes}: up and every process screening after ${((Date.now() - t2) / 1000).toFixed(1)} s (index ${await indexOrigin(several)}); RSS of all its processes ${mib(treeRss(several.child.pid!))}`);
        await drive(several, secret, { method: 'POST', path: '/screen', bodies }, args.connections, 3, 'warm-up');
        const multi = await drive(several, secret, { method: 'POST', path: '/screen', bodies }, args.connections, args.duration, `POST /screen, ${args.processes} processes`);
        report(multi);
        const ratio = multi.rps / single.rps;
        const met = ratio >= 1.4 && multi.p99 < TARGET_P99_MS && multi.errors + multi.non2xx === 0;
        console.log(`${args.processes} processes vs 1 (same registry, same load): ${ratio.toFixed(2)}x the requests/s, p99 ${ms(multi.p99)} vs ${ms(single.p99)}; `
          + `target (>= 1.4x at p99 < ${TARGET_P99_MS} ms, no errors): ${met ? 'met' : 'NOT met'}`);
      }
    }
    console.log(`load average (1 min) on the machine after the run: ${loadavg()[0]!.toFixed(2)}`);
    await stopServer(server);
    if (profileDir) summariseProfile(profileDir);
  } finally {
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
