export type {
  ChargeOutcome,
  ChargeRequest,
  MandateRecord,
  PaymentProvider,
  ProviderPaymentMethod,
  ProviderPaymentRef,
  RefundOutcome,
  RefundRequest,
} from './payment-provider.js';
export { type AttachBankAccountToken, plaidModule } from './plaid/index.js';
export type { BrowserSetup, ProviderContext, ProviderModule } from './provider-module.js';
export { sandboxModule } from './sandbox/sandbox-module.js';
export { SandboxProvider, sandboxBankOutcome } from './sandbox/sandbox-provider.js';
