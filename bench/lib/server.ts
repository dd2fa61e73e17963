/** The built server as a child process, for the HTTP benchmarks (bench:load, bench:stall). */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

/** `auto`: rebuild dist/ when a file in src/ is newer; `always`; `never`. */
export type BuildMode = 'auto' | 'always' | 'never';

function newestFile(dir: string): { path: string; mtime: number } {
  let best = { path: dir, mtime: 0 };
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    const mtime = statSync(path).mtimeMs;
    if (mtime > best.mtime) best = { path, mtime };
  }
  return best;
}

/** Make sure dist/ holds the server to measure, and say which build it is. */
export function ensureBuild(mode: BuildMode): string {
  const newest = newestFile(join(ROOT, 'src'));
  const stale = !existsSync(CLI) || statSync(CLI).mtimeMs < newest.mtime;
  if (mode === 'never' || (mode === 'auto' && !stale)) {
    if (!existsSync(CLI)) throw new Error(`${relative(ROOT, CLI)} does not exist: run npm run build (or drop --no-build)`);
    const when = new Date(statSync(CLI).mtimeMs).toISOString();
    return stale
      ? `existing build in dist/ of ${when} (--no-build; OLDER than ${relative(ROOT, newest.path)}: the figures may not be of the current code)`
      : `existing build in dist/ of ${when} (newer than every file in src/)`;
  }
  process.stdout.write(`building: npm run build (${mode === 'always' ? '--build' : `dist/ is ${existsSync(CLI) ? `older than ${relative(ROOT, newest.path)}` : 'missing'}`})\n`);
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${String(r.status)}): fix the build or run with --no-build`);
  return 'dist/ built now by npm run build';
}

export function runCli(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PROSCRIBE_DB: '' } });
  if (r.status !== 0) throw new Error(`proscribe ${args.join(' ')} failed (exit ${String(r.status)}): ${r.stderr}`);
  return r.stdout;
}

export interface Server {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

export async function startServer(db: string, profileDir: string | null, extra: string[] = []): Promise<Server> {
  const node = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child = spawn(process.execPath, [...node, CLI, '--db', db, 'serve', '--port', '0', '--log-level', 'warn', ...extra], {
    cwd: ROOT, env: { ...process.env, PROSCRIBE_DB: '' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`serve exited with ${String(code)} before listening: ${err}`);
  });
  const listening = (async () => {
    for await (const line of createInterface({ input: child.stdout! })) {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) return m[1]!;
    }
    throw new Error(`serve closed its output before listening: ${err}`);
  })();
  const url = await Promise.race([listening, exited]);
  exited.catch(() => {});
  return { child, url, stderr: () => err };
}

export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exit = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  const [code] = await exit;
  if (code !== 0) process.stderr.write(`warning: serve exited with ${String(code)}: ${server.stderr()}\n`);
}

/** The server's resident memory, from /proc (Linux), else `ps`. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux: fall through
  }
  const r = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  return Number(r.stdout.trim()) * 1024;
}

/** The process and its descendants (a `serve --processes N` primary and its servers), from /proc. */
export function processTree(pid: number): number[] {
  const out = [pid];
  try {
    const parents = new Map<number, number[]>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const list = parents.get(ppid) ?? [];
        list.push(Number(entry));
        parents.set(ppid, list);
      } catch {
        // the process ended while being read
      }
    }
    for (let i = 0; i < out.length; i++) out.push(...(parents.get(out[i]!) ?? []));
  } catch {
    // not Linux: the process alone
  }
  return out;
}

/** Resident memory of the process and its descendants. */
export function treeRss(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + rssOf(p), 0);
}

