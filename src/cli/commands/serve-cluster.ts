import cluster, { type Worker } from 'node:cluster';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangePeers } from '../../api/screener-cache.js';
import type { CliIo } from '../io.js';
import { writeLine } from '../io.js';

export interface ClusterPlan {
  processes: number;
  /** The folder every process keeps batch jobs in (a poll may reach any of them); made here when not given. */
  jobDir: string | undefined;
  host: string;
  /** What the primary prints once every process listens: the address is filled in. */
  banner: (port: number) => string;
}

/**
 * `serve --processes N`: this process forks N servers that share one port (node:cluster hands
 * each connection to one of them), each with its own screening index, all on one database and
 * one job folder. It prints one line once all listen, replaces a server that dies, and stops
 * them all on SIGINT/SIGTERM. Resolves with the exit code.
 */
export async function runCluster(plan: ClusterPlan, io: CliIo): Promise<number> {
  const ownJobDir = plan.jobDir === undefined;
  const jobDir = plan.jobDir ?? (await mkdtemp(join(tmpdir(), 'proscribe-jobs-')));
  // Each server runs this same command as one process, in the shared job folder.
  cluster.setupPrimary({ args: [...process.argv.slice(2), '--processes', '1', '--job-dir', jobDir], silent: false });
  const env = { PROSCRIBE_CLUSTER_WORKER: '1' };
  let stopping = false;
  let listening = 0;
  let announced = false;
  return new Promise<number>((resolve) => {
    const finish = async (code: number) => {
      if (ownJobDir) await rm(jobDir, { recursive: true, force: true });
      resolve(code);
    };
    const stopAll = (code: number) => {
      if (stopping) return;
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      if (workers.length === 0) {
        void finish(code);
        return;
      }
      let left = workers.length;
      for (const w of workers) {
        w.once('exit', () => {
          if (--left === 0) void finish(code);
        });
        w.process.kill('SIGTERM');
      }
    };
    const onSignal = (signal: string) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      io.stderr.write(`${signal}: stopping ${plan.processes} server processes (each waits for its running batch jobs)\n`);
      stopAll(0);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // A change made through one server: every other one rebuilds, then the one that made it hears so.
    let nextChange = 0;
    cluster.on('message', (from: Worker, message: unknown) => {
      if (!isMessage(message) || message.type !== 'changed') return;
      const others = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && w !== from && !w.isDead() && w.isConnected());
      const id = `${from.id}:${++nextChange}`;
      let left = others.length;
      const done = () => {
        if (--left <= 0 && from.isConnected()) from.send({ type: 'peers-rebuilt', ref: message.ref });
      };
      if (left === 0) {
        left = 1;
        done();
        return;
      }
      for (const w of others) {
        const onReply = (reply: unknown) => {
          if (!isMessage(reply) || reply.type !== 'rebuilt' || reply.ref !== id) return;
          w.off('message', onReply);
          w.off('exit', onExit);
          done();
        };
        const onExit = () => {
          w.off('message', onReply);
          done();
        };
        w.on('message', onReply);
        w.once('exit', onExit);
        w.send({ type: 'rebuild', ref: id });
      }
    });
    cluster.on('listening', (_worker, address) => {
      if (++listening === plan.processes && !announced) {
        announced = true;
        writeLine(io, plan.banner(address.port));
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      if (!announced) {
        // A server that cannot start (bad option, port taken, database closed) stops them all, with its code.
        stopAll(code ?? 1);
        return;
      }
      io.stderr.write(`server process ${worker.process.pid ?? '?'} stopped (${signal ?? `exit code ${String(code)}`}); starting another\n`);
      cluster.fork(env);
    });
    for (let i = 0; i < plan.processes; i++) cluster.fork(env);
  });
}

/** This process is one of the servers a `serve --processes N` started. */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** A server of a cluster that has stopped lets go of its channel to the primary, or it would never exit. */
export function leaveCluster(): void {
  if (cluster.isWorker) cluster.worker?.disconnect();
}

interface PeerMessage {
  type: 'changed' | 'rebuild' | 'rebuilt' | 'peers-rebuilt';
  ref: string;
}

function isMessage(value: unknown): value is PeerMessage {
  return !!value && typeof value === 'object' && typeof (value as PeerMessage).type === 'string' && typeof (value as PeerMessage).ref === 'string';
}

/** In a server of a cluster: its link to the others, through the primary. Undefined in a lone server. */
export function clusterPeers(): ChangePeers | undefined {
  if (!cluster.isWorker) return undefined;
  const waiting = new Map<string, () => void>();
  let next = 0;
  let rebuild: (() => Promise<void>) | null = null;
  process.on('message', (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'peers-rebuilt') {
      waiting.get(message.ref)?.();
      waiting.delete(message.ref);
    } else if (message.type === 'rebuild') {
      const reply = () => process.send?.({ type: 'rebuilt', ref: message.ref });
      (rebuild ? rebuild() : Promise.resolve()).then(reply, reply);
    }
  });
  return {
    changed: () => new Promise<void>((resolve) => {
      const ref = String(++next);
      // A primary that never answers (it is stopping) holds no writer back for long.
      const timer = setTimeout(() => {
        waiting.delete(ref);
        resolve();
      }, PEER_TIMEOUT_MS);
      waiting.set(ref, () => {
        clearTimeout(timer);
        resolve();
      });
      process.send?.({ type: 'changed', ref });
    }),
    onChange: (handler) => {
      rebuild = handler;
    },
  };
}

/** The longest a writer waits for the other processes to rebuild. */
const PEER_TIMEOUT_MS = 30_000;
