import { DulyInvalidRequestError, type PaymentMethod } from '@duly/sdk';
import { html, type TemplateResult } from 'lit';
import {
  type CardFields,
  checkCard,
  formatCardNumber,
  formatExpiry,
  parseExpiry,
} from '../pay/card-fields.js';
import { textField } from '../shared/fields.js';
import type { MethodForm, MethodFormFactory, ProviderContext } from './provider-context.js';

/**
 * The sandbox's card form: the widget's own fields, checked as typed, sent to
 * `POST /v1/portal/payment_methods/sandbox`. Only the sandbox's test cards are accepted.
 */
class SandboxCardForm implements MethodForm {
  #context: ProviderContext;
  #fields: CardFields = { number: '', expiry: '', cvc: '' };
  #errors: Partial<Record<keyof CardFields, string>> = {};

  constructor(context: ProviderContext) {
    this.#context = context;
  }

  signature(): string {
    return JSON.stringify(this.#fields);
  }

  /** Shows what is wrong with the typed card; returns whether it can be sent. */
  check(): boolean {
    const { messages } = this.#context.l10n();
    const problems = checkCard(this.#fields, new Date());
    this.#errors = {};
    for (const [field, problem] of Object.entries(problems)) {
      this.#errors[field as keyof CardFields] = messages[problem];
    }
    this.#context.host.requestUpdate();
    return Object.keys(problems).length === 0;
  }

  async collect(save: boolean): Promise<PaymentMethod | undefined> {
    const expiry = parseExpiry(this.#fields.expiry);
    if (!this.check() || !expiry) return undefined;

    const card = {
      number: this.#fields.number.replace(/\s/g, ''),
      exp_month: expiry.month,
      exp_year: expiry.year,
      cvc: this.#fields.cvc.trim(),
    };
    try {
      return await this.#context.portal.createSandboxPaymentMethod({ card, save });
    } catch (error) {
      if (!(error instanceof DulyInvalidRequestError && error.param?.startsWith('card'))) {
        throw error;
      }
      this.#errors = this.#apiFieldError(error);
      this.#context.host.requestUpdate();
      return undefined;
    }
  }

  #apiFieldError(error: DulyInvalidRequestError): Partial<Record<keyof CardFields, string>> {
    const { messages } = this.#context.l10n();
    if (error.code === 'card_not_test_card') return { number: messages.cardNotTestCard };
    if (error.param?.includes('exp')) return { expiry: messages.expiryInvalid };
    if (error.param?.includes('cvc')) return { cvc: messages.cvcInvalid };
    return { number: messages.cardNumberInvalid };
  }

  #onInput(field: keyof CardFields, input: HTMLInputElement): void {
    let value = input.value;
    if (field === 'number') value = formatCardNumber(value);
    if (field === 'expiry') value = formatExpiry(value);
    if (field === 'cvc') value = value.replace(/\D/g, '').slice(0, 4);
    input.value = value;
    this.#fields = { ...this.#fields, [field]: value };
    delete this.#errors[field];
    this.#context.host.requestUpdate();
  }

  render(): TemplateResult {
    const { messages } = this.#context.l10n();
    const field = (
      name: keyof CardFields,
      label: string,
      autocomplete: string,
      placeholder: string,
    ) =>
      textField({
        id: `card-${name}`,
        testId: `card-${name}`,
        label,
        autocomplete,
        placeholder,
        value: this.#fields[name],
        error: this.#errors[name],
        onInput: (input) => this.#onInput(name, input),
      });

    return html`<div class="method-fields" part="card-form">
      <p class="hint">${messages.testModeHint}</p>
      ${field('number', messages.cardNumber, 'cc-number', '1234 1234 1234 1234')}
      <div class="card-row">
        ${field('expiry', messages.expiry, 'cc-exp', messages.expiryPlaceholder)}
        ${field('cvc', messages.cvc, 'cc-csc', '123')}
      </div>
    </div>`;
  }

  destroy(): void {}
}

export const sandboxCardForm: MethodFormFactory = (context) => new SandboxCardForm(context);
