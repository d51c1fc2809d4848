import type { PaymentPreview } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { type Localization, partMessages } from '../i18n/index.js';
import { formatMoney, formatPlainDate } from '../shared/format.js';
import { halfIcon } from '../shared/icons.js';
import { payMessages } from './pay.messages.js';

/**
 * Draws how a payment of a balance is applied, as the API's preview computed it: each invoice,
 * oldest first, with its amount, the last one marked as paid partly, the part paid from
 * credit, and what becomes credit balance.
 */
export function renderSplit(preview: PaymentPreview, l10n: Localization): TemplateResult {
  const { messages, locale } = l10n;
  const text = partMessages(payMessages, l10n);
  const money = (amount: number) => formatMoney(amount, preview.currency, locale);
  return html`<ul class="split" aria-label=${text.splitLabel} data-testid="split">
    ${preview.applications.map((application) => {
      const partly = application.amount < application.amount_payable;
      return html`<li
        class="split-row"
        data-testid="split-row"
        data-invoice-id=${application.invoice}
      >
        <span class="invoice">
          <strong>${application.invoice_number}</strong>
          <span class="muted small">
            ${messages.dueOn(formatPlainDate(application.due_date, locale))}
          </span>
        </span>
        <span class="split-figures">
          <span class="amount" data-testid="split-amount">${money(application.amount)}</span>
          ${
            partly
              ? html`<span class="partly small" data-testid="split-partly">
                  ${halfIcon}${text.splitPartOf(money(application.amount_payable))}
                </span>`
              : nothing
          }
          ${
            application.credit > 0
              ? html`<span class="muted small" data-testid="split-credit">
                  ${text.fromCredit(money(application.credit))}
                </span>`
              : nothing
          }
        </span>
      </li>`;
    })}
    ${
      preview.amount_to_credit > 0
        ? html`<li class="split-row to-credit" data-testid="split-to-credit">
            <span>${text.becomesCredit}</span>
            <span class="amount">${money(preview.amount_to_credit)}</span>
          </li>`
        : nothing
    }
  </ul>`;
}

/** The figures under a payment's invoices, in minor units of its currency. */
export interface PaymentFigures {
  /** The amount the payment covers: invoices, plus what becomes credit. */
  total: number;
  /** Paid from the credit balance. */
  creditApplied: number;
  /** Charged to the payment method: `total - creditApplied`. */
  toCharge: number;
}

/**
 * Draws the total, and with credit used, the credit and what is left to pay now. The
 * total reads "—" until it is known, because $0.00 would be false.
 */
export function renderTotals(
  figures: PaymentFigures | undefined,
  currency: string,
  l10n: Localization,
): TemplateResult {
  const { messages, locale } = l10n;
  const text = partMessages(payMessages, l10n);
  const money = (amount: number) => formatMoney(amount, currency, locale);
  return html`<div class="totals">
    <p class="total">
      <span>${messages.total}</span>
      <span class="amount" data-testid="pay-total">${figures ? money(figures.total) : '—'}</span>
    </p>
    ${
      figures && figures.creditApplied > 0
        ? html`<p class="subtotal">
              <span>${text.creditUsed}</span>
              <span class="amount" data-testid="pay-credit-used">
                −${money(figures.creditApplied)}
              </span>
            </p>
            <p class="total">
              <span>${text.toPayNow}</span>
              <span class="amount" data-testid="pay-to-charge">${money(figures.toCharge)}</span>
            </p>`
        : nothing
    }
  </div>`;
}
