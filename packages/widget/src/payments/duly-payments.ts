import type { Payment, PaymentMethod } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { DulyElement } from '../shared/duly-element.js';
import { formatInstantDate, formatMoney } from '../shared/format.js';
import { panelStyles } from '../shared/panel-styles.js';
import { methodLabel, paymentBadge, paymentMethodOf } from '../shared/payment-text.js';
import { emptyState, errorMessage, errorState } from '../shared/states.js';
import { base, tokens } from '../shared/styles.js';

const PAGE_SIZE = 25;

/** Sorts by creation time, newest first; ISO 8601 UTC timestamps sort as text. */
function newestFirst(payments: Payment[]): Payment[] {
  return payments.sort((a, b) => b.created_at.localeCompare(a.created_at));
}

/**
 * The customer's payments, newest first, each with its status: pending, succeeded, failed
 * with the reason, refunded or partly refunded, or charged back. A payment from a saved
 * bank account names its bank. A succeeded payment opens its receipt (`<duly-receipt>`) in
 * place.
 *
 * @tag duly-payments
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
 * @csspart payments - The card around the list.
 * @csspart payment - One payment.
 * @csspart status - A payment's status badge.
 * @csspart error - The error state.
 */
export class DulyPayments extends DulyElement {
  static override styles = [tokens, base, panelStyles];

  @state() private payments?: Payment[];
  @state() private methods: PaymentMethod[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loadError?: unknown;
  @state() private moreError?: unknown;
  @state() private loadingMore = false;
  @state() private receiptOf?: string;

  #requestGeneration = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.payments) void this.refresh();
  }

  /** Loads the first page again. */
  async refresh(): Promise<void> {
    const generation = ++this.#requestGeneration;
    this.loadError = undefined;
    this.moreError = undefined;
    try {
      // The saved methods only add bank names, so the list shows without them if they fail.
      const [page, methods] = await Promise.all([
        this.portal.listPayments({ limit: PAGE_SIZE }),
        this.portal.listPaymentMethods().catch(() => undefined),
      ]);
      if (generation !== this.#requestGeneration) return;
      this.payments = newestFirst(page.data);
      this.methods = methods?.data ?? [];
      this.nextCursor = page.next_cursor;
    } catch (error) {
      if (generation === this.#requestGeneration) this.loadError = error;
    }
  }

  private async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    const generation = this.#requestGeneration;
    this.loadingMore = true;
    this.moreError = undefined;
    try {
      const page = await this.portal.listPayments({ limit: PAGE_SIZE, cursor: this.nextCursor });
      if (generation !== this.#requestGeneration) return;
      this.payments = newestFirst([...(this.payments ?? []), ...page.data]);
      this.nextCursor = page.next_cursor;
    } catch (error) {
      this.moreError = error;
    } finally {
      this.loadingMore = false;
    }
  }

  private async openReceipt(paymentId: string | undefined): Promise<void> {
    const from = this.receiptOf;
    this.receiptOf = paymentId;
    await this.updateComplete;
    const target = paymentId
      ? this.renderRoot.querySelector('duly-receipt')
      : this.renderRoot.querySelector<HTMLElement>(`[data-payment-id="${from}"] button`);
    target?.focus();
  }

  protected override render(): TemplateResult {
    const { messages } = this.l10n;
    if (this.receiptOf) {
      return html`<duly-receipt
        payment-id=${this.receiptOf}
        show-back
        .client=${this.portal}
        .locale=${this.locale}
        .sessionLocale=${this.sessionLocale}
        theme=${this.theme}
        @duly-back=${(event: Event) => {
          event.stopPropagation();
          void this.openReceipt(undefined);
        }}
      ></duly-receipt>`;
    }

    return html`<section class="card panel" part="payments" aria-labelledby="payments-heading">
      <h2 id="payments-heading" tabindex="-1">${messages.payments}</h2>
      ${this.renderBody()}
    </section>`;
  }

  private renderBody(): TemplateResult {
    const { messages } = this.l10n;
    if (this.loadError) {
      return errorState(messages.loadPaymentsFailed, this.loadError, messages, () => {
        void this.refresh();
      });
    }
    const payments = this.payments;
    if (!payments) {
      return html`<div aria-busy="true" aria-label=${messages.loading}>
        <span class="skeleton"></span>
      </div>`;
    }
    if (payments.length === 0)
      return emptyState(messages.noPaymentsYet, messages.noPaymentsYetBody);

    return html`<ul class="items">
        ${payments.map((payment) => this.renderPayment(payment))}
      </ul>
      ${
        this.moreError
          ? html`<p class="field-error" role="alert">${errorMessage(this.moreError, messages)}</p>`
          : nothing
      }
      ${
        this.nextCursor
          ? html`<button
              class="button secondary"
              type="button"
              data-testid="load-more-payments"
              aria-disabled=${this.loadingMore ? 'true' : 'false'}
              @click=${this.loadMore}
            >
              ${this.loadingMore ? messages.loading : messages.loadMore}
            </button>`
          : nothing
      }`;
  }

  private renderPayment(payment: Payment): TemplateResult {
    const { messages, locale } = this.l10n;
    const hasReceipt = payment.status === 'succeeded' || payment.status === 'refunded';
    const invoices = payment.applications.map((application) => application.invoice_number);
    const method = paymentMethodOf(payment, this.methods);

    return html`<li
      class="item"
      part="payment"
      data-testid="payment-row"
      data-payment-id=${payment.id}
    >
      <span class="item-main">
        <strong>
          ${formatMoney(payment.amount, payment.currency, locale)} ·
          ${formatInstantDate(payment.created_at, locale)}
        </strong>
        <span class="muted small">
          ${method ? methodLabel(method, messages) : nothing}
          ${invoices.length > 0 ? html` · ${messages.invoicesPaid(invoices.join(', '))}` : nothing}
        </span>
      </span>
      <span class="item-side">
        ${paymentBadge(payment, messages, locale)}
        ${
          hasReceipt
            ? html`<button
                class="link-button"
                type="button"
                data-testid="open-receipt"
                aria-label=${`${messages.viewReceipt}: ${payment.id}`}
                @click=${() => this.openReceipt(payment.id)}
              >
                ${messages.viewReceipt}
              </button>`
            : nothing
        }
      </span>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-payments': DulyPayments;
  }
}
