import type { Invoice } from '@duly/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { partMessages } from '../i18n/index.js';
import { saveFile } from '../shared/download.js';
import { DulyElement } from '../shared/duly-element.js';
import { emit } from '../shared/events.js';
import { formatInstantDate, formatMoney, formatPlainDate } from '../shared/format.js';
import { alertIcon, backIcon } from '../shared/icons.js';
import { invoiceMarkStyles, invoiceMarks } from '../shared/invoice-marks.js';
import { errorState, invoiceStatusBadge, isPayable } from '../shared/states.js';
import { base, tokens } from '../shared/styles.js';
import type { ThreadCreatedDetail } from '../threads/duly-invoice-threads.js';
import { threadsMessages } from '../threads/threads.messages.js';
import { invoiceDetailStyles } from './duly-invoice-detail.styles.js';

/** Payment statuses whose money never reached the invoice, shown struck through. */
const NOT_RECEIVED: ReadonlySet<string> = new Set(['failed', 'canceled']);

/**
 * One invoice: its dates, lines, subtotal and taxes, the payments and credit notes applied to
 * it and the amount still due, with
 * a button to pay it when it is open and one to download it as a PDF. Beside its status,
 * an open invoice is marked "Disputed" while a dispute is open, and "Payment sent" with
 * the date while a payment the customer reported waits for the vendor. Below it,
 * `<duly-invoice-threads>` shows the questions and disputes about it.
 *
 * @tag duly-invoice-detail
 *
 * @attr invoice-id - Id of the invoice to show (`inv_...`).
 * @attr show-back - Shows a "Back to invoices" button that fires `duly-back`.
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 *
 * @fires duly-pay-request - {PayRequestDetail} The customer asked to pay this invoice.
 * @fires duly-thread-created - {ThreadCreatedDetail} The customer asked a question about
 *   this invoice or disputed it.
 * @fires duly-back - The customer asked to go back to the list.
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart detail - The card around the invoice.
 * @csspart lines - The table of lines.
 * @csspart status - The status badge.
 * @csspart mark - The mark of a disputed invoice or of a payment the customer reported.
 * @csspart download - The Download PDF button.
 * @csspart error - The error state.
 *
 * @cssprop --duly-color-primary - Colour of the pay button.
 * @cssprop --duly-color-surface - Background of the amount due.
 * @cssprop --duly-radius - Corner radius.
 * @cssprop --duly-font-family - Font; inherited from the page when not set.
 */
export class DulyInvoiceDetail extends DulyElement {
  static override styles = [tokens, base, invoiceMarkStyles, invoiceDetailStyles];

  /** Id of the invoice to show. */
  @property({ attribute: 'invoice-id' }) invoiceId?: string;

  /** Whether to show the button that fires `duly-back`. */
  @property({ type: Boolean, attribute: 'show-back' }) showBack = false;

  /** The vendor's name on its replies to questions and disputes. */
  @property({ attribute: false }) vendorName?: string;

  @state() private invoice?: Invoice;
  @state() private loadError?: unknown;
  @state() private downloading = false;
  @state() private downloadFailed = false;

  #requestGeneration = 0;

  /** Loads the invoice again. */
  async refresh(): Promise<void> {
    const generation = ++this.#requestGeneration;
    this.invoice = undefined;
    this.loadError = undefined;
    if (!this.invoiceId) return;
    try {
      const invoice = await this.portal.getInvoice(this.invoiceId);
      if (generation === this.#requestGeneration) this.invoice = invoice;
    } catch (error) {
      if (generation === this.#requestGeneration) this.loadError = error;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('invoiceId') || changed.has('client')) void this.refresh();
  }

  /** Downloads the invoice as the API renders it in PDF, and saves it. */
  private async download(invoice: Invoice): Promise<void> {
    if (this.downloading) return;
    this.downloading = true;
    this.downloadFailed = false;
    try {
      const pdf = await this.portal.downloadInvoicePdf(invoice.id);
      saveFile(pdf, `invoice-${invoice.number}.pdf`);
    } catch {
      this.downloadFailed = true;
    } finally {
      this.downloading = false;
    }
  }

  /** Marks the invoice disputed once the customer disputed it, without reloading it. */
  private onThreadCreated(event: CustomEvent<ThreadCreatedDetail>): void {
    if (this.invoice && event.detail.thread.kind === 'dispute') {
      this.invoice = { ...this.invoice, disputed: true };
    }
  }

  /** Focuses the invoice's heading, or the back button while the invoice loads. */
  override focus(options?: FocusOptions): void {
    const target =
      this.renderRoot.querySelector<HTMLElement>('h2') ??
      this.renderRoot.querySelector<HTMLElement>('.back');
    target?.focus(options);
  }

  protected override render(): TemplateResult {
    const { messages } = this.l10n;
    let body: TemplateResult;
    if (this.invoice) {
      body = this.renderInvoice(this.invoice);
    } else if (this.loadError) {
      body = errorState(messages.loadInvoiceFailed, this.loadError, messages, () => {
        void this.refresh();
      });
    } else {
      body = html`<div aria-busy="true" aria-label=${messages.loading} class="detail">
        <span class="skeleton heading"></span>
        <span class="skeleton block"></span>
        <span class="skeleton block"></span>
      </div>`;
    }

    return html`<section class="card detail" part="detail">
      ${
        this.showBack
          ? html`<button class="link-button back" type="button" @click=${() => emit(this, 'duly-back')}>
              ${backIcon}${messages.backToInvoices}
            </button>`
          : nothing
      }
      ${body}
    </section>`;
  }

  private renderInvoice(invoice: Invoice): TemplateResult {
    const { messages, locale } = this.l10n;
    const money = (amount: number) => formatMoney(amount, invoice.currency, locale);

    return html`
      <div class="title">
        <h2 tabindex="-1">${messages.invoiceTitle(invoice.number)}</h2>
        ${invoiceStatusBadge(invoice, messages)}
        ${invoiceMarks(invoice, messages, locale)}
        <button
          class="button secondary download"
          type="button"
          part="download"
          data-testid="download-invoice"
          aria-disabled=${this.downloading ? 'true' : 'false'}
          @click=${() => this.download(invoice)}
        >
          ${partMessages(threadsMessages, this.l10n).downloadInvoicePdf}
        </button>
      </div>
      <div role="status" aria-live="polite">
        ${
          this.downloadFailed
            ? html`<p class="field-error" data-testid="download-error">${alertIcon}${messages.downloadFailed}</p>`
            : nothing
        }
      </div>
      <dl class="facts">
        <div><dt>${messages.issued}</dt><dd>${formatPlainDate(invoice.issue_date, locale)}</dd></div>
        <div>
          <dt>${messages.due}</dt>
          <dd class=${invoice.overdue ? 'overdue-date' : ''}>${formatPlainDate(invoice.due_date, locale)}</dd>
        </div>
        <div><dt>${messages.total}</dt><dd class="amount">${money(invoice.total)}</dd></div>
      </dl>
      ${this.renderLines(invoice, money)}
      ${this.renderPayments(invoice, money)}
      <div class="due-footer">
        <div>
          <p class="muted small">${messages.amountDue}</p>
          <p class="amount" data-testid="invoice-amount-due">${money(invoice.amount_due)}</p>
        </div>
        ${
          isPayable(invoice) && this.hasFeature('pay')
            ? html`<button
                class="button primary"
                type="button"
                data-testid="pay-invoice"
                @click=${() => emit(this, 'duly-pay-request', { invoices: [invoice] })}
              >
                ${messages.payThisInvoice}
              </button>`
            : nothing
        }
      </div>
      <duly-invoice-threads
        .invoice=${invoice}
        .vendorName=${this.vendorName}
        .client=${this.portal}
        .features=${this.features}
        .locale=${this.locale}
        .sessionLocale=${this.sessionLocale}
        theme=${this.theme}
        @duly-thread-created=${this.onThreadCreated}
      ></duly-invoice-threads>
    `;
  }

  private renderLines(invoice: Invoice, money: (amount: number) => string): TemplateResult {
    const { messages } = this.l10n;
    const lines = invoice.lines ?? [];

    return html`<table part="lines">
      <caption>${messages.lineItems}</caption>
      <thead>
        <tr>
          <th scope="col">${messages.description}</th>
          <th scope="col" class="amount">${messages.quantity}</th>
          <th scope="col" class="amount unit">${messages.unitPrice}</th>
          <th scope="col" class="amount">${messages.amount}</th>
        </tr>
      </thead>
      <tbody>
        ${lines.map(
          (line) => html`<tr>
            <td>${line.description}</td>
            <td class="amount">${line.quantity}</td>
            <td class="amount unit">${money(line.unit_amount)}</td>
            <td class="amount">${money(line.amount)}</td>
          </tr>`,
        )}
      </tbody>
      <tfoot>
        ${this.renderTaxes(invoice, money)}
        <tr>
          <th scope="row">${messages.total}</th>
          <td></td>
          <td class="unit"></td>
          <td class="amount">${money(invoice.total)}</td>
        </tr>
      </tfoot>
    </table>`;
  }

  /** Renders the subtotal and each tax above the total, or nothing when the invoice has no taxes. */
  private renderTaxes(
    invoice: Invoice,
    money: (amount: number) => string,
  ): TemplateResult | typeof nothing {
    const taxes = invoice.taxes ?? [];
    if (taxes.length === 0) return nothing;

    const { messages } = this.l10n;
    const subtotal =
      invoice.subtotal ?? invoice.total - taxes.reduce((sum, tax) => sum + tax.amount, 0);
    const row = (
      label: string,
      amount: number,
      testId: string,
    ) => html`<tr class="breakdown" data-testid=${testId}>
      <th scope="row">${label}</th>
      <td></td>
      <td class="unit"></td>
      <td class="amount">${money(amount)}</td>
    </tr>`;
    return html`${row(messages.subtotal, subtotal, 'invoice-subtotal')}
    ${taxes.map((tax) => row(tax.description, tax.amount, 'invoice-tax'))}`;
  }

  /**
   * Renders the payments and credit notes applied to the invoice. A payment shows what still
   * counts on the invoice, net of refunds and reversals, so the total less the received payments
   * and the credits is the amount due.
   */
  private renderPayments(invoice: Invoice, money: (amount: number) => string): TemplateResult {
    const { messages, locale } = this.l10n;
    const payments = invoice.payments ?? [];
    const credits = invoice.credits ?? [];
    const heading = credits.length === 0 ? messages.payments : messages.paymentsAndCredits;

    return html`<section class="payments" aria-labelledby="payments-heading">
      <h3 id="payments-heading">${heading}</h3>
      ${
        payments.length === 0 && credits.length === 0
          ? html`<p class="muted small">${messages.noPayments}</p>`
          : html`<ul class="rows" role="list">
              ${payments.map((payment) => {
                const reversed = payment.amount_reversed ?? 0;
                return html`<li
                  class=${NOT_RECEIVED.has(payment.status) ? 'payment not-received' : 'payment'}
                  data-payment-id=${payment.payment}
                  data-status=${payment.status}
                >
                  <span>
                    ${formatInstantDate(payment.created_at, locale)}
                    <span class="payment-status small" data-testid="payment-status">
                      · ${messages.paymentStatus[payment.status] ?? payment.status}
                    </span>
                    ${
                      reversed > 0
                        ? html`<span class="payment-status small" data-testid="payment-reversed">
                            · ${messages.refundedAmount(money(reversed))}
                          </span>`
                        : nothing
                    }
                  </span>
                  <span class="amount">${money(payment.amount - reversed)}</span>
                </li>`;
              })}
              ${credits.map(
                (credit) => html`<li class="payment credit" data-credit-note=${credit.credit_note}>
                  <span>
                    ${messages.creditNote(credit.number)}
                    <span class="payment-status small">· ${formatInstantDate(credit.created_at, locale)}</span>
                  </span>
                  <span class="amount">−${money(credit.amount)}</span>
                </li>`,
              )}
            </ul>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-invoice-detail': DulyInvoiceDetail;
  }
}
