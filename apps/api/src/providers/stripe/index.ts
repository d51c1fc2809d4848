export { achReturnCode } from './ach-return-codes.js';
export { fromStripeAmount, stripeExponent, toStripeAmount } from './stripe-amount.js';
export { chargebackStatus, toLedgerChanges } from './stripe-events.js';
export { type StripeModule, stripeModule } from './stripe-module.js';
export { StripeProvider } from './stripe-provider.js';
