import type { CreditApplication } from '@duly/sdk';
import { html, type TemplateResult } from 'lit';
import { type Localization, partMessages } from '../i18n/index.js';
import { formatMoney } from '../shared/format.js';
import { checkIcon } from '../shared/icons.js';
import { payMessages } from './pay.messages.js';

/** Draws the card shown after invoices were paid from the credit balance alone. */
export function renderCreditOutcome(
  application: CreditApplication,
  l10n: Localization,
  back: () => void,
): TemplateResult {
  const { messages, locale } = l10n;
  const text = partMessages(payMessages, l10n);
  const money = (amount: number) => formatMoney(amount, application.currency, locale);
  return html`<section
    class="card result succeeded"
    part="result"
    data-testid="credit-result"
  >
    <span class="result-icon">${checkIcon}</span>
    <div class="result-status" role="status" aria-live="polite">
      <h2 tabindex="-1">${text.creditPaidTitle}</h2>
      <p data-testid="result-body">${text.creditPaidBody(money(application.amount))}</p>
    </div>
    <ul class="receipt" aria-label=${messages.appliedTo}>
      ${application.applications.map(
        (line) => html`<li>
          <span>${line.invoice_number}</span>
          <span class="amount">${money(line.amount)}</span>
        </li>`,
      )}
      <li class="receipt-total">
        <span>${messages.total}</span>
        <span class="amount">${money(application.amount)}</span>
      </li>
    </ul>
    <p class="muted small" data-testid="credit-left">
      ${text.creditLeft(money(application.credit_remaining))}
    </p>
    <div class="actions">
      <button class="button primary" type="button" @click=${back}>${messages.done}</button>
    </div>
  </section>`;
}
