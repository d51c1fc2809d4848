import type { Statement, StatementSection } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { partMessages } from '../i18n/index.js';
import { focusAfterReceipt, receiptInPlace } from '../receipt/receipt-in-place.js';
import { saveFile } from '../shared/download.js';
import { DulyElement } from '../shared/duly-element.js';
import { fieldError } from '../shared/fields.js';
import { formatMoney, formatPlainDate } from '../shared/format.js';
import { alertIcon } from '../shared/icons.js';
import { panelStyles } from '../shared/panel-styles.js';
import { emptyState, errorState } from '../shared/states.js';
import { base, forms, tokens } from '../shared/styles.js';
import { statementStyles } from './duly-statement.styles.js';
import { type StatementMessages, statementMessages } from './statement.messages.js';

/** Aging buckets in the order the statement shows them. */
const BUCKETS = ['current', '1_30', '31_60', '61_90', 'over_90'] as const;

type Download = 'pdf' | 'csv';

/**
 * The customer's open-item statement of account as of a date, one section per currency,
 * since currencies are never added together. Each section shows the open amounts by age
 * (current, 1-30, 31-60, 61-90 and over 90 days past due), the open invoices, the credits
 * not applied yet and the balance. It also lists the payments of the 30 days up to the
 * date, each opening its receipt. The statement downloads as PDF and CSV.
 *
 * @tag duly-statement
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
 * @csspart statement - The card.
 * @csspart section - One currency's part of the statement.
 * @csspart aging - The open amounts by age of one currency.
 * @csspart error - The error state.
 */
export class DulyStatement extends DulyElement {
  static override styles = [tokens, base, forms, panelStyles, statementStyles];

  @state() private statement?: Statement;
  @state() private loadError?: unknown;
  /** The date typed in the picker, `YYYY-MM-DD`, or empty. */
  @state() private asOf = '';
  @state() private asOfError?: string;
  @state() private downloading?: Download;
  @state() private downloadFailed = false;
  @state() private receiptOf?: string;

  private get text(): StatementMessages {
    return partMessages(statementMessages, this.l10n);
  }

  /** The vendor's today, learned from the first statement, which is as of today. */
  #today?: string;
  #requestGeneration = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.statement) void this.refresh();
  }

  /** Focuses the statement's heading. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus(options);
  }

  /** Loads the statement as of the chosen date, or as of today before one is chosen. */
  async refresh(): Promise<void> {
    const generation = ++this.#requestGeneration;
    this.loadError = undefined;
    this.statement = undefined;
    try {
      const statement = await this.portal.getStatement(this.asOf ? { as_of: this.asOf } : {});
      if (generation !== this.#requestGeneration) return;
      this.#today ??= this.asOf ? undefined : statement.as_of;
      this.asOf = statement.as_of;
      this.statement = statement;
    } catch (error) {
      if (generation === this.#requestGeneration) this.loadError = error;
    }
  }

  private onDateChange(input: HTMLInputElement): void {
    const { locale } = this.l10n;
    this.asOf = input.value;
    if (!input.value) {
      this.asOfError = this.text.asOfMissing;
      return;
    }
    if (this.#today && input.value > this.#today) {
      this.asOfError = this.text.asOfFuture(formatPlainDate(this.#today, locale));
      return;
    }
    this.asOfError = undefined;
    void this.refresh();
  }

  private async download(kind: Download): Promise<void> {
    if (this.downloading || !this.statement) return;
    const asOf = this.statement.as_of;
    this.downloading = kind;
    this.downloadFailed = false;
    try {
      const file =
        kind === 'pdf'
          ? await this.portal.downloadStatementPdf({ as_of: asOf })
          : await this.portal.downloadStatementCsv({ as_of: asOf });
      saveFile(file, `statement-${asOf}.${kind}`);
    } catch {
      this.downloadFailed = true;
    } finally {
      this.downloading = undefined;
    }
  }

  private async openReceipt(paymentId: string | undefined): Promise<void> {
    const from = this.receiptOf;
    this.receiptOf = paymentId;
    await this.updateComplete;
    focusAfterReceipt(this.renderRoot, paymentId, from);
  }

  protected override render(): TemplateResult {
    if (this.receiptOf) {
      return receiptInPlace(this, this.portal, this.receiptOf, () => {
        void this.openReceipt(undefined);
      });
    }

    return html`<section class="card panel" part="statement" aria-labelledby="statement-heading">
      <div class="panel-header">
        <h2 id="statement-heading" tabindex="-1">${this.text.heading}</h2>
        ${this.renderDownloads()}
      </div>
      ${this.renderDatePicker()}
      <div role="status" aria-live="polite">
        ${
          this.downloadFailed
            ? html`<p class="field-error" data-testid="download-error">
                ${alertIcon}${this.text.downloadFailed}
              </p>`
            : nothing
        }
      </div>
      <div class="statement-body" aria-busy=${this.statement || this.loadError ? 'false' : 'true'}>
        ${this.renderBody()}
      </div>
    </section>`;
  }

  private renderDownloads(): TemplateResult {
    const button = (kind: Download, label: string) => html`<button
      class="button secondary"
      type="button"
      data-testid=${`download-${kind}`}
      ?disabled=${!this.statement}
      aria-disabled=${this.downloading === kind ? 'true' : 'false'}
      @click=${() => this.download(kind)}
    >
      ${label}
    </button>`;
    return html`<div class="downloads">
      ${button('pdf', this.text.downloadPdf)}
      ${button('csv', this.text.downloadCsv)}
    </div>`;
  }

  private renderDatePicker(): TemplateResult {
    return html`<div class="field as-of">
      <label for="as-of">${this.text.asOf}</label>
      <input
        id="as-of"
        type="date"
        data-testid="as-of"
        required
        max=${this.#today ?? nothing}
        .value=${this.asOf}
        aria-invalid=${this.asOfError ? 'true' : 'false'}
        aria-describedby=${this.asOfError ? 'as-of-error' : nothing}
        @change=${(event: Event) => this.onDateChange(event.target as HTMLInputElement)}
      />
      ${fieldError('as-of', this.asOfError)}
    </div>`;
  }

  private renderBody(): TemplateResult {
    const { messages, locale } = this.l10n;
    if (this.loadError) {
      return errorState(this.text.loadFailed, this.loadError, messages, () => {
        void this.refresh();
      });
    }
    const statement = this.statement;
    if (!statement) {
      return html`<div class="skeletons" aria-label=${messages.loading}>
        <span class="skeleton"></span><span class="skeleton"></span><span class="skeleton"></span>
      </div>`;
    }
    if (statement.sections.length === 0) {
      return emptyState(
        this.text.emptyTitle,
        this.text.emptyBody(formatPlainDate(statement.as_of, locale)),
      );
    }
    return html`${statement.sections.map((section) => this.renderSection(section))}`;
  }

  private renderSection(section: StatementSection): TemplateResult {
    const { locale } = this.l10n;
    const text = this.text;
    const money = (amount: number) => formatMoney(amount, section.currency, locale);
    const headingId = `section-${section.currency}`;

    return html`<section
      class="currency-section"
      part="section"
      data-testid="statement-section"
      data-currency=${section.currency}
      aria-labelledby=${headingId}
    >
      <div class="section-header">
        <h3 id=${headingId}>${currencyName(section.currency, locale)}</h3>
        <p class="balance">
          <span class="muted small">${text.balance}</span>
          <strong class="amount" data-testid="balance">${money(section.balance)}</strong>
          ${
            section.balance < 0
              ? html`<span class="muted small">${text.inCredit(money(-section.balance))}</span>`
              : nothing
          }
        </p>
      </div>
      ${this.renderAging(section, money)}
      ${this.renderOpenInvoices(section, money)}
      ${this.renderCredits(section, money)}
      <dl class="totals">
        <div><dt>${text.totalOpen}</dt><dd class="amount">${money(section.invoices_total)}</dd></div>
        <div>
          <dt>${text.totalCredits}</dt>
          <dd class="amount">${section.credits_total > 0 ? `−${money(section.credits_total)}` : money(0)}</dd>
        </div>
        <div class="total-balance">
          <dt>${text.balance}</dt><dd class="amount">${money(section.balance)}</dd>
        </div>
      </dl>
      ${this.renderRecentPayments(section, money)}
    </section>`;
  }

  private renderAging(
    section: StatementSection,
    money: (amount: number) => string,
  ): TemplateResult {
    const text = this.text;
    return html`<div class="aging-block">
      <h4 id=${`aging-${section.currency}`}>${text.aging}</h4>
      <dl class="aging" part="aging" aria-labelledby=${`aging-${section.currency}`}>
        ${BUCKETS.map((bucket) => {
          const amount = section.aging[bucket] ?? 0;
          const late = bucket !== 'current' && amount > 0;
          return html`<div class=${late ? 'bucket late' : 'bucket'} data-bucket=${bucket}>
            <dt>${text.buckets[bucket]}</dt>
            <dd class="amount">${money(amount)}</dd>
          </div>`;
        })}
      </dl>
    </div>`;
  }

  private renderOpenInvoices(
    section: StatementSection,
    money: (amount: number) => string,
  ): TemplateResult {
    const { messages, locale } = this.l10n;
    const text = this.text;
    return html`<h4>${text.openInvoices}</h4>
      ${
        section.invoices.length === 0
          ? html`<p class="muted small">${text.noOpenInvoices}</p>`
          : html`<ul class="items" aria-label=${text.openInvoices}>
              ${section.invoices.map(
                (item) => html`<li
                  class="item"
                  data-testid="statement-invoice"
                  data-invoice-number=${item.number}
                  data-bucket=${item.bucket}
                >
                  <span class="item-main">
                    <span class="item-title">
                      <strong>${item.number}</strong>
                      ${
                        item.disputed
                          ? html`<span class="badge" data-testid="disputed">${alertIcon}${text.disputed}</span>`
                          : nothing
                      }
                    </span>
                    <span class="muted small">
                      ${messages.issuedOn(formatPlainDate(item.issue_date, locale))} ·
                      ${messages.dueOn(formatPlainDate(item.due_date, locale))}
                    </span>
                    <span
                      class=${item.days_past_due > 0 ? 'small past-due' : 'small muted'}
                      data-testid="days-past-due"
                    >
                      ${text.daysPastDue(item.days_past_due)}
                    </span>
                  </span>
                  <span class="item-side figures">
                    <strong class="amount" data-testid="amount-open">${money(item.amount_open)}</strong>
                    ${
                      item.amount_open < item.total
                        ? html`<span class="muted small amount">${text.openOfTotal(money(item.total))}</span>`
                        : nothing
                    }
                  </span>
                </li>`,
              )}
            </ul>`
      }`;
  }

  private renderCredits(
    section: StatementSection,
    money: (amount: number) => string,
  ): TemplateResult | typeof nothing {
    const { locale } = this.l10n;
    const text = this.text;
    if (section.credits.length === 0) return nothing;
    return html`<h4>${text.credits}</h4>
      <ul class="items" aria-label=${text.credits}>
        ${section.credits.map(
          (credit) => html`<li class="item" data-testid="statement-credit">
            <span class="item-main">
              <strong>
                ${
                  credit.type === 'credit_note'
                    ? text.creditNote(credit.reference ?? credit.id)
                    : text.unappliedPayment(credit.reference)
                }
              </strong>
              <span class="muted small">${formatPlainDate(credit.date, locale)}</span>
            </span>
            <span class="item-side">
              <strong class="amount credit">−${money(credit.amount_open)}</strong>
            </span>
          </li>`,
        )}
      </ul>`;
  }

  private renderRecentPayments(
    section: StatementSection,
    money: (amount: number) => string,
  ): TemplateResult {
    const { messages, locale } = this.l10n;
    const text = this.text;
    return html`<h4>${text.recentPayments}</h4>
      ${
        section.recent_payments.length === 0
          ? html`<p class="muted small">${text.noRecentPayments}</p>`
          : html`<ul class="items" aria-label=${text.recentPayments}>
              ${section.recent_payments.map(
                (payment) => html`<li
                  class="item"
                  data-testid="statement-payment"
                  data-payment-id=${payment.payment}
                >
                  <span class="item-main">
                    <strong>${formatPlainDate(payment.date, locale)}</strong>
                    <span class="muted small">${text.methods[payment.method] ?? payment.method}</span>
                  </span>
                  <span class="item-side">
                    <strong class="amount">${money(payment.amount)}</strong>
                    ${
                      payment.receipt_url
                        ? html`<button
                            class="link-button"
                            type="button"
                            data-testid="open-receipt"
                            aria-label=${`${messages.viewReceipt}: ${formatPlainDate(payment.date, locale)}, ${money(payment.amount)}`}
                            @click=${() => this.openReceipt(payment.payment)}
                          >
                            ${messages.viewReceipt}
                          </button>`
                        : nothing
                    }
                  </span>
                </li>`,
              )}
            </ul>`
      }`;
  }
}

/** Returns the currency's name in `locale` with its code: "US Dollar (USD)". */
function currencyName(currency: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames(locale, { type: 'currency' }).of(currency);
    if (!name || name === currency) return currency;
    // Spanish writes currency names in lower case ("euro"); a heading starts with a capital.
    return `${name.charAt(0).toLocaleUpperCase(locale)}${name.slice(1)} (${currency})`;
  } catch {
    return currency;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-statement': DulyStatement;
  }
}
