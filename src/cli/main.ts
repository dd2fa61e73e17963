#!/usr/bin/env node
import { runCli } from './program.js';

// A reader that stops early (`proscribe export ftm | head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  isTty: Boolean(process.stdout.isTTY && process.stderr.isTTY),
});
process.exitCode = code;
