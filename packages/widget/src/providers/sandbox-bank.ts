import { DulyInvalidRequestError, type PaymentMethod, type SandboxBankAccount } from '@duly/sdk';
import { html, type TemplateResult } from 'lit';
import { textField } from '../shared/fields.js';
import type { MethodForm, MethodFormFactory, ProviderContext } from './provider-context.js';

type BankField = 'routing' | 'account';

/** Returns whether a 9-digit ABA routing number passes its checksum (weights 3, 7, 1). */
export function isRoutingNumber(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const weights = [3, 7, 1];
  let sum = 0;
  for (let index = 0; index < 9; index += 1) {
    sum += Number(digits[index]) * (weights[index % 3] as number);
  }
  return sum % 10 === 0;
}

/**
 * The sandbox's bank account form, standing in for Plaid Link: routing number, account
 * number and holder type, sent to `POST /v1/portal/payment_methods/sandbox`. Stripe's test
 * routing number 110000000 with its test account numbers decides what a debit does.
 */
class SandboxBankForm implements MethodForm {
  #context: ProviderContext;
  #routing = '';
  #account = '';
  #holderType: SandboxBankAccount['account_holder_type'] = 'individual';
  #errors: Partial<Record<BankField, string>> = {};

  constructor(context: ProviderContext) {
    this.#context = context;
  }

  signature(): string {
    return [this.#routing, this.#account, this.#holderType].join('|');
  }

  check(): boolean {
    const { messages } = this.#context.l10n();
    this.#errors = {};
    if (!isRoutingNumber(this.#routing)) this.#errors.routing = messages.routingInvalid;
    if (!/^\d{4,17}$/.test(this.#account)) this.#errors.account = messages.accountInvalid;
    this.#context.host.requestUpdate();
    return Object.keys(this.#errors).length === 0;
  }

  async collect(save: boolean): Promise<PaymentMethod | undefined> {
    if (!this.check()) return undefined;
    const account: SandboxBankAccount = {
      routing_number: this.#routing,
      account_number: this.#account,
      account_holder_type: this.#holderType,
    };
    try {
      return await this.#context.portal.createSandboxPaymentMethod({
        us_bank_account: account,
        save,
      });
    } catch (error) {
      if (!(error instanceof DulyInvalidRequestError && error.param?.startsWith('us_bank'))) {
        throw error;
      }
      const { messages } = this.#context.l10n();
      this.#errors = error.param.includes('routing')
        ? { routing: messages.routingInvalid }
        : {
            account:
              error.code === 'bank_account_not_test_account'
                ? messages.bankNotTestAccount
                : messages.accountInvalid,
          };
      this.#context.host.requestUpdate();
      return undefined;
    }
  }

  #onInput(field: BankField, input: HTMLInputElement): void {
    const digits = input.value.replace(/\D/g, '').slice(0, field === 'routing' ? 9 : 17);
    input.value = digits;
    if (field === 'routing') this.#routing = digits;
    else this.#account = digits;
    delete this.#errors[field];
    this.#context.host.requestUpdate();
  }

  render(): TemplateResult {
    const { messages } = this.#context.l10n();
    return html`<div class="method-fields" part="bank-form">
      <p class="hint">${messages.bankTestHint}</p>
      <div class="bank-row">
        ${textField({
          id: 'bank-routing',
          testId: 'bank-routing',
          label: messages.routingNumber,
          placeholder: '110000000',
          value: this.#routing,
          error: this.#errors.routing,
          onInput: (input) => this.#onInput('routing', input),
        })}
        ${textField({
          id: 'bank-account',
          testId: 'bank-account',
          label: messages.accountNumber,
          placeholder: '000123456789',
          value: this.#account,
          error: this.#errors.account,
          onInput: (input) => this.#onInput('account', input),
        })}
      </div>
      <div class="field">
        <label for="bank-holder">${messages.holderType}</label>
        <select
          id="bank-holder"
          data-testid="bank-holder"
          .value=${this.#holderType}
          @change=${(event: Event) => {
            this.#holderType = (event.target as HTMLSelectElement)
              .value as SandboxBankAccount['account_holder_type'];
          }}
        >
          <option value="individual">${messages.holderIndividual}</option>
          <option value="company">${messages.holderCompany}</option>
        </select>
      </div>
    </div>`;
  }

  destroy(): void {}
}

export const sandboxBankForm: MethodFormFactory = (context) => new SandboxBankForm(context);
