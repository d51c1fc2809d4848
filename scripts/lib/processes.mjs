import { spawn } from 'node:child_process';

/**
 * Runs a command with the terminal attached and resolves with its exit code; a command
 * ended by a signal resolves 1. With `capture`, stdout and stderr are also collected and
 * returned as `output`, while still shown as they come.
 */
export function run(command, args, { cwd, env = process.env, capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: capture ? ['inherit', 'pipe', 'pipe'] : 'inherit',
    });
    const chunks = [];
    if (capture) {
      child.stdout.on('data', (chunk) => {
        chunks.push(chunk);
        process.stdout.write(chunk);
      });
      child.stderr.on('data', (chunk) => {
        chunks.push(chunk);
        process.stderr.write(chunk);
      });
    }
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

/** Runs a command and resolves with its stdout; rejects with its stderr when it fails. */
export function runQuietly(command, args, { cwd, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const output = Buffer.concat(stdout).toString('utf8');
      const errors = Buffer.concat(stderr).toString('utf8');
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${errors}`));
    });
  });
}
