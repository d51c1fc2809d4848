import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.mjs';
import { run, runQuietly } from './processes.mjs';

/** The pnpm release the lockfile was written with; pnpm 11 crashes on Node 20. */
const PNPM_VERSION = '10.34.9';

/** Written after a successful install, so a lockfile changed since then triggers another. */
const INSTALL_MARKER = path.join(repoRoot, 'node_modules', '.duly-installed');

/**
 * Returns the command that runs pnpm `PNPM_VERSION`: the `pnpm` on PATH when it is that
 * version, else `npx --yes pnpm@<version>`.
 */
export async function resolvePnpm() {
  try {
    const version = (await runQuietly('pnpm', ['--version'])).trim();
    if (version === PNPM_VERSION) return { command: 'pnpm', prefix: [] };
  } catch {
    // No pnpm on PATH: fall through to npx.
  }
  return { command: 'npx', prefix: ['--yes', `pnpm@${PNPM_VERSION}`] };
}

/** Runs `pnpm <args>` at the root of the checkout; resolves with the exit code. */
export async function pnpm(pnpmCommand, args, options = {}) {
  const { code } = await run(pnpmCommand.command, [...pnpmCommand.prefix, ...args], {
    cwd: repoRoot,
    ...options,
  });
  return code;
}

/**
 * Installs the dependencies when node_modules is missing or older than pnpm-lock.yaml, then
 * builds every package, because packages import each other from their `dist/` folders.
 * Resolves with the first non-zero exit code, or 0.
 */
export async function installAndBuild(pnpmCommand) {
  if (needsInstall()) {
    console.log(`\n> pnpm install --frozen-lockfile`);
    const code = await pnpm(pnpmCommand, ['install', '--frozen-lockfile']);
    if (code !== 0) return code;
    writeFileSync(INSTALL_MARKER, `${new Date().toISOString()}\n`);
  }

  console.log(`\n> pnpm build`);
  return pnpm(pnpmCommand, ['build']);
}

function needsInstall() {
  if (!existsSync(INSTALL_MARKER)) return true;
  const lockfile = path.join(repoRoot, 'pnpm-lock.yaml');
  return statSync(INSTALL_MARKER).mtimeMs < statSync(lockfile).mtimeMs;
}
