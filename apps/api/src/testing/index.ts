// The `@duly/api/testing` entry: test databases and local fakes of outside services.
export * from './fake-plaid/index.js';
export { createTestDatabase, type TestDatabase } from './test-database.js';
