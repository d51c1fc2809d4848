// The build excludes every test file, so without this import vitest's types are not in its
// program and the augmentation below fails with "module 'vitest' cannot be found".
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { createTestDatabase } from './test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** Vitest global setup: one fresh database for the run, dropped at the end. */
export default async function setup(project: TestProject) {
  const database = await createTestDatabase();
  project.provide('databaseUrl', database.url);
  return () => database.drop();
}
