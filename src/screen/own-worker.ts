import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread on one of our own modules, given by its name beside `from` (an
 * `import.meta.url`). From TypeScript sources (tests, `npm run proscribe`) the worker registers
 * tsx before importing it; from the build it imports the JavaScript directly.
 */
export function startOwnWorker(from: string, name: string, workerData: unknown): Worker {
  const extension = extname(fileURLToPath(from));
  const url = new URL(`./${name}${extension}`, from);
  if (extension !== '.ts') return new Worker(url, { workerData });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
