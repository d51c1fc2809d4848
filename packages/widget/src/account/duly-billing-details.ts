import type { BillingDetails, UpdateBillingDetailsRequest } from '@duly/sdk';
import { DulyInvalidRequestError } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { partMessages } from '../i18n/index.js';
import { DulyElement } from '../shared/duly-element.js';
import { fieldError, formSkeleton, submitAlert } from '../shared/fields.js';
import { checkIcon } from '../shared/icons.js';
import { errorMessage, errorState } from '../shared/states.js';
import { base, forms, tokens } from '../shared/styles.js';
import { type BillingMessages, billingMessages } from './billing-details.messages.js';
import { countryOptions } from './countries.js';
import { accountStyles } from './duly-account.styles.js';

/** The fields of the form, as typed. */
interface BillingForm {
  contactName: string;
  email: string;
  phone: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

type Field = keyof BillingForm;

/** The maximum length of each field, as `UpdateBillingDetailsRequestSchema` sets it. */
const MAX_LENGTH: Readonly<Record<Field, number>> = {
  contactName: 200,
  email: 320,
  phone: 40,
  line1: 200,
  line2: 200,
  city: 100,
  region: 100,
  postalCode: 20,
  country: 2,
};

/** The request field the API names in `param` for each form field. */
const PARAMS: Readonly<Record<Field, string>> = {
  contactName: 'contact_name',
  email: 'email',
  phone: 'phone',
  line1: 'address.line1',
  line2: 'address.line2',
  city: 'address.city',
  region: 'address.region',
  postalCode: 'address.postal_code',
  country: 'address.country',
};

const ADDRESS_FIELDS: readonly Field[] = [
  'line1',
  'line2',
  'city',
  'region',
  'postalCode',
  'country',
];

/** The check of the API's `z.email()`, close enough to catch typing mistakes. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function formOf(details: BillingDetails): BillingForm {
  const address = details.address;
  return {
    contactName: details.contact_name ?? '',
    email: details.email ?? '',
    phone: details.phone ?? '',
    line1: address?.line1 ?? '',
    line2: address?.line2 ?? '',
    city: address?.city ?? '',
    region: address?.region ?? '',
    postalCode: address?.postal_code ?? '',
    country: address?.country ?? '',
  };
}

/** Returns the request that stores `form`, with empty text as null and no empty address. */
function requestOf(form: BillingForm): UpdateBillingDetailsRequest {
  const value = (field: Field) => form[field].trim() || null;
  const hasAddress = ADDRESS_FIELDS.some((field) => value(field) !== null);
  return {
    contact_name: value('contactName'),
    email: value('email'),
    phone: value('phone'),
    address: hasAddress
      ? {
          line1: form.line1.trim(),
          line2: value('line2'),
          city: form.city.trim(),
          region: value('region'),
          postal_code: value('postalCode'),
          country: form.country,
        }
      : null,
  };
}

/**
 * The customer's billing details: the billing contact, the email that invoices go to, a
 * phone number and the postal address with its country. The form checks each field as the
 * API does before saving, and confirms when the details are saved.
 *
 * @tag duly-billing-details
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 *
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart billing - The card.
 * @csspart error - The error state.
 */
export class DulyBillingDetails extends DulyElement {
  static override styles = [tokens, base, forms, accountStyles];

  @state() private form?: BillingForm;
  @state() private loadError?: unknown;
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private saving = false;
  @state() private saveError?: unknown;
  @state() private saved = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.form) void this.refresh();
  }

  private get text(): BillingMessages {
    return partMessages(billingMessages, this.l10n);
  }

  /** Loads the stored details again, dropping what was typed. */
  async refresh(): Promise<void> {
    this.loadError = undefined;
    this.form = undefined;
    try {
      this.form = formOf(await this.portal.getBillingDetails());
      this.errors = {};
    } catch (error) {
      this.loadError = error;
    }
  }

  private setField(field: Field, value: string): void {
    if (!this.form) return;
    this.form = { ...this.form, [field]: value };
    this.saved = false;
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
  }

  /** Checks the form as the API would; returns the errors by field, empty when all is well. */
  private check(form: BillingForm): Partial<Record<Field, string>> {
    const text = this.text;
    const errors: Partial<Record<Field, string>> = {};
    for (const field of Object.keys(MAX_LENGTH) as Field[]) {
      if (form[field].trim().length > MAX_LENGTH[field]) {
        errors[field] = text.tooLong(MAX_LENGTH[field]);
      }
    }
    const email = form.email.trim();
    if (email !== '' && !EMAIL.test(email)) errors.email = text.emailInvalid;

    const hasAddress = ADDRESS_FIELDS.some((field) => form[field].trim() !== '');
    if (hasAddress) {
      if (form.line1.trim() === '') errors.line1 = text.line1Missing;
      if (form.city.trim() === '') errors.city = text.cityMissing;
      if (form.country === '') errors.country = text.countryMissing;
    }
    return errors;
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const form = this.form;
    if (!form || this.saving) return;
    this.saved = false;
    this.saveError = undefined;
    this.errors = this.check(form);
    if (Object.keys(this.errors).length > 0) {
      await this.focusFirstError();
      return;
    }

    this.saving = true;
    try {
      const details = await this.portal.updateBillingDetails(requestOf(form));
      this.form = formOf(details);
      this.saved = true;
    } catch (error) {
      this.saveError = error;
      const field = fieldOfParam(error);
      if (field) {
        this.errors = { [field]: this.text.checkField };
        await this.focusFirstError();
      }
    } finally {
      this.saving = false;
    }
  }

  private async focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  protected override render(): TemplateResult {
    const text = this.text;
    return html`<section class="card account-card" part="billing" aria-labelledby="billing-heading">
      <div class="card-heading">
        <h2 id="billing-heading">${text.heading}</h2>
        <p class="muted small">${text.intro}</p>
      </div>
      ${this.renderBody()}
    </section>`;
  }

  private renderBody(): TemplateResult {
    const { messages } = this.l10n;
    if (this.loadError) {
      return errorState(this.text.loadFailed, this.loadError, messages, () => void this.refresh());
    }
    const form = this.form;
    if (!form) {
      return formSkeleton(messages.loading);
    }
    return this.renderForm(form);
  }

  private renderForm(form: BillingForm): TemplateResult {
    const { locale, messages } = this.l10n;
    const text = this.text;
    const input = (field: Field, label: string, options: InputOptions = {}) =>
      this.renderInput(form, field, label, options);

    return html`<form class="account-form" novalidate data-testid="billing-form" @submit=${this.save}>
      ${input('contactName', text.contactName, { autocomplete: 'name' })}
      ${input('email', text.email, { type: 'email', autocomplete: 'email', hint: text.emailHint })}
      ${input('phone', text.phone, { type: 'tel', autocomplete: 'tel' })}
      <fieldset>
        <legend>${text.address}</legend>
        ${input('line1', text.line1, { autocomplete: 'address-line1' })}
        ${input('line2', text.line2, { autocomplete: 'address-line2' })}
        <div class="field-row">
          ${input('city', text.city, { autocomplete: 'address-level2' })}
          ${input('region', text.region, { autocomplete: 'address-level1' })}
        </div>
        <div class="field-row">
          ${input('postalCode', text.postalCode, { autocomplete: 'postal-code' })}
          ${this.renderCountry(form, locale)}
        </div>
      </fieldset>
      ${
        this.saveError
          ? submitAlert('billing-error', problemText(this.saveError, messages), text.saveFailed)
          : nothing
      }
      <div class="form-footer">
        <p role="status" aria-live="polite" class="saved-slot">
          ${this.saved ? html`<span class="saved" data-testid="billing-saved">${checkIcon}${text.saved}</span>` : nothing}
        </p>
        <button
          class="button primary"
          type="submit"
          data-testid="billing-save"
          aria-disabled=${this.saving ? 'true' : 'false'}
        >
          ${this.saving ? messages.saving : text.save}
        </button>
      </div>
    </form>`;
  }

  private renderInput(
    form: BillingForm,
    field: Field,
    label: string,
    options: InputOptions,
  ): TemplateResult {
    const id = `billing-${field}`;
    const error = this.errors[field];
    const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        data-testid=${id}
        type=${options.type ?? 'text'}
        autocomplete=${options.autocomplete ?? 'off'}
        maxlength=${MAX_LENGTH[field]}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        .value=${form[field]}
        @input=${(event: Event) => this.setField(field, (event.target as HTMLInputElement).value)}
      />
      ${options.hint ? html`<span class="hint" id=${`${id}-hint`}>${options.hint}</span>` : nothing}
      ${fieldError(id, error)}
    </div>`;
  }

  private renderCountry(form: BillingForm, locale: string): TemplateResult {
    const text = this.text;
    const error = this.errors.country;
    return html`<div class="field">
      <label for="billing-country">${text.country}</label>
      <select
        id="billing-country"
        data-testid="billing-country"
        autocomplete="country"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? 'billing-country-error' : nothing}
        @change=${(event: Event) => this.setField('country', (event.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${form.country === ''}>${text.chooseCountry}</option>
        ${countryOptions(locale, form.country).map(
          (country) =>
            html`<option value=${country.code} ?selected=${form.country === country.code}>
              ${country.name}
            </option>`,
        )}
      </select>
      ${fieldError('billing-country', error)}
    </div>`;
  }
}

interface InputOptions {
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  hint?: string;
}

/** Returns the form field that a `validation_failed` problem names in `param`. */
function fieldOfParam(error: unknown): Field | undefined {
  if (!(error instanceof DulyInvalidRequestError) || !error.param) return undefined;
  const entry = Object.entries(PARAMS).find(([, param]) => param === error.param);
  return entry?.[0] as Field | undefined;
}

/** Returns what the customer reads about a failed save: the API's words for a bad field. */
function problemText(error: unknown, messages: Parameters<typeof errorMessage>[1]): string {
  return error instanceof DulyInvalidRequestError ? error.detail : errorMessage(error, messages);
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-billing-details': DulyBillingDetails;
  }
}
