// The `@duly/api/testing` entry: test databases and local fakes of outside services.
export * from './fake-plaid/index.js';
export { FakeStripe, type FakeStripeOptions, type WebhookTarget } from './fake-stripe/index.js';
export { createTestDatabase, type TestDatabase } from './test-database.js';
