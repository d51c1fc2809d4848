import type { Invoice } from '@duly/sdk';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/index.js';
import { formatPlainDate } from './format.js';
import { alertIcon, clockIcon } from './icons.js';

/**
 * Draws what stops pay-all and autopay from paying an invoice: a dispute ("Disputed"), or
 * a payment the customer reported and the vendor has not confirmed yet ("Payment sent
 * 3 Dec 2025"). Each mark is a word with an icon, never colour alone.
 */
export function invoiceMarks(
  invoice: Invoice,
  messages: Messages,
  locale: string,
): TemplateResult | typeof nothing {
  if (invoice.status !== 'open' || (!invoice.disputed && !invoice.payment_notice)) return nothing;
  const notice = invoice.payment_notice;
  return html`<span class="marks">
    ${
      invoice.disputed
        ? html`<span class="mark disputed" part="mark" data-testid="mark-disputed">
            ${alertIcon}${messages.disputed}
          </span>`
        : nothing
    }
    ${
      notice
        ? html`<span class="mark notice" part="mark" data-testid="mark-payment-sent">
            ${clockIcon}${messages.paymentSent(formatPlainDate(notice.sent_on, locale))}
          </span>`
        : nothing
    }
  </span>`;
}

/** Styles of `invoiceMarks`. */
export const invoiceMarkStyles = css`
  .marks {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-top: 0.125rem;
  }

  .mark {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0.0625rem 0.4375rem;
    /* Square enough to read well when a long mark wraps on a narrow row. */
    border-radius: 0.375rem;
    font-size: 0.75rem;
    font-weight: 600;
    background: var(--_neutral-bg);
    color: var(--_text);
  }

  .mark.notice {
    background: var(--_info-bg);
    color: var(--_info);
  }
`;
