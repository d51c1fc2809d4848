import { writeFileSync } from 'node:fs';

/**
 * Hands a benchmark's figures to `bench/run.mjs`, which sets `DULY_BENCH_RESULT_FILE` for
 * each script it starts. A script run on its own only prints.
 */
export function writeResult(result) {
  const file = process.env.DULY_BENCH_RESULT_FILE;
  if (file) writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

/** `PASS` or `FAIL`, as every benchmark prints its verdict. */
export function verdict(passed) {
  return passed ? 'PASS' : 'FAIL';
}
