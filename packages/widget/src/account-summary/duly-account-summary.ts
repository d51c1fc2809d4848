import type { Balance, PortalSession } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DulyElement } from '../shared/duly-element.js';
import { emit, type PaymentNoticeRequestDetail, type PayRequestDetail } from '../shared/events.js';
import { formatMoney } from '../shared/format.js';
import { alertIcon, checkIcon } from '../shared/icons.js';
import { errorState } from '../shared/states.js';
import { base, tokens } from '../shared/styles.js';
import { accountSummaryStyles } from './duly-account-summary.styles.js';

/**
 * The customer's open balance, one figure per currency (never summed across currencies),
 * with the number of open and overdue invoices and the credit balance in that currency.
 *
 * @tag duly-account-summary
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 * @prop {PortalSession} portalSession - The session to show; fetched when not set.
 * @prop {PortalFeature[]} features - The session's features. Without `pay`, no balance
 *   offers "Pay all", "Pay an amount" or "I sent a payment"; while not set, all three show.
 *
 * @fires duly-session-expired - The session expired; the element is renewing it.
 * @fires duly-pay-request - {PayRequestDetail} The customer chose "Pay all" or "Pay an
 *   amount" of a currency (`balance` is set). `<duly-portal>` opens `<duly-pay>`;
 *   a page that shows the summary alone does the same.
 * @fires duly-payment-notice-request - {PaymentNoticeRequestDetail} The customer chose
 *   "I sent a payment"; `<duly-portal>` opens `<duly-payment-notice>`.
 *
 * @csspart summary - The summary card.
 * @csspart balance - One currency's balance.
 * @csspart error - The error state.
 *
 * @cssprop --duly-color-primary - Colour of buttons.
 * @cssprop --duly-color-background - Background of the card.
 * @cssprop --duly-color-surface - Background of each balance.
 * @cssprop --duly-color-text - Text colour.
 * @cssprop --duly-radius - Corner radius.
 * @cssprop --duly-font-family - Font; inherited from the page when not set.
 */
export class DulyAccountSummary extends DulyElement {
  static override styles = [tokens, base, accountSummaryStyles];

  /** The session to show. When not set, the element fetches it with `getSession()`. */
  @property({ attribute: false }) portalSession?: PortalSession;

  @state() private loadError?: unknown;
  @state() private loading = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.portalSession) void this.refresh();
  }

  /** Fetches the session again, for balances that changed after a payment. */
  async refresh(): Promise<void> {
    this.loading = true;
    this.loadError = undefined;
    try {
      this.portalSession = await this.portal.getSession();
    } catch (error) {
      this.loadError = error;
    } finally {
      this.loading = false;
    }
  }

  protected override render(): TemplateResult {
    const { messages } = this.l10n;
    const session = this.portalSession;

    let body: TemplateResult;
    if (session) {
      body = this.renderSession(session);
    } else if (this.loadError && !this.loading) {
      body = errorState(messages.loadAccountFailed, this.loadError, messages, () => {
        void this.refresh();
      });
    } else {
      body = this.renderSkeleton();
    }

    return html`<section class="card summary" part="summary" aria-label=${messages.summaryLabel}>
      ${body}
    </section>`;
  }

  private renderSession(session: PortalSession): TemplateResult {
    const { messages } = this.l10n;
    const due = session.balances.filter((balance) => balance.amount_due > 0);
    // A currency with credit and nothing due is listed too, so its credit stays visible.
    const listed = session.balances.filter(
      (balance) => balance.amount_due > 0 || balance.credit > 0,
    );

    return html`
      <div class="heading">
        <h2>${session.vendor.name}</h2>
        <p class="muted small">${messages.accountOf(session.customer.name)}</p>
      </div>
      ${
        due.length === 0
          ? html`<div class="all-paid" part="all-paid">
              ${checkIcon}
              <div>
                <strong>${messages.nothingDue}</strong>
                <p class="small">${messages.nothingDueBody}</p>
              </div>
            </div>`
          : nothing
      }
      ${
        listed.length > 0
          ? html`<ul class="balances">
              ${listed.map((balance) =>
                balance.amount_due > 0 ? this.renderBalance(balance) : this.renderCredit(balance),
              )}
            </ul>`
          : nothing
      }
    `;
  }

  // --- widget-pay: credit balance and the ways to pay a balance ---

  /** Draws a currency with credit and nothing due: its credit alone. */
  private renderCredit(balance: Balance): TemplateResult {
    const { messages, locale } = this.l10n;
    return html`<li class="balance credit-only" part="balance" data-currency=${balance.currency}>
      <span class="label">${messages.creditBalanceLabel} · ${balance.currency}</span>
      <span class="amount total" data-testid="credit-balance">
        ${formatMoney(balance.credit, balance.currency, locale)}
      </span>
    </li>`;
  }

  private renderPayActions(balance: Balance): TemplateResult | typeof nothing {
    if (!this.hasFeature('pay')) return nothing;
    const { messages } = this.l10n;
    const { currency } = balance;
    const pay = (way: 'all' | 'amount') =>
      emit<PayRequestDetail>(this, 'duly-pay-request', {
        invoices: [],
        balance: { currency, way },
      });
    return html`<span class="pay-actions">
      <button
        class="button primary"
        type="button"
        data-testid="pay-all"
        aria-label=${messages.payAllOf(currency)}
        @click=${() => pay('all')}
      >
        ${messages.payAll}
      </button>
      <button
        class="button secondary"
        type="button"
        data-testid="pay-an-amount"
        aria-label=${messages.payAnAmountOf(currency)}
        @click=${() => pay('amount')}
      >
        ${messages.payAnAmount}
      </button>
      <button
        class="link-button"
        type="button"
        data-testid="report-payment"
        aria-label=${messages.reportPaymentOf(currency)}
        @click=${() =>
          emit<PaymentNoticeRequestDetail>(this, 'duly-payment-notice-request', {
            invoices: [],
            currency,
          })}
      >
        ${messages.reportPayment}
      </button>
    </span>`;
  }

  private renderBalance(balance: Balance): TemplateResult {
    const { messages, locale } = this.l10n;
    const money = (amount: number) => formatMoney(amount, balance.currency, locale);

    return html`<li class="balance" part="balance" data-currency=${balance.currency}>
      <span class="label">${messages.balanceDue} · ${balance.currency}</span>
      <span class="amount total">${money(balance.amount_due)}</span>
      <span class="facts">
        <span class="muted">${messages.openInvoices(balance.open_count)}</span>
        ${
          balance.overdue_count > 0
            ? html`<span class="overdue" data-testid="overdue-count">
                ${alertIcon}${messages.overdueInvoices(balance.overdue_count)} ·
                <span class="amount">${money(balance.overdue_amount)}</span>
              </span>`
            : nothing
        }
        ${
          balance.amount_pending > 0
            ? html`<span class="muted">${messages.pendingAmount(money(balance.amount_pending))}</span>`
            : nothing
        }
        ${
          balance.credit > 0
            ? html`<span class="credit" data-testid="credit-balance">
                ${messages.creditBalance(money(balance.credit))}
              </span>`
            : nothing
        }
      </span>
      ${this.renderPayActions(balance)}
    </li>`;
  }

  private renderSkeleton(): TemplateResult {
    return summarySkeleton(this.l10n.messages.loading);
  }
}

/** The summary's loading state, also shown by `<duly-portal>` while it loads the session. */
export function summarySkeleton(label: string): TemplateResult {
  return html`<div aria-busy="true" aria-label=${label}>
    <span class="skeleton title"></span>
    <div class="balances skeleton-balances">
      <div class="balance">
        <span class="skeleton line"></span>
        <span class="skeleton figure"></span>
      </div>
    </div>
  </div>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-account-summary': DulyAccountSummary;
  }
}
