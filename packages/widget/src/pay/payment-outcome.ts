import type { Payment, PaymentMethod } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { type Localization, partMessages } from '../i18n/index.js';
import { formatInstantDate, formatMoney } from '../shared/format.js';
import { alertIcon, checkIcon, clockIcon } from '../shared/icons.js';
import { failureReason, methodLabel, paymentMethodOf } from '../shared/payment-text.js';
import { payMessages } from './pay.messages.js';

/** Actions the customer can take from a result. */
export interface OutcomeActions {
  back(): void;
  viewReceipt(): void;
}

/**
 * Draws the card shown after a payment: succeeded (with a receipt link), pending while a
 * bank payment is on its way, or returned by the bank, with the credit the request used and
 * the part of the payment that became credit. Its status line is a live region, so a
 * pending payment that settles while shown is announced. `methods` are the customer's saved
 * methods, which name the bank of a bank account.
 */
export function renderOutcome(
  payment: Payment,
  methods: readonly PaymentMethod[],
  l10n: Localization,
  actions: OutcomeActions,
): TemplateResult {
  const { messages, locale } = l10n;
  const text = partMessages(payMessages, l10n);
  const money = (amount: number) => formatMoney(amount, payment.currency, locale);
  const method = paymentMethodOf(payment, methods);
  const paidText =
    method?.last4 != null
      ? messages.paidWith(money(payment.amount), methodLabel(method, messages, true))
      : messages.paid(money(payment.amount));

  let tone: string;
  let icon: TemplateResult;
  let title: string;
  let body: string;
  if (payment.status === 'succeeded') {
    tone = 'succeeded';
    icon = checkIcon;
    title = messages.paymentSucceeded;
    body = paidText;
  } else if (payment.status === 'pending') {
    tone = 'pending';
    icon = clockIcon;
    title = messages.paymentPending;
    body = messages.pendingBody(money(payment.amount));
  } else {
    tone = 'failed';
    icon = alertIcon;
    title = messages.paymentReturned;
    body = messages.returnedBody(failureReason(payment.failure_code, messages));
  }

  return html`<section
    class=${`card result ${tone}`}
    part="result"
    data-testid="payment-result"
    data-status=${payment.status}
    data-payment-id=${payment.id}
  >
    <span class="result-icon">${icon}</span>
    <div class="result-status" role="status" aria-live="polite">
      <h2 tabindex="-1">${title}</h2>
      <p data-testid="result-body">${body}</p>
    </div>
    <ul class="receipt" aria-label=${messages.appliedTo}>
      ${payment.applications.map(
        (application) => html`<li>
          <span>${application.invoice_number}</span>
          <span class="amount">${money(application.amount)}</span>
        </li>`,
      )}
      ${
        payment.amount_unapplied > 0
          ? html`<li data-testid="result-to-credit">
              <span>${text.becomesCredit}</span>
              <span class="amount">${money(payment.amount_unapplied)}</span>
            </li>`
          : nothing
      }
      <li class="receipt-total">
        <span>${messages.total}</span>
        <span class="amount">${money(payment.amount)}</span>
      </li>
    </ul>
    ${
      payment.credit_applied > 0
        ? html`<p class="small" data-testid="result-credit-used">
            ${text.paymentCreditUsed(money(payment.credit_applied))}
          </p>`
        : nothing
    }
    <p class="muted small">
      ${messages.reference} ${payment.id} · ${formatInstantDate(payment.created_at, locale)}
    </p>
    <div class="actions">
      ${
        payment.status === 'succeeded'
          ? html`<button
              class="button secondary"
              type="button"
              data-testid="view-receipt"
              @click=${actions.viewReceipt}
            >
              ${messages.viewReceipt}
            </button>`
          : nothing
      }
      <button class="button primary" type="button" @click=${actions.back}>${messages.done}</button>
    </div>
  </section>`;
}
