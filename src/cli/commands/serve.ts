import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { hasActiveKeys } from '../../api/keys.js';
import { isLoopbackHost } from '../../api/loopback.js';
import { buildApi, DEFAULT_LIMITS } from '../../api/server.js';
import { DATA_DIR } from '../../paths.js';
import { openStore, resolveDbLocation } from '../../store/open.js';
import type { CliIo } from '../io.js';
import { writeLine } from '../io.js';
import { decider } from './decider.js';
import { clusterPeers, isClusterWorker, leaveCluster, runCluster } from './serve-cluster.js';

interface ServeOptions {
  port: string;
  host: string;
  importDir?: string;
  jobDir?: string;
  uploadLimit: string;
  documentLimit: string;
  jsonLimit: string;
  workers?: string;
  logLevel: string;
  indexRebuild: string;
  indexCatchUp: string;
  jobStaleAfter: string;
  schedule: boolean;
  processes?: string;
  user?: string;
  db?: string;
}

const MB = 1024 * 1024;

function positive(raw: string, field: string, integer = true): number {
  const n = Number(raw);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new InputError(`"${raw}" is not a positive ${integer ? 'whole ' : ''}number`, { field });
  return n;
}

function directory(path: string, field: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new InputError(`"${path}" is not a directory`, { field });
  return path;
}

/** Resolves when the process is asked to stop (Ctrl-C, a service manager's SIGTERM). */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the HTTP API (OpenAPI at /openapi.json; the web UI under /ui/ when built). Open without keys on loopback only; any other address needs `proscribe keys create` first')
    .option('--port <n>', 'TCP port (0: any free port)', '8080')
    .option('--host <address>', 'address to bind; not loopback (e.g. 0.0.0.0) requires API keys', '127.0.0.1')
    .option('--import-dir <dir>', 'folder POST /imports may read list files from (default: the bundled data/ folder)')
    .option('--job-dir <dir>', 'where a batch job\'s files are kept while it uploads and runs (default: a new temporary folder); jobs, inputs and results are kept in the database')
    .option('--job-stale-after <ms>', 'a running job whose server has saved no progress for this long is taken over by another server on the database', '30000')
    .option('--no-schedule', 'do not queue the sources\' and feeds\' scheduled updates and polls (another server does)')
    .option('--upload-limit <MB>', 'largest batch screening upload, in MB', String(DEFAULT_LIMITS.uploadBytes / MB))
    .option('--document-limit <MB>', 'largest POST /documents body, in MB', String(DEFAULT_LIMITS.documentBytes / MB))
    .option('--json-limit <MB>', 'largest other JSON body, in MB', String(DEFAULT_LIMITS.jsonBytes / MB))
    .option('--workers <n>', 'worker threads per batch job (default: one per core)')
    .option('--log-level <level>', 'request log on stderr: fatal, error, warn, info, debug or silent', 'info')
    .option('--processes <n>', 'server processes sharing the port and the database, each with its own screening index (default: one per core)')
    .option('--index-rebuild <mode>', 'after a registry change: background (a worker thread builds the new screening index while screening goes on with the old one) or inline (the next screening request rebuilds it and waits)', 'background')
    .option('--index-catch-up <on|off>', 'on: a change puts only the entities it touched into an overlay beside the screening index (read from the change log), and a full build runs only once many changed; off: every change builds the index whole', 'on')
    .option('--user <name>', 'who decides on an open server (no keys yet): recorded on every decision made through it (default: $PROSCRIBE_USER, else the login name)')
    .action(async (_o: ServeOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ServeOptions>();
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`"${opts.port}" is not a TCP port`, { field: 'port' });
      if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(opts.logLevel)) {
        throw new InputError(`unknown log level "${opts.logLevel}"`, { field: 'log-level' });
      }
      const limits = {
        uploadBytes: Math.round(positive(opts.uploadLimit, 'upload-limit', false) * MB),
        documentBytes: Math.round(positive(opts.documentLimit, 'document-limit', false) * MB),
        jsonBytes: Math.round(positive(opts.jsonLimit, 'json-limit', false) * MB),
      };
      const workers = opts.workers === undefined ? undefined : positive(opts.workers, 'workers');
      const importDir = directory(opts.importDir ?? DATA_DIR, 'import-dir');
      const jobDir = opts.jobDir === undefined ? undefined : directory(opts.jobDir, 'job-dir');
      const requireKeys = !isLoopbackHost(opts.host);
      if (!['on', 'off'].includes(opts.indexCatchUp)) throw new InputError(`--index-catch-up takes on or off, not "${opts.indexCatchUp}"`, { field: 'index-catch-up' });
      if (!['background', 'inline'].includes(opts.indexRebuild)) throw new InputError(`unknown index rebuild mode "${opts.indexRebuild}": background or inline`, { field: 'index-rebuild' });

      const processes = opts.processes === undefined ? availableParallelism() : positive(opts.processes, 'processes');
      const repo = await openStore(resolveDbLocation(opts.db, io.env));
      let closed = false;
      try {
        if (requireKeys && !(await hasActiveKeys(repo))) {
          throw new InputError(
            `refusing to listen on ${opts.host}: it is reachable from other machines and ${repo.location} has no API key. `
            + 'Create one first (`proscribe keys create --role admin --name NAME`), or bind to 127.0.0.1',
            { field: 'host' },
          );
        }
        if (processes > 1 && !isClusterWorker()) {
          const mode = requireKeys || (await hasActiveKeys(repo)) ? 'API keys required' : 'open (loopback, no API keys yet)';
          const location = repo.location;
          // The primary serves nothing: its servers open the database themselves.
          await repo.close();
          closed = true;
          const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
          process.exitCode = await runCluster({
            processes, jobDir, host: opts.host,
            banner: (p) => `proscribe API listening on http://${shownHost}:${p} (database ${location}; ${mode}; ${processes} processes; OpenAPI at /openapi.json)`,
          }, io);
          return;
        }
        const app = await buildApi({
          repo, requireKeys, importDir, jobDir, limits, workers, openActorName: decider(opts.user, io),
          // A worker thread opens the database by its location; SQLite in memory has none to share.
          screenerRebuild: opts.indexRebuild === 'background' && repo.location !== ':memory:' ? 'background' : 'inline',
          screenerCatchUp: opts.indexCatchUp === 'on',
          jobStaleMs: positive(opts.jobStaleAfter, 'job-stale-after'),
          ...(opts.schedule ? { scheduleEveryMs: 30_000 } : {}),
          ...(isClusterWorker() ? { peers: clusterPeers()! } : {}),
          logger: opts.logLevel === 'silent' ? false : { level: opts.logLevel, stream: io.stderr },
        });
        const stopped = stopSignal();
        try {
          await app.listen({ port, host: opts.host });
        } catch (error) {
          const e = error as NodeJS.ErrnoException;
          if (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL') {
            throw new InputError(`cannot listen on ${opts.host}:${port}: ${e.code}`, { field: e.code === 'EADDRNOTAVAIL' ? 'host' : 'port' });
          }
          throw error;
        }
        const address = app.server.address();
        const actualPort = typeof address === 'object' && address ? address.port : port;
        const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
        const mode = requireKeys || (await hasActiveKeys(repo)) ? 'API keys required' : 'open (loopback, no API keys yet)';
        // One of several servers: the process that started them says where they listen.
        if (!isClusterWorker()) writeLine(io, `proscribe API listening on http://${shownHost}:${actualPort} (database ${repo.location}; ${mode}; OpenAPI at /openapi.json)`);
        const signal = await stopped;
        io.stderr.write(`${signal}: stopping (waiting for running batch jobs)\n`);
        await app.close();
      } finally {
        if (!closed) await repo.close();
        leaveCluster();
      }
    });
}
