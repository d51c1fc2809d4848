import type { Payment, PaymentMethod, PortalClient } from '@duly/sdk';
import type { LitElement, TemplateResult } from 'lit';
import type { Localization } from '../i18n/index.js';

/** Name of the slot, and of the light-DOM mount point assigned to it, for provider iframes. */
export const PROVIDER_SLOT = 'duly-provider';

/** Services that a provider adapter gets from the element that shows it. */
export interface ProviderContext {
  /** The element; adapters request updates of it and find their dialogs in its shadow root. */
  readonly host: LitElement;
  readonly portal: PortalClient;
  /** The language in force when called. */
  l10n(): Localization;
  /** `dark` when the element is drawn dark, so provider forms can match. */
  colorScheme(): 'light' | 'dark';
  /** The address to load a provider's script from: the page's replacement, else `official`. */
  scriptUrl(provider: string, official: string): string;
  /**
   * A light-DOM element that a `<slot name="duly-provider">` in the element shows, for
   * iframes that cannot live in a shadow root: Stripe.js v3 throws "Elements cannot be
   * mounted in a ShadowRoot" when mounted inside one.
   */
  mountPoint(): HTMLElement;
}

/** Purpose of a form: a method to pay the amount now, or one saved for later. */
export type MethodPurpose =
  | { mode: 'payment'; amount: number; currency: string }
  | { mode: 'setup' };

/**
 * A form that adds a card or a bank account with one provider: the sandbox's own fields,
 * Stripe's Payment Element, or a button that opens Plaid Link.
 */
export interface MethodForm {
  /** The form's fields, drawn inside the element's shadow root. */
  render(): TemplateResult;
  /**
   * Shows what is wrong with the typed details before anything is sent, and returns whether
   * they can be sent. Forms whose provider checks the details itself have none.
   */
  check?(): boolean;
  /**
   * Turns what the customer entered into a Duly payment method, kept in the saved methods
   * when `save` is true. Returns `undefined` when the form now shows what to fix, or the
   * customer closed the provider's window. Throws `ProviderError` or `DulyError` on failure.
   */
  collect(save: boolean): Promise<PaymentMethod | undefined>;
  /**
   * A text that changes whenever the entered details change, so that a retry after an
   * unknown outcome sends the same payment method and idempotency key only for the same
   * details.
   */
  signature(): string;
  /** Follows a change of the amount being paid. */
  update?(purpose: MethodPurpose): void;
  /** Removes what the form added outside the shadow root and stops its work. */
  destroy(): void;
}

/** Creates the form of one provider for one purpose, with the provider's browser settings. */
export type MethodFormFactory = (
  context: ProviderContext,
  options: Readonly<Record<string, string>>,
  purpose: MethodPurpose,
) => MethodForm;

/**
 * The customer's part of a `requires_action` payment: 3-D Secure on Stripe, the sandbox's
 * stand-in dialog.
 */
export interface NextAction {
  /** The action's dialog when the widget draws one; Stripe draws its own. */
  render(): TemplateResult | undefined;
  /**
   * Runs the action and returns the payment as the API then has it. A payment still in
   * `requires_action` means the customer closed the challenge and can try again.
   */
  run(payment: Payment): Promise<Payment>;
}

/** Creates the handler of one `next_action.type` with the card provider's settings. */
export type NextActionFactory = (
  context: ProviderContext,
  options: Readonly<Record<string, string>>,
) => NextAction;

/**
 * An expected failure of a provider in the browser: its script did not load, or it rejected
 * the details.
 */
export class ProviderError extends Error {
  override name = 'ProviderError';
  /** `script_failed`, `unsupported_provider`, or the provider's own error code. */
  readonly code: string;
  /** The provider's own sentence for the customer, already in their language, when it gave one. */
  readonly customerMessage: string | undefined;

  constructor(code: string, message: string, customerMessage?: string) {
    super(message);
    this.code = code;
    this.customerMessage = customerMessage;
  }
}
