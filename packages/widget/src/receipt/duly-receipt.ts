import type { Receipt } from '@duly/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { saveFile } from '../shared/download.js';
import { DulyElement } from '../shared/duly-element.js';
import { emit } from '../shared/events.js';
import { formatInstantDate, formatMoney } from '../shared/format.js';
import { alertIcon, backIcon } from '../shared/icons.js';
import { panelStyles } from '../shared/panel-styles.js';
import { methodLabel, paymentBadge } from '../shared/payment-text.js';
import { errorState } from '../shared/states.js';
import { base, tokens } from '../shared/styles.js';

/**
 * The receipt of a succeeded payment: the vendor, the customer, the date, the method, the
 * invoices it paid, the part added to the credit balance, any credit balance used with it and
 * any refund, with a button that downloads it as a PDF.
 *
 * @tag duly-receipt
 *
 * @attr payment-id - Id of the payment (`pay_...`).
 * @attr show-back - Shows a "Back" button that fires `duly-back`.
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 *
 * @fires duly-back - The customer asked to go back.
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart receipt - The card.
 * @csspart download - The Download PDF button.
 * @csspart error - The error state.
 */
export class DulyReceipt extends DulyElement {
  static override styles = [tokens, base, panelStyles];

  /** Id of the payment whose receipt is shown. */
  @property({ attribute: 'payment-id' }) paymentId?: string;

  /** Whether to show the button that fires `duly-back`. */
  @property({ type: Boolean, attribute: 'show-back' }) showBack = false;

  @state() private receipt?: Receipt;
  @state() private loadError?: unknown;
  @state() private downloading = false;
  @state() private downloadFailed = false;

  #requestGeneration = 0;

  /** Focuses the receipt's heading, or the back button while it loads. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('h2, .back')?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('paymentId') || changed.has('client')) void this.refresh();
  }

  /** Loads the receipt again. */
  async refresh(): Promise<void> {
    const generation = ++this.#requestGeneration;
    this.receipt = undefined;
    this.loadError = undefined;
    if (!this.paymentId) return;
    try {
      const receipt = await this.portal.getReceipt(this.paymentId);
      if (generation === this.#requestGeneration) this.receipt = receipt;
    } catch (error) {
      if (generation === this.#requestGeneration) this.loadError = error;
    }
  }

  /** Downloads the PDF through the API (the bearer token, no cookies) and saves it. */
  private async download(receipt: Receipt): Promise<void> {
    if (this.downloading) return;
    this.downloading = true;
    this.downloadFailed = false;
    try {
      const pdf = await this.portal.downloadReceiptPdf(receipt.payment);
      saveFile(pdf, `receipt-${receipt.number}.pdf`);
    } catch {
      this.downloadFailed = true;
    } finally {
      this.downloading = false;
    }
  }

  protected override render(): TemplateResult {
    const { messages } = this.l10n;
    let body: TemplateResult;
    if (this.receipt) {
      body = this.renderReceipt(this.receipt);
    } else if (this.loadError) {
      body = errorState(messages.loadReceiptFailed, this.loadError, messages, () => {
        void this.refresh();
      });
    } else {
      body = html`<div aria-busy="true" aria-label=${messages.loading}>
        <span class="skeleton"></span>
      </div>`;
    }

    return html`<section class="card panel" part="receipt">
      ${
        this.showBack
          ? html`<button class="link-button back" type="button" @click=${() => emit(this, 'duly-back')}>
              ${backIcon}${messages.back}
            </button>`
          : nothing
      }
      ${body}
    </section>`;
  }

  private renderReceipt(receipt: Receipt): TemplateResult {
    const { messages, locale } = this.l10n;
    const money = (amount: number) => formatMoney(amount, receipt.currency, locale);
    const { vendor } = receipt;

    return html`<div class="panel-header">
        <h2 tabindex="-1" data-testid="receipt-title">${messages.receiptTitle(receipt.number)}</h2>
        <button
          class="button secondary"
          type="button"
          part="download"
          data-testid="download-receipt"
          aria-disabled=${this.downloading ? 'true' : 'false'}
          @click=${() => this.download(receipt)}
        >
          ${messages.downloadPdf}
        </button>
      </div>
      <div role="status" aria-live="polite">
        ${
          this.downloadFailed
            ? html`<p class="field-error">${alertIcon}${messages.downloadFailed}</p>`
            : nothing
        }
      </div>
      <address class="muted small">
        <strong>${vendor.name}</strong>
        ${vendor.address_lines.map((line) => html`<br />${line}`)}
        ${vendor.email ? html`<br />${vendor.email}` : nothing}
      </address>
      <dl class="facts">
        <div><dt>${messages.paidOn}</dt><dd>${formatInstantDate(receipt.paid_at, locale)}</dd></div>
        <div>
          <dt>${messages.paymentMethod}</dt>
          <dd>${receipt.method_details ? methodLabel(receipt.method_details, messages) : '—'}</dd>
        </div>
        <div>
          <dt>${messages.paidBy}</dt>
          <dd>${receipt.customer.name}${receipt.customer.email ? html`<br />${receipt.customer.email}` : nothing}</dd>
        </div>
      </dl>
      <ul class="items" aria-label=${messages.appliedTo}>
        ${receipt.applications.map(
          (application) => html`<li class="item line">
            <span>${application.invoice_number}</span>
            <span class="amount">${money(application.amount)}</span>
          </li>`,
        )}
        ${
          receipt.amount_to_credit > 0
            ? html`<li class="item line" data-testid="receipt-to-credit">
                <span>${messages.addedToCredit}</span>
                <span class="amount">${money(receipt.amount_to_credit)}</span>
              </li>`
            : nothing
        }
        <li class="item line">
          <strong>${messages.amountPaid}</strong>
          <strong class="amount" data-testid="receipt-total">${money(receipt.amount)}</strong>
        </li>
        ${
          receipt.amount_refunded > 0
            ? html`<li class="item line" data-testid="receipt-refunded">
                <span>${messages.refunded}</span>
                <span class="amount">−${money(receipt.amount_refunded)}</span>
              </li>`
            : nothing
        }
      </ul>
      ${
        receipt.credit_applied > 0
          ? html`<p class="muted small" data-testid="receipt-credit-applied">
              ${messages.creditAlsoApplied(money(receipt.credit_applied))}
            </p>`
          : nothing
      }
      ${
        receipt.status === 'succeeded' && receipt.amount_refunded === 0
          ? nothing
          : paymentBadge(
              {
                status: receipt.status,
                amount_refunded: receipt.amount_refunded,
                currency: receipt.currency,
                chargeback_status: null,
                failure_code: null,
              },
              messages,
              locale,
            )
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-receipt': DulyReceipt;
  }
}
