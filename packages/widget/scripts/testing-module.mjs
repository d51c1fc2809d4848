// Loads the widget tests' fakes into the screenshot script's fake API, so that both apply one
// copy of the portal API's rules.

import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

/**
 * Loads a TypeScript module of `src/testing` (such as `fake-paying.ts`), so that the fake
 * API applies the widget tests' copy of the API's rules. Vite's module runner does the
 * loading, because Node 20 cannot import TypeScript itself.
 * NOTE: `runnerImport` is marked experimental in Vite 7.3 and may change in a minor release.
 */
export async function importTestingModule(fileName) {
  const file = fileURLToPath(new URL(`../src/testing/${fileName}`, import.meta.url));
  const { module } = await runnerImport(file, { configFile: false, logLevel: 'error' });
  return module;
}
