export { FakeStripe, type FakeStripeOptions, type WebhookTarget } from './fake-stripe/index.js';
export { createTestDatabase, type TestDatabase } from './test-database.js';
