import type { Autopay, PaymentMethod, PaymentSetup } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { DulyElement } from '../shared/duly-element.js';
import { emit } from '../shared/events.js';
import { fieldError } from '../shared/fields.js';
import { alertIcon, checkIcon, clockIcon, slashIcon } from '../shared/icons.js';
import { panelStyles } from '../shared/panel-styles.js';
import { failureReason, methodLabel } from '../shared/payment-text.js';
import { errorMessage, errorState } from '../shared/states.js';
import { base, forms, tokens } from '../shared/styles.js';

/**
 * The customer's autopay: its status, the saved method it charges, and the authorization
 * text the customer accepts to turn it on. While it is paused because a charge failed, it
 * shows the reason and the failed payment.
 *
 * @tag duly-autopay
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 *
 * @fires duly-autopay-change - {AutopayChangeDetail} Autopay was turned on, changed or off.
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart autopay - The card.
 * @csspart status - The status badge.
 * @csspart mandate - The authorization text and its checkbox.
 * @csspart error - The error state.
 */
export class DulyAutopay extends DulyElement {
  static override styles = [tokens, base, forms, panelStyles];

  @state() private autopay?: Autopay;
  @state() private methods: PaymentMethod[] = [];
  @state() private setup?: PaymentSetup;
  @state() private loadError?: unknown;
  @state() private choice = '';
  @state() private accepted = false;
  @state() private mandateError = false;
  @state() private busy = false;
  @state() private notice?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.autopay) void this.refresh();
  }

  /** Loads autopay, the saved methods and the authorization text again. */
  async refresh(): Promise<void> {
    this.loadError = undefined;
    try {
      const [autopay, methods, setup] = await Promise.all([
        this.portal.getAutopay(),
        this.portal.listPaymentMethods(),
        this.portal.getPaymentSetup(),
      ]);
      this.methods = methods.data.filter((method) => !method.disabled_reason);
      this.setup = setup;
      this.#show(autopay);
    } catch (error) {
      this.loadError = error;
    }
  }

  #show(autopay: Autopay): void {
    this.autopay = autopay;
    const preferred =
      this.methods.find((method) => method.id === autopay.payment_method) ??
      this.methods.find((method) => method.is_default) ??
      this.methods[0];
    this.choice = preferred?.id ?? '';
    this.accepted = false;
    this.mandateError = false;
  }

  private async setAutopay(enabled: boolean): Promise<void> {
    if (this.busy) return;
    if (enabled && !this.accepted) {
      this.mandateError = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#autopay-mandate')?.focus();
      return;
    }
    this.busy = true;
    this.notice = undefined;
    try {
      const autopay = await this.portal.updateAutopay(
        enabled
          ? { enabled: true, payment_method: this.choice, mandate: { accepted: true } }
          : { enabled: false },
      );
      this.#show(autopay);
      emit(this, 'duly-autopay-change', { autopay });
    } catch (error) {
      this.notice = errorMessage(error, this.l10n.messages);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Asks for the authorization in the terms of the change: turning autopay on, or, while it
   * is on, charging another method. The API requires the authorization again for either.
   */
  #mandateMessage(autopay: Autopay): string {
    const { messages } = this.l10n;
    const changesMethod = autopay.status === 'active' && this.choice !== autopay.payment_method;
    return changesMethod
      ? messages.autopayNewMethodMandateRequired
      : messages.autopayMandateRequired;
  }

  protected override render(): TemplateResult {
    const { messages } = this.l10n;
    const autopay = this.autopay;
    let body: TemplateResult;
    if (this.loadError) {
      body = errorState(messages.loadAutopayFailed, this.loadError, messages, () => {
        void this.refresh();
      });
    } else if (!autopay || !this.setup) {
      body = html`<div aria-busy="true" aria-label=${messages.loading}>
        <span class="skeleton"></span>
      </div>`;
    } else {
      body = this.renderAutopay(autopay, this.setup);
    }

    return html`<section class="card panel" part="autopay" aria-labelledby="autopay-heading">
      <div class="panel-header">
        <h2 id="autopay-heading" tabindex="-1">${messages.autopayHeading}</h2>
        ${autopay ? this.renderStatus(autopay) : nothing}
      </div>
      ${body}
    </section>`;
  }

  private renderStatus(autopay: Autopay): TemplateResult {
    const { messages } = this.l10n;
    const [tone, icon] =
      autopay.status === 'active'
        ? ['paid', checkIcon]
        : autopay.status === 'paused'
          ? ['overdue', clockIcon]
          : ['', slashIcon];
    return html`<span
      class=${`badge ${tone}`}
      part="status"
      data-testid="autopay-status"
      data-status=${autopay.status}
    >
      ${icon}${messages.autopayStatus[autopay.status]}
    </span>`;
  }

  private renderAutopay(autopay: Autopay, setup: PaymentSetup): TemplateResult {
    const { messages } = this.l10n;
    const current = this.methods.find((method) => method.id === autopay.payment_method);
    const summary =
      autopay.status === 'paused'
        ? html`<div class="alert" role="alert" data-testid="autopay-paused">
            ${alertIcon}
            <div>
              <strong>${messages.autopayPaused(failureReason(autopay.paused_reason, messages))}</strong>
              ${
                autopay.last_failed_payment
                  ? html`<p class="small">${messages.failedPayment(autopay.last_failed_payment)}</p>`
                  : nothing
              }
            </div>
          </div>`
        : html`<p data-testid="autopay-summary">
            ${
              autopay.status === 'active' && current
                ? messages.autopayOnBody(methodLabel(current, messages, true))
                : messages.autopayOffBody
            }
          </p>`;

    if (this.methods.length === 0) {
      return html`${summary}<p class="muted">${messages.autopayNeedsMethod}</p>`;
    }

    const active = autopay.status === 'active';
    return html`${summary}
      <div class="field">
        <label for="autopay-method">${messages.paymentMethod}</label>
        <select
          id="autopay-method"
          data-testid="autopay-method"
          @change=${(event: Event) => {
            this.choice = (event.target as HTMLSelectElement).value;
          }}
        >
          ${this.methods.map(
            (method) =>
              html`<option value=${method.id} ?selected=${method.id === this.choice}>
                ${methodLabel(method, messages)}
              </option>`,
          )}
        </select>
      </div>
      <div class="mandate" part="mandate">
        <p class="small muted" id="autopay-mandate-text" data-testid="autopay-mandate-text">
          ${setup.mandate_text.autopay}
        </p>
        <label class="check">
          <input
            type="checkbox"
            id="autopay-mandate"
            data-testid="autopay-accept"
            .checked=${this.accepted}
            aria-invalid=${this.mandateError ? 'true' : 'false'}
            aria-describedby=${
              this.mandateError
                ? 'autopay-mandate-text autopay-mandate-error'
                : 'autopay-mandate-text'
            }
            @change=${(event: Event) => {
              this.accepted = (event.target as HTMLInputElement).checked;
              this.mandateError = false;
            }}
          />
          <span>${messages.mandateAccept}</span>
        </label>
        ${fieldError('autopay-mandate', this.mandateError ? this.#mandateMessage(autopay) : undefined)}
      </div>
      <div role="status" aria-live="polite">
        ${this.notice ? html`<p class="field-error">${alertIcon}${this.notice}</p>` : nothing}
      </div>
      <div class="actions">
        ${
          autopay.status === 'off'
            ? nothing
            : html`<button
                class="button secondary"
                type="button"
                data-testid="autopay-off"
                ?disabled=${this.busy}
                @click=${() => this.setAutopay(false)}
              >
                ${messages.turnOff}
              </button>`
        }
        <button
          class="button primary"
          type="button"
          data-testid="autopay-on"
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${() => this.setAutopay(true)}
        >
          ${active ? messages.saveChanges : messages.turnOn}
        </button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-autopay': DulyAutopay;
  }
}
