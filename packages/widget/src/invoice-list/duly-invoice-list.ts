import type { Invoice, PortalInvoiceFilter } from '@duly/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { DulyElement } from '../shared/duly-element.js';
import { emit, type PaymentNoticeRequestDetail } from '../shared/events.js';
import { formatMoney, formatPlainDate } from '../shared/format.js';
import { alertIcon } from '../shared/icons.js';
import { invoiceMarkStyles, invoiceMarks } from '../shared/invoice-marks.js';
import {
  emptyState,
  errorMessage,
  errorState,
  invoiceStatusBadge,
  isPayable,
} from '../shared/states.js';
import { base, tabs, tokens } from '../shared/styles.js';
import { renderTablist } from '../shared/tablist.js';
import { invoiceListStyles } from './duly-invoice-list.styles.js';

const FILTERS: readonly PortalInvoiceFilter[] = ['open', 'overdue', 'paid', 'all'];
const PAGE_SIZE = 25;

/**
 * The customer's invoices with filter tabs (Open, Overdue, Paid, All), pages loaded on
 * request, and a selection of open invoices of one currency to pay together.
 *
 * @tag duly-invoice-list
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @attr status - The filter shown: `open` (default), `overdue`, `paid` or `all`.
 *
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 * @prop {Invoice[]} selectedInvoices - The invoices selected for payment (read only).
 * @prop {PortalFeature[]} features - The session's features. Without `pay`, the list offers
 *   no selection, so neither paying it nor "I sent a payment".
 *
 * @fires duly-invoice-open - {InvoiceOpenDetail} The customer opened an invoice.
 * @fires duly-pay-request - {PayRequestDetail} The customer asked to pay the selection.
 * @fires duly-payment-notice-request - {PaymentNoticeRequestDetail} The customer wants to
 *   report a payment sent outside the portal for the selection.
 * @fires duly-invoices-loaded - {InvoicesLoadedDetail} A filter's first page is shown.
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart list - The card around the list.
 * @csspart tabs - The filter tabs.
 * @csspart row - One invoice.
 * @csspart status - An invoice's status badge.
 * @csspart mark - A mark of a disputed invoice or of a payment the customer reported.
 * @csspart pay-bar - The bar with the selection's total and the pay button.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 *
 * @cssprop --duly-color-primary - Colour of the pay button and checkboxes.
 * @cssprop --duly-color-danger - Colour of overdue marks and errors.
 * @cssprop --duly-radius - Corner radius.
 * @cssprop --duly-font-family - Font; inherited from the page when not set.
 */
export class DulyInvoiceList extends DulyElement {
  static override styles = [tokens, base, tabs, invoiceListStyles, invoiceMarkStyles];

  /** The filter shown. */
  @property({ reflect: true }) status: PortalInvoiceFilter = 'open';

  @state() private invoices: Invoice[] = [];
  @state() private nextCursor: string | null = null;
  @state() private phase: 'loading' | 'ready' | 'error' = 'loading';
  @state() private loadError?: unknown;
  @state() private loadingMore = false;
  @state() private moreError?: unknown;
  @state() private selection = new Map<string, Invoice>();
  @state() private notice = '';

  // Responses of a filter the customer has already left are dropped, by this counter.
  #requestGeneration = 0;

  /** The invoices selected for payment, in the order they were selected. */
  get selectedInvoices(): Invoice[] {
    return [...this.selection.values()];
  }

  /**
   * Loads the first page of the current filter again, and drops from the selection what
   * can no longer be paid. Called after a payment.
   */
  async refresh(): Promise<void> {
    const generation = ++this.#requestGeneration;
    this.phase = 'loading';
    this.loadError = undefined;
    this.moreError = undefined;
    try {
      const page = await this.portal.listInvoices({ status: this.status, limit: PAGE_SIZE });
      if (generation !== this.#requestGeneration) return;
      this.invoices = page.data;
      this.nextCursor = page.next_cursor;
      this.phase = 'ready';
      this.refreshSelection(page.data);
      await this.updateComplete;
      if (generation === this.#requestGeneration) {
        emit(this, 'duly-invoices-loaded', { invoices: page.data });
      }
    } catch (error) {
      if (generation !== this.#requestGeneration) return;
      this.loadError = error;
      this.phase = 'error';
    }
  }

  /** Focuses the tab of the current filter. */
  override focus(options?: FocusOptions): void {
    this.renderRoot
      .querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')
      ?.focus(options);
  }

  /** Empties the selection. */
  clearSelection(): void {
    this.selection = new Map();
    this.notice = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('status') || changed.has('client') || changed.has('api')) {
      void this.refresh();
    }
    if (changed.has('features') && !this.hasFeature('pay')) this.clearSelection();
  }

  private refreshSelection(fresh: Invoice[]): void {
    if (this.selection.size === 0) return;
    const next = new Map(this.selection);
    for (const invoice of fresh) {
      if (!next.has(invoice.id)) continue;
      if (isPayable(invoice)) next.set(invoice.id, invoice);
      else next.delete(invoice.id);
    }
    this.selection = next;
  }

  private async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    const generation = this.#requestGeneration;
    const firstNewIndex = this.invoices.length;
    this.loadingMore = true;
    this.moreError = undefined;
    try {
      const page = await this.portal.listInvoices({
        status: this.status,
        limit: PAGE_SIZE,
        cursor: this.nextCursor,
      });
      if (generation !== this.#requestGeneration) return;
      this.invoices = [...this.invoices, ...page.data];
      this.nextCursor = page.next_cursor;
      if (!this.nextCursor) await this.focusRow(firstNewIndex);
    } catch (error) {
      if (generation === this.#requestGeneration) this.moreError = error;
    } finally {
      this.loadingMore = false;
    }
  }

  /** Moves focus to a row once the "Load more" button that had it is gone. */
  private async focusRow(index: number): Promise<void> {
    await this.updateComplete;
    const rows = this.renderRoot.querySelectorAll<HTMLElement>('.row .number');
    rows[index]?.focus();
  }

  private selectFilter(filter: PortalInvoiceFilter, moveFocus = false): void {
    this.status = filter;
    if (moveFocus) {
      void this.updateComplete.then(() => {
        this.renderRoot.querySelector<HTMLElement>(`#tab-${filter}`)?.focus();
      });
    }
  }

  private onSelect(invoice: Invoice, event: Event): void {
    const checkbox = event.target as HTMLInputElement;
    const next = new Map(this.selection);

    if (!checkbox.checked) {
      next.delete(invoice.id);
      this.selection = next;
      this.notice = '';
      return;
    }

    const selectedCurrency = this.selectedInvoices[0]?.currency;
    if (selectedCurrency && selectedCurrency !== invoice.currency) {
      // One payment pays invoices of one currency, so the second currency is refused here
      // rather than by the API after the customer has typed a card.
      checkbox.checked = false;
      this.notice = this.l10n.messages.oneCurrencyAtATime(selectedCurrency, invoice.currency);
      return;
    }

    next.set(invoice.id, invoice);
    this.selection = next;
    this.notice = '';
  }

  private requestPayment(): void {
    emit(this, 'duly-pay-request', { invoices: this.selectedInvoices });
  }

  private requestPaymentNotice(): void {
    const invoices = this.selectedInvoices.map((invoice) => ({
      invoice: invoice.id,
      amount: invoice.amount_payable,
    }));
    emit<PaymentNoticeRequestDetail>(this, 'duly-payment-notice-request', { invoices });
  }

  protected override render(): TemplateResult {
    const { messages } = this.l10n;

    return html`<section class="card list-card" part="list" aria-labelledby="invoices-heading">
      <div class="list-header">
        <h2 id="invoices-heading">${messages.invoicesHeading}</h2>
        ${this.renderTabs()}
      </div>
      <div class="notice-slot" role="status" aria-live="polite">
        ${
          this.notice
            ? html`<p class="notice" data-testid="selection-notice">${alertIcon}<span>${this.notice}</span></p>`
            : nothing
        }
      </div>
      <div
        role="tabpanel"
        id="invoices-panel"
        aria-labelledby=${`tab-${this.status}`}
        aria-busy=${this.phase === 'loading' ? 'true' : 'false'}
      >
        ${this.renderBody()}
      </div>
      ${this.renderPayBar()}
    </section>`;
  }

  private renderTabs(): TemplateResult {
    const { messages } = this.l10n;
    return renderTablist({
      keys: FILTERS,
      selected: this.status,
      label: messages.filterLabel,
      text: (filter) => messages.filters[filter],
      panelId: () => 'invoices-panel',
      select: (filter, moveFocus) => this.selectFilter(filter, moveFocus),
    });
  }

  private renderBody(): TemplateResult {
    const { messages } = this.l10n;

    if (this.phase === 'loading') return this.renderSkeleton();
    if (this.phase === 'error') {
      return errorState(messages.loadInvoicesFailed, this.loadError, messages, () => {
        void this.refresh();
      });
    }
    if (this.invoices.length === 0) {
      const empty = messages.empty[this.status];
      const showAll =
        this.status === 'all'
          ? undefined
          : { label: messages.showAllInvoices, run: () => this.selectFilter('all') };
      return emptyState(empty.title, empty.body, showAll);
    }

    return html`
      <ul class="rows" aria-label=${messages.filters[this.status]}>
        ${repeat(
          this.invoices,
          (invoice) => invoice.id,
          (invoice) => this.renderRow(invoice),
        )}
      </ul>
      ${this.renderMore()}
    `;
  }

  private renderRow(invoice: Invoice): TemplateResult {
    const { messages, locale } = this.l10n;
    // Without the `pay` feature the list only shows invoices, so it offers no selection.
    const payable = isPayable(invoice) && this.hasFeature('pay');
    const selected = this.selection.has(invoice.id);
    const shownAmount = invoice.status === 'open' ? invoice.amount_due : invoice.total;
    const money = formatMoney(shownAmount, invoice.currency, locale);

    return html`<li
      class=${selected ? 'row selected' : 'row'}
      part="row"
      data-testid="invoice-row"
      data-invoice-id=${invoice.id}
      data-invoice-number=${invoice.number}
      data-currency=${invoice.currency}
      data-status=${invoice.overdue ? 'overdue' : invoice.status}
    >
      <span class="select">
        ${
          payable
            ? html`<input
                type="checkbox"
                data-testid="invoice-select"
                .checked=${selected}
                aria-label=${messages.selectInvoice(
                  invoice.number,
                  formatMoney(invoice.amount_payable, invoice.currency, locale),
                )}
                @change=${(event: Event) => this.onSelect(invoice, event)}
              />`
            : nothing
        }
      </span>
      <span class="main">
        <button
          class="link-button number"
          type="button"
          aria-label=${messages.viewInvoice(invoice.number)}
          @click=${() => emit(this, 'duly-invoice-open', { invoice })}
        >
          ${invoice.number}
        </button>
        <span class=${invoice.overdue ? 'date overdue' : 'date'}>
          ${messages.dueOn(formatPlainDate(invoice.due_date, locale))}
        </span>
        ${invoiceMarks(invoice, messages, locale)}
      </span>
      <span class="figures">
        <span class="amount" data-testid="invoice-amount">${money}</span>
        ${invoiceStatusBadge(invoice, messages)}
      </span>
    </li>`;
  }

  private renderMore(): TemplateResult | typeof nothing {
    const { messages } = this.l10n;
    if (this.moreError) {
      return html`<div class="more">
        <p class="inline-error" role="alert">
          ${alertIcon}${errorMessage(this.moreError, messages)}
          <button class="button secondary" type="button" @click=${this.loadMore}>
            ${messages.retry}
          </button>
        </p>
      </div>`;
    }
    if (!this.nextCursor) return html`<div class="end"></div>`;
    return html`<div class="more">
      <button
        class="button secondary"
        type="button"
        data-testid="load-more"
        aria-disabled=${this.loadingMore ? 'true' : 'false'}
        @click=${this.loadMore}
      >
        ${this.loadingMore ? messages.loadingMore : messages.loadMore}
      </button>
    </div>`;
  }

  private renderPayBar(): TemplateResult | typeof nothing {
    const selected = this.selectedInvoices;
    const first = selected[0];
    if (!first) return nothing;

    const { messages, locale } = this.l10n;
    const total = selected.reduce((sum, invoice) => sum + invoice.amount_payable, 0);
    const totalText = formatMoney(total, first.currency, locale);

    return html`<div class="paybar" part="pay-bar">
      <p class="paybar-facts">
        <span class="muted small">${messages.selectedCount(selected.length)}</span>
        <span class="amount"><strong data-testid="selection-total">${totalText}</strong></span>
      </p>
      <div class="paybar-actions">
        <button class="link-button muted" type="button" @click=${this.clearSelection}>
          ${messages.clearSelection}
        </button>
        <button
          class="button secondary"
          type="button"
          data-testid="report-payment"
          @click=${this.requestPaymentNotice}
        >
          ${messages.reportPayment}
        </button>
        <button
          class="button primary"
          type="button"
          data-testid="pay-selected"
          @click=${this.requestPayment}
        >
          ${messages.paySelected(totalText)}
        </button>
      </div>
    </div>`;
  }

  private renderSkeleton(): TemplateResult {
    const row = html`<li class="skeleton-row">
      <span class="skeleton box"></span>
      <span class="stack">
        <span class="skeleton number"></span>
        <span class="skeleton date"></span>
      </span>
      <span class="skeleton money"></span>
    </li>`;
    return html`<ul class="skeleton-rows" aria-label=${this.l10n.messages.loading}>
      ${row}${row}${row}${row}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-invoice-list': DulyInvoiceList;
  }
}
