import type { CreditNote, List, Payment, PaymentMethod, PaymentNotice } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { focusAfterReceipt, receiptInPlace } from '../receipt/receipt-in-place.js';
import { DulyElement } from '../shared/duly-element.js';
import { formatInstantDate, formatMoney } from '../shared/format.js';
import { offlineLabel } from '../shared/offline-methods.messages.js';
import { panelStyles } from '../shared/panel-styles.js';
import { methodLabel, paymentBadge, paymentMethodOf } from '../shared/payment-text.js';
import { emptyState, errorMessage, errorState } from '../shared/states.js';
import { base, tokens } from '../shared/styles.js';
import {
  type HistoryEntry,
  historyStyles,
  mergeHistory,
  renderCreditNoteEntry,
  renderNoticeEntry,
  renderPaymentExtras,
} from './history.js';

const PAGE_SIZE = 25;

/** The next page of each list the history merges; `null` when that list is complete. */
interface Cursors {
  payments: string | null;
  notices: string | null;
  creditNotes: string | null;
}

const NO_PAGE: List<never> = { object: 'list', data: [], next_cursor: null };

/**
 * The customer's payment history, newest first. Each payment shows its status: pending,
 * succeeded, failed with the reason, refunded or partly refunded, or charged back. Each
 * payment the customer reported as sent outside the portal shows whether it awaits
 * confirmation, was confirmed, or was rejected with the vendor's reason. Each credit note
 * shows the invoices it paid and the credit left. A payment from a saved bank account
 * names its bank. A succeeded payment opens its receipt (`<duly-receipt>`) in place.
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
 * @csspart notice - One payment the customer reported.
 * @csspart credit-note - One credit note.
 * @csspart status - A payment's status badge.
 * @csspart error - The error state.
 */
export class DulyPayments extends DulyElement {
  static override styles = [tokens, base, panelStyles, historyStyles];

  @state() private payments?: Payment[];
  @state() private notices: PaymentNotice[] = [];
  @state() private creditNotes: CreditNote[] = [];
  @state() private methods: PaymentMethod[] = [];
  @state() private cursors: Cursors = { payments: null, notices: null, creditNotes: null };
  @state() private loadError?: unknown;
  @state() private moreError?: unknown;
  @state() private loadingMore = false;
  @state() private receiptOf?: string;

  #requestGeneration = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.payments) void this.refresh();
  }

  /** Loads the first page of each list again. */
  async refresh(): Promise<void> {
    const generation = ++this.#requestGeneration;
    this.loadError = undefined;
    this.moreError = undefined;
    try {
      // The saved methods only add bank names, so the list shows without them if they fail.
      const [payments, notices, creditNotes, methods] = await Promise.all([
        this.portal.listPayments({ limit: PAGE_SIZE }),
        this.portal.listPaymentNotices({ limit: PAGE_SIZE }),
        this.portal.listCreditNotes({ limit: PAGE_SIZE }),
        this.portal.listPaymentMethods().catch(() => undefined),
      ]);
      if (generation !== this.#requestGeneration) return;
      this.payments = payments.data;
      this.notices = notices.data;
      this.creditNotes = creditNotes.data;
      this.methods = methods?.data ?? [];
      this.cursors = {
        payments: payments.next_cursor,
        notices: notices.next_cursor,
        creditNotes: creditNotes.next_cursor,
      };
    } catch (error) {
      if (generation === this.#requestGeneration) this.loadError = error;
    }
  }

  /**
   * Loads the next page of each list that has one. Entries of a later page may be newer
   * than some shown already; the merged list is sorted again, so they take their place.
   */
  private async loadMore(): Promise<void> {
    const cursors = this.cursors;
    if (!this.#hasMore || this.loadingMore) return;
    const generation = this.#requestGeneration;
    this.loadingMore = true;
    this.moreError = undefined;
    const limit = PAGE_SIZE;
    try {
      const [payments, notices, creditNotes] = await Promise.all([
        cursors.payments ? this.portal.listPayments({ limit, cursor: cursors.payments }) : NO_PAGE,
        cursors.notices
          ? this.portal.listPaymentNotices({ limit, cursor: cursors.notices })
          : NO_PAGE,
        cursors.creditNotes
          ? this.portal.listCreditNotes({ limit, cursor: cursors.creditNotes })
          : NO_PAGE,
      ]);
      if (generation !== this.#requestGeneration) return;
      this.payments = [...(this.payments ?? []), ...payments.data];
      this.notices = [...this.notices, ...notices.data];
      this.creditNotes = [...this.creditNotes, ...creditNotes.data];
      this.cursors = {
        payments: payments.next_cursor,
        notices: notices.next_cursor,
        creditNotes: creditNotes.next_cursor,
      };
    } catch (error) {
      this.moreError = error;
    } finally {
      this.loadingMore = false;
    }
  }

  get #hasMore(): boolean {
    const { payments, notices, creditNotes } = this.cursors;
    return Boolean(payments || notices || creditNotes);
  }

  private async openReceipt(paymentId: string | undefined): Promise<void> {
    const from = this.receiptOf;
    this.receiptOf = paymentId;
    await this.updateComplete;
    focusAfterReceipt(this.renderRoot, paymentId, from);
  }

  protected override render(): TemplateResult {
    const { messages } = this.l10n;
    if (this.receiptOf) {
      return receiptInPlace(this, this.portal, this.receiptOf, () => {
        void this.openReceipt(undefined);
      });
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
    const entries = mergeHistory(payments, this.notices, this.creditNotes);
    if (entries.length === 0) return emptyState(messages.noPaymentsYet, messages.noPaymentsYetBody);

    return html`<ul class="items">
        ${entries.map((entry) => this.renderEntry(entry))}
      </ul>
      ${
        this.moreError
          ? html`<p class="field-error" role="alert">${errorMessage(this.moreError, messages)}</p>`
          : nothing
      }
      ${
        this.#hasMore
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

  private renderEntry(entry: HistoryEntry): TemplateResult {
    if (entry.kind === 'notice') return renderNoticeEntry(entry.notice, this.l10n);
    if (entry.kind === 'credit_note') return renderCreditNoteEntry(entry.creditNote, this.l10n);
    return this.renderPayment(entry.payment);
  }

  private renderPayment(payment: Payment): TemplateResult {
    const { messages, locale } = this.l10n;
    const hasReceipt = payment.status === 'succeeded' || payment.status === 'refunded';
    const invoices = payment.applications.map((application) => application.invoice_number);
    const method = paymentMethodOf(payment, this.methods);
    // Money sent outside the portal is named by how it came, such as "Check, reference 1042".
    const methodText = payment.offline
      ? offlineLabel(payment.offline.method, payment.offline.reference, this.l10n)
      : method
        ? methodLabel(method, messages)
        : undefined;

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
          ${methodText ?? nothing}
          ${invoices.length > 0 ? html` · ${messages.invoicesPaid(invoices.join(', '))}` : nothing}
        </span>
        ${renderPaymentExtras(payment, this.l10n)}
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
