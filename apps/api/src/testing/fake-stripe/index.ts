export type { DisputeStatus } from './disputes.js';
export { FakeStripe, type FakeStripeOptions, type RecordedRequest } from './fake-stripe.js';
export type { FormParams } from './form-params.js';
export type { StripeObject } from './store.js';
export type { BankOutcome } from './test-instruments.js';
export type { DeliveryOptions, WebhookTarget } from './webhook-delivery.js';
