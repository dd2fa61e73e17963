import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { cli } from '../support/cli.js';

/** The web UI is tested in Debian's chromium driven by playwright-core, against `proscribe serve`. */
export const CHROMIUM = '/usr/bin/chromium';
const required = process.env.PROSCRIBE_REQUIRE_BROWSER === '1';
export const skipBrowser: string | false = existsSync(CHROMIUM) ? false : required ? false : `${CHROMIUM} is not installed (scripts/install-chromium.sh installs it)`;
export const ARTIFACTS = join('test-artifacts', 'ui');
export const SEED = '../shared/examples/seed-article.txt';

export interface Server {
  url: string;
  proc: ChildProcess;
}

/** Build the UI once if no build is there, and make the screenshot folder. */
export function prepareUi(): void {
  if (!existsSync('dist/ui/index.html')) execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  mkdirSync(ARTIFACTS, { recursive: true });
}

export async function startServer(db: string, extra: string[] = []): Promise<Server> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, 'serve', '--port', '0', '--processes', '1', '--log-level', 'warn', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PROSCRIBE_DB: '' },
  });
  let out = '';
  let err = '';
  proc.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out} ${err}`)), 30_000);
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+?:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited ${code}: ${out} ${err}`)));
  });
  return { url, proc };
}

export async function createKey(db: string, role: string, name: string): Promise<string> {
  const r = await cli(['--db', db, 'keys', 'create', '--role', role, '--name', name, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { secret: string }).secret;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Store the API key the page sends, as the "Set API key" box does. */
export async function useKey(page: Page, server: Server, secret: string): Promise<void> {
  await page.goto(`${server.url}/`);
  // A string, not a function: this file is typed for Node, the expression runs in the page.
  await page.evaluate(`localStorage.setItem('proscribe.apiKey', ${JSON.stringify(secret)})`);
}

/** A CLI command on the test database that must succeed. */
export async function ok(db: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const r = await cli(['--db', db, ...args]);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r;
}
