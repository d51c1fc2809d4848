import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { findChromium, missingChromiumMessage } from './chromium.mjs';
import { repoRoot } from './paths.mjs';
import { run } from './processes.mjs';
import { installAndBuild, pnpm, resolvePnpm } from './workspace.mjs';

/** Every test suite, in the order they run; the browser suites come last. */
const SUITES = [
  { name: 'core', dir: 'packages/core', runner: 'vitest' },
  { name: 'sdk', dir: 'packages/sdk', runner: 'vitest' },
  { name: 'api', dir: 'apps/api', runner: 'vitest' },
  { name: 'widget', dir: 'packages/widget', runner: 'web-test-runner' },
  { name: 'e2e', dir: 'test', runner: 'vitest' },
];

/**
 * Installs and builds, type-checks, lints, then runs every suite in order and stops at the
 * first failure. Resolves with the exit code for the process.
 */
export async function runTests() {
  const chromium = findChromium();
  if (chromium === undefined) {
    console.error(missingChromiumMessage());
    return 1;
  }
  const env = { ...process.env, CHROME_PATH: chromium };
  console.log(`Chromium: ${chromium}`);
  console.log(
    env.DATABASE_URL
      ? `PostgreSQL: DATABASE_URL (${redactPassword(env.DATABASE_URL)})`
      : 'PostgreSQL: embedded, in .duly/test-postgres (DATABASE_URL is not set)',
  );

  const results = [];
  const pnpmCommand = await resolvePnpm();
  const buildStarted = performance.now();
  const buildCode = await installAndBuild(pnpmCommand);
  results.push({ name: 'build', seconds: secondsSince(buildStarted), code: buildCode });
  if (buildCode !== 0) return finish(results, buildCode);

  const checks = [
    { name: 'typecheck', args: ['-r', 'typecheck'] },
    { name: 'biome', args: ['check'] },
  ];
  for (const check of checks) {
    console.log(`\n> pnpm ${check.args.join(' ')}`);
    const started = performance.now();
    const checkCode = await pnpm(pnpmCommand, check.args, { env });
    results.push({ name: check.name, seconds: secondsSince(started), code: checkCode });
    if (checkCode !== 0) return finish(results, checkCode);
  }

  const reportDir = mkdtempSync(path.join(tmpdir(), 'duly-test-'));
  try {
    for (const suite of SUITES) {
      console.log(`\n> ${suite.name}: ${suite.runner} in ${suite.dir}`);
      const started = performance.now();
      const outcome =
        suite.runner === 'vitest'
          ? await runVitest(suite, env, path.join(reportDir, `${suite.name}.json`))
          : await runWebTestRunner(suite, env);
      results.push({ name: suite.name, seconds: secondsSince(started), ...outcome });
      if (outcome.code !== 0) return finish(results, outcome.code);
    }
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
  return finish(results, 0);
}

async function runVitest(suite, env, reportFile) {
  const { code } = await run(
    binary(suite.dir, 'vitest'),
    [
      'run',
      '--passWithNoTests',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
    ],
    { cwd: path.join(repoRoot, suite.dir), env },
  );
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    return { code, passed: report.numPassedTests, failed: report.numFailedTests };
  } catch {
    // Vitest writes no report when it fails before running any test (a bad config).
    return { code: code === 0 ? 1 : code };
  }
}

async function runWebTestRunner(suite, env) {
  const { code, output } = await run(binary(suite.dir, 'web-test-runner'), [], {
    cwd: path.join(repoRoot, suite.dir),
    env,
    capture: true,
  });
  // @web/test-runner has no machine-readable report, so read its last progress line,
  // which ends in "<n> passed, <n> failed".
  const plain = stripVTControlCharacters(output);
  const counts = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  if (counts === undefined) return { code };
  return { code, passed: Number(counts[1]), failed: Number(counts[2]) };
}

function binary(dir, name) {
  return path.join(repoRoot, dir, 'node_modules', '.bin', name);
}

function finish(results, code) {
  console.log('\nSummary');
  for (const result of results) {
    const counts =
      result.passed === undefined ? '' : `${result.passed} passed, ${result.failed} failed`;
    const status = result.code === 0 ? 'ok' : `FAILED (exit code ${result.code})`;
    console.log(
      `  ${result.name.padEnd(10)} ${status.padEnd(24)} ${counts.padEnd(24)} ${result.seconds.toFixed(1)} s`,
    );
  }
  const skipped = SUITES.filter((suite) => !results.some((result) => result.name === suite.name));
  if (skipped.length > 0 && code !== 0) {
    console.log(`  not run: ${skipped.map((suite) => suite.name).join(', ')}`);
  }

  const passed = results.reduce((sum, result) => sum + (result.passed ?? 0), 0);
  const failed = results.reduce((sum, result) => sum + (result.failed ?? 0), 0);
  console.log(`\n${passed} passed, ${failed} failed`);
  return code;
}

function secondsSince(started) {
  return (performance.now() - started) / 1000;
}

function redactPassword(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'not a URL';
  }
}
