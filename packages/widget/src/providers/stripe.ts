import type { Payment, PaymentMethod } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { loadProviderScript } from './load-script.js';
import {
  type MethodForm,
  type MethodFormFactory,
  type MethodPurpose,
  type NextAction,
  type NextActionFactory,
  PROVIDER_SLOT,
  type ProviderContext,
  ProviderError,
} from './provider-context.js';

/** Stripe.js is only ever loaded from Stripe's servers; pages replace it only in tests. */
const STRIPE_JS_URL = 'https://js.stripe.com/v3/';

/** The parts of Stripe.js v3 that the widget calls. */
interface StripeJs {
  elements(options: Record<string, unknown>): StripeElements;
  createPaymentMethod(options: {
    elements: StripeElements;
  }): Promise<{ paymentMethod?: { id: string }; error?: StripeJsError }>;
  confirmSetup(options: {
    elements: StripeElements;
    clientSecret: string;
    redirect: 'if_required';
  }): Promise<{ setupIntent?: { id: string }; error?: StripeJsError }>;
  handleNextAction(options: { clientSecret: string }): Promise<{ error?: StripeJsError }>;
}

interface StripeElements {
  create(type: 'payment', options?: Record<string, unknown>): StripePaymentElement;
  submit(): Promise<{ error?: StripeJsError }>;
  update(options: Record<string, unknown>): void;
}

interface StripePaymentElement {
  mount(target: HTMLElement): void;
  destroy(): void;
  on(event: 'change', handler: () => void): void;
}

interface StripeJsError {
  type: string;
  code?: string;
  /** A sentence for the customer, in the Elements' locale. */
  message?: string;
}

type StripeConstructor = (publishableKey: string) => StripeJs;

/** Creates the Stripe.js instance of the vendor's publishable key, loading Stripe.js first. */
async function loadStripe(
  context: ProviderContext,
  options: Readonly<Record<string, string>>,
): Promise<StripeJs> {
  const key = options.publishable_key;
  if (!key) {
    throw new ProviderError(
      'stripe_not_configured',
      'The payment setup has no Stripe publishable_key; set STRIPE_PUBLISHABLE_KEY on the API.',
    );
  }
  const Stripe = await loadProviderScript<StripeConstructor>(
    context.scriptUrl('stripe', STRIPE_JS_URL),
    'Stripe',
  );
  return Stripe(key);
}

function stripeFailure(error: StripeJsError): ProviderError {
  return new ProviderError(error.code ?? error.type, `Stripe.js: ${error.type}`, error.message);
}

/**
 * Stripe's Payment Element in deferred-intent mode, cards only. Paying turns the details
 * into a PaymentMethod (`createPaymentMethod`) that the API records and charges; saving
 * confirms a SetupIntent (`confirmSetup`). The element's iframe lives in this widget's
 * light-DOM mount point, shown through the `duly-provider` slot.
 */
class StripeCardForm implements MethodForm {
  #context: ProviderContext;
  #options: Readonly<Record<string, string>>;
  #purpose: MethodPurpose;
  #ready!: Promise<{ stripe: StripeJs; elements: StripeElements }>;
  #container = document.createElement('div');
  #element?: StripePaymentElement;
  #state: 'loading' | 'ready' | 'failed' = 'loading';
  // Counts changes inside the iframe, which the widget cannot read.
  #edits = 0;
  #destroyed = false;

  constructor(
    context: ProviderContext,
    options: Readonly<Record<string, string>>,
    purpose: MethodPurpose,
  ) {
    this.#context = context;
    this.#options = options;
    this.#purpose = purpose;
    this.#start();
  }

  #start(): void {
    this.#state = 'loading';
    this.#ready = this.#mount();
    this.#ready.catch(() => {
      this.#state = 'failed';
      this.#context.host.requestUpdate();
    });
    this.#context.host.requestUpdate();
  }

  async #mount() {
    const stripe = await loadStripe(this.#context, this.#options);
    const purpose = this.#purpose;
    const elements = stripe.elements({
      ...(purpose.mode === 'payment'
        ? {
            mode: 'payment',
            // NOTE: Duly's ISO 4217 minor units, which are not Stripe's unit for every
            // currency. The API, not this amount, decides what is charged.
            amount: purpose.amount,
            currency: purpose.currency.toLowerCase(),
            paymentMethodCreation: 'manual',
          }
        : { mode: 'setup' }),
      paymentMethodTypes: ['card'],
      locale: this.#context.l10n().locale.split('-')[0],
      appearance: { theme: this.#context.colorScheme() === 'dark' ? 'night' : 'stripe' },
    });
    if (this.#destroyed) throw new ProviderError('destroyed', 'The form was closed.');

    const element = elements.create('payment');
    element.on('change', () => {
      this.#edits += 1;
    });
    this.#context.mountPoint().append(this.#container);
    element.mount(this.#container);
    this.#element = element;
    this.#state = 'ready';
    this.#context.host.requestUpdate();
    return { stripe, elements };
  }

  signature(): string {
    return String(this.#edits);
  }

  update(purpose: MethodPurpose): void {
    this.#purpose = purpose;
    if (this.#state !== 'ready' || purpose.mode !== 'payment' || purpose.amount <= 0) return;
    void this.#ready.then(({ elements }) => elements.update({ amount: purpose.amount }));
  }

  async collect(save: boolean): Promise<PaymentMethod | undefined> {
    const { stripe, elements } = await this.#ready;
    // Stripe.js validates the fields and shows their errors inside the element.
    const submitted = await elements.submit();
    if (submitted.error) {
      if (submitted.error.type === 'validation_error') return undefined;
      throw stripeFailure(submitted.error);
    }

    const { portal } = this.#context;
    if (this.#purpose.mode === 'setup') {
      const intent = await portal.createSetupIntent();
      const confirmed = await stripe.confirmSetup({
        elements,
        clientSecret: intent.client_secret,
        redirect: 'if_required',
      });
      if (confirmed.error || !confirmed.setupIntent) {
        throw stripeFailure(confirmed.error ?? { type: 'setup_intent_missing' });
      }
      return portal.createStripePaymentMethod({ setup_intent: confirmed.setupIntent.id });
    }

    const created = await stripe.createPaymentMethod({ elements });
    if (created.error || !created.paymentMethod) {
      throw stripeFailure(created.error ?? { type: 'payment_method_missing' });
    }
    return portal.createStripePaymentMethod({ payment_method: created.paymentMethod.id, save });
  }

  render(): TemplateResult {
    const { messages } = this.#context.l10n();
    return html`<div class="method-fields" part="card-form" data-provider="stripe">
      ${
        this.#state === 'loading'
          ? html`<p class="hint" role="status">${messages.providerLoading}</p>`
          : nothing
      }
      ${
        this.#state === 'failed'
          ? html`<p class="field-error" role="alert">
              ${messages.providerFailed}
              <button class="link-button" type="button" @click=${() => this.#start()}>
                ${messages.retry}
              </button>
            </p>`
          : nothing
      }
      <slot name=${PROVIDER_SLOT}></slot>
    </div>`;
  }

  destroy(): void {
    this.#destroyed = true;
    this.#element?.destroy();
    this.#container.remove();
  }
}

/**
 * Stripe's 3-D Secure: `handleNextAction` shows the bank's page in Stripe's own modal, then
 * the API is asked for the outcome (`refresh`), because the ledger follows Stripe's records,
 * never the browser's report. A closed modal leaves the payment in `requires_action`.
 */
class StripeNextAction implements NextAction {
  #context: ProviderContext;
  #options: Readonly<Record<string, string>>;

  constructor(context: ProviderContext, options: Readonly<Record<string, string>>) {
    this.#context = context;
    this.#options = options;
  }

  async run(payment: Payment): Promise<Payment> {
    const clientSecret = payment.next_action?.client_secret;
    if (!clientSecret) return payment;
    const stripe = await loadStripe(this.#context, this.#options);
    // An error here (a failed or abandoned challenge) is recorded by Stripe on the
    // PaymentIntent, so the refresh below reports it.
    await stripe.handleNextAction({ clientSecret });
    return this.#context.portal.refreshPayment(payment.id);
  }

  render(): undefined {
    return undefined;
  }
}

export const stripeCardForm: MethodFormFactory = (context, options, purpose) =>
  new StripeCardForm(context, options, purpose);

export const stripeNextAction: NextActionFactory = (context, options) =>
  new StripeNextAction(context, options);
