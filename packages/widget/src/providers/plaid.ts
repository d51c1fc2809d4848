import type { PaymentMethod } from '@duly/sdk';
import { html, type TemplateResult } from 'lit';
import { loadProviderScript } from './load-script.js';
import {
  type MethodForm,
  type MethodFormFactory,
  type ProviderContext,
  ProviderError,
} from './provider-context.js';

/** Plaid Link is only ever loaded from Plaid's servers; pages replace it only in tests. */
const PLAID_LINK_URL = 'https://cdn.plaid.com/link/v2/stable/link-initialize.js';

/** The parts of Plaid Link's web SDK that the widget calls. */
interface PlaidLink {
  create(options: {
    token: string;
    onSuccess(publicToken: string, metadata: PlaidSuccessMetadata): void;
    onExit(error: PlaidLinkError | null): void;
  }): { open(): void; destroy?(): void };
}

interface PlaidSuccessMetadata {
  accounts?: Array<{ id: string }>;
  /** Older Link versions name the one chosen account here. */
  account_id?: string | null;
}

interface PlaidLinkError {
  error_code: string;
  display_message?: string | null;
}

type LinkOutcome = { publicToken: string; accountId: string } | undefined;

/**
 * Bank accounts through Plaid Link: paying opens Link with a link token from the API, and
 * `onSuccess` hands the public token and the chosen account to
 * `POST /v1/portal/payment_methods/plaid`. The form itself only explains what happens next,
 * because Link draws its own window.
 */
class PlaidBankForm implements MethodForm {
  #context: ProviderContext;
  #attempts = 0;

  constructor(context: ProviderContext) {
    this.#context = context;
  }

  signature(): string {
    // Each opening of Link links an account anew.
    return String(this.#attempts);
  }

  async collect(save: boolean): Promise<PaymentMethod | undefined> {
    this.#attempts += 1;
    const { portal } = this.#context;
    const [Plaid, token] = await Promise.all([
      loadProviderScript<PlaidLink>(this.#context.scriptUrl('plaid', PLAID_LINK_URL), 'Plaid'),
      portal.createPlaidLinkToken(),
    ]);

    const outcome = await new Promise<LinkOutcome>((resolve, reject) => {
      const handler = Plaid.create({
        token: token.link_token,
        onSuccess: (publicToken, metadata) => {
          handler.destroy?.();
          const accountId = metadata.accounts?.[0]?.id ?? metadata.account_id;
          if (accountId) resolve({ publicToken, accountId });
          else reject(new ProviderError('plaid_no_account', 'Plaid Link returned no account.'));
        },
        onExit: (error) => {
          handler.destroy?.();
          if (!error) resolve(undefined);
          else {
            reject(
              new ProviderError(
                error.error_code,
                `Plaid Link: ${error.error_code}`,
                error.display_message ?? undefined,
              ),
            );
          }
        },
      });
      handler.open();
    });
    if (!outcome) return undefined;

    return portal.createPlaidPaymentMethod({
      public_token: outcome.publicToken,
      account_id: outcome.accountId,
      save,
    });
  }

  render(): TemplateResult {
    return html`<div class="method-fields" part="bank-form" data-provider="plaid">
      <p class="hint">${this.#context.l10n().messages.plaidHint}</p>
    </div>`;
  }

  destroy(): void {}
}

export const plaidBankForm: MethodFormFactory = (context) => new PlaidBankForm(context);
