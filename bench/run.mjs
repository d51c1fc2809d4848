// Runs the benchmarks one after another, each in its own process so that one's memory and
// connections cannot slow the next, then prints a summary. Exits with 1 when a benchmark
// misses its target or fails to run.
//
// Usage: node bench/run.mjs [widget-size] [invoice-list-latency] [invoice-list-throughput]
// [autopay] (all of them when none is named). `pnpm build` must have run first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from './lib/stats.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

const BENCHMARKS = {
  'widget-size': {
    title: 'duly.js before first paint, gzipped',
    figure: (r) => `${(r.gzipBytes / 1024).toFixed(1)} KB (${r.gzipBytes} B)`,
    target: (r) => `<= ${r.budgetBytes / 1024} KB`,
  },
  'invoice-list-latency': {
    title: 'Invoice list median latency, 1M / 10k invoices',
    figure: (r) => {
      const worst = r.cases.find((row) => row.ratio === r.worstRatio);
      return `worst ratio ${r.worstRatio.toFixed(2)} (${worst.case}: ${worst.big.median.toFixed(2)} / ${worst.small.median.toFixed(2)} ms)`;
    },
    target: (r) => `<= ${r.maxRatio}`,
  },
  'invoice-list-throughput': {
    title: 'Invoice list throughput, API / bare route',
    figure: (r) => `${r.ratio.toFixed(2)} (${r.api.toFixed(0)} / ${r.bare.toFixed(0)} requests/s)`,
    target: (r) => `>= ${r.minRatio}`,
  },
  autopay: {
    title: 'Autopay, invoices due on one day, two runners',
    figure: (r) =>
      `${r.seconds.toFixed(1)} s (${r.invoicesPerSecond.toFixed(0)} invoices/s), ${r.chargedOnce} of ${r.invoices} charged once`,
    target: () => 'each charged exactly once',
  },
};

const requested = process.argv.slice(2);
for (const name of requested) {
  if (!(name in BENCHMARKS)) {
    console.error(
      `Unknown benchmark "${name}"; expected one of ${Object.keys(BENCHMARKS).join(', ')}.`,
    );
    process.exit(2);
  }
}
const names = requested.length > 0 ? requested : Object.keys(BENCHMARKS);

const resultsDir = mkdtempSync(path.join(tmpdir(), 'duly-bench-'));
const rows = [];
let allPassed = true;
const started = performance.now();
try {
  for (const name of names) {
    console.log(`\n=== ${name} ===`);
    const resultFile = path.join(resultsDir, `${name}.json`);
    const benchStarted = performance.now();
    const exitCode = await runScript(path.join(BENCH_DIR, `${name}.mjs`), resultFile);
    const seconds = ((performance.now() - benchStarted) / 1000).toFixed(0);
    const result = readResult(resultFile);
    const spec = BENCHMARKS[name];
    if (result === undefined) {
      allPassed = false;
      rows.push([spec.title, `did not finish (exit code ${exitCode})`, '', 'ERROR', seconds]);
      continue;
    }
    allPassed &&= result.passed;
    rows.push([
      spec.title,
      spec.figure(result),
      spec.target(result),
      result.passed ? 'PASS' : 'FAIL',
      seconds,
    ]);
  }
} finally {
  rmSync(resultsDir, { recursive: true, force: true });
}

const totalSeconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(`\n=== Summary (${totalSeconds} s in all) ===`);
console.log(table(['benchmark', 'figure', 'target', 'verdict', 'seconds'], rows));
process.exitCode = allPassed ? 0 : 1;

function runScript(file, resultFile) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], {
      stdio: 'inherit',
      env: { ...process.env, DULY_BENCH_RESULT_FILE: resultFile },
    });
    child.on('exit', (code) => resolve(code));
  });
}

function readResult(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
