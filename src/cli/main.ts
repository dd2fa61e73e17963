#!/usr/bin/env node
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  isTty: Boolean(process.stdout.isTTY && process.stderr.isTTY),
});
process.exitCode = code;
