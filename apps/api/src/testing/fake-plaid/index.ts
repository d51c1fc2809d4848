export {
  FakePlaid,
  type FakePlaidOptions,
  type ScriptedFailure,
  type SignedWebhook,
  type SignWebhookOptions,
  startFakePlaid,
} from './fake-plaid-server.js';
export type { PlaidErrorBody } from './plaid-error.js';
export type {
  FakeAccount,
  FakeBankAccountToken,
  FakeItem,
  LinkSuccess,
} from './plaid-sandbox.js';
export { SANDBOX_ACCOUNTS, SANDBOX_INSTITUTIONS } from './sandbox-data.js';
export type { WebhookVerificationKey } from './webhook-signer.js';
