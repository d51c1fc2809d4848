import type { PaymentNextAction, PaymentSetup } from '@duly/sdk';
import { plaidBankForm } from './plaid.js';
import {
  type MethodForm,
  type MethodFormFactory,
  type MethodPurpose,
  type NextAction,
  type NextActionFactory,
  type ProviderContext,
  ProviderError,
} from './provider-context.js';
import { sandboxBankForm } from './sandbox-bank.js';
import { sandboxCardForm } from './sandbox-card.js';
import { sandboxChallenge } from './sandbox-challenge.js';
import { stripeCardForm, stripeNextAction } from './stripe.js';

// A new processor is one module with its factories, listed here under the provider name
// that `GET /v1/portal/payment_setup` returns.
const CARD_FORMS: Readonly<Record<string, MethodFormFactory>> = {
  sandbox: sandboxCardForm,
  stripe: stripeCardForm,
};
const BANK_FORMS: Readonly<Record<string, MethodFormFactory>> = {
  sandbox: sandboxBankForm,
  plaid: plaidBankForm,
};
const NEXT_ACTIONS: Readonly<Record<PaymentNextAction['type'], NextActionFactory>> = {
  sandbox_challenge: sandboxChallenge,
  stripe_sdk: stripeNextAction,
};

/** The kinds of payment method a customer can add. */
export type MethodKind = 'card' | 'us_bank_account';

/**
 * Creates the form that adds a `kind` of method with the provider the payment setup names.
 * Throws `ProviderError` `unsupported_provider` for a provider this widget has no form of.
 */
export function createMethodForm(
  kind: MethodKind,
  setup: PaymentSetup,
  context: ProviderContext,
  purpose: MethodPurpose,
): MethodForm {
  const browserSetup = kind === 'card' ? setup.card : setup.bank;
  const factory =
    browserSetup && (kind === 'card' ? CARD_FORMS : BANK_FORMS)[browserSetup.provider];
  if (!browserSetup || !factory) {
    throw new ProviderError(
      'unsupported_provider',
      `This widget has no ${kind} form for provider "${browserSetup?.provider ?? 'none'}".`,
    );
  }
  return factory(context, browserSetup.options, purpose);
}

/** Creates the handler of a payment's `next_action`, with the card provider's settings. */
export function createNextAction(
  action: PaymentNextAction,
  setup: PaymentSetup,
  context: ProviderContext,
): NextAction {
  const factory = NEXT_ACTIONS[action.type];
  if (!factory) {
    throw new ProviderError(
      'unsupported_provider',
      `This widget cannot handle next action "${action.type}".`,
    );
  }
  return factory(context, setup.card.options);
}
