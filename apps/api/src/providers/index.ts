export type {
  ChargeOutcome,
  ChargeRequest,
  PaymentProvider,
  ProviderPaymentMethod,
} from './payment-provider.js';
export { SandboxProvider } from './sandbox-provider.js';
