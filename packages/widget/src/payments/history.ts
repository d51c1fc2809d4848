import type { CreditNote, Payment, PaymentNotice } from '@duly/sdk';
import { css, html, nothing, type TemplateResult } from 'lit';
import { type Localization, partMessages } from '../i18n/index.js';
import { formatMoney, formatPlainDate } from '../shared/format.js';
import { alertIcon, checkIcon, clockIcon, slashIcon } from '../shared/icons.js';
import { offlineLabel } from '../shared/offline-methods.messages.js';
import { type HistoryMessages, historyMessages } from './history.messages.js';

/** One entry of the payment history: a payment, a payment notice or a credit note. */
export type HistoryEntry =
  | { kind: 'payment'; at: string; payment: Payment }
  | { kind: 'notice'; at: string; notice: PaymentNotice }
  | { kind: 'credit_note'; at: string; creditNote: CreditNote };

/**
 * Merges payments, payment notices and credit notes, newest first. Payments and notices
 * sort by when they were made. A credit note sorts by the day it was issued, at noon UTC,
 * so it sits among the payments of that day wherever the customer is.
 */
export function mergeHistory(
  payments: readonly Payment[],
  notices: readonly PaymentNotice[],
  creditNotes: readonly CreditNote[],
): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    ...payments.map((payment) => ({ kind: 'payment' as const, at: payment.created_at, payment })),
    ...notices.map((notice) => ({ kind: 'notice' as const, at: notice.created_at, notice })),
    ...creditNotes.map((creditNote) => ({
      kind: 'credit_note' as const,
      at: `${creditNote.issued_on}T12:00:00.000Z`,
      creditNote,
    })),
  ];
  // ISO 8601 UTC timestamps sort as text.
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}

/** Draws a notice's status as a word, an icon and a colour. */
function noticeBadge(notice: PaymentNotice, text: HistoryMessages): TemplateResult {
  const label = text.noticeStatus[notice.status] ?? notice.status;
  const [tone, icon] =
    notice.status === 'confirmed'
      ? ['paid', checkIcon]
      : notice.status === 'rejected'
        ? ['overdue', alertIcon]
        : ['open', clockIcon];
  return html`<span class=${`badge ${tone}`} part="status" data-testid="notice-status" data-status=${notice.status}>
    ${icon}${label}
  </span>`;
}

/** Draws a payment the customer reported: amount, how and when it was sent, and its status. */
export function renderNoticeEntry(notice: PaymentNotice, l10n: Localization): TemplateResult {
  const { messages, locale } = l10n;
  const text = partMessages(historyMessages, l10n);
  const invoices = notice.invoices.map((line) => line.invoice_number).join(', ');
  return html`<li
    class="item"
    part="notice"
    data-testid="notice-row"
    data-notice-id=${notice.id}
  >
    <span class="item-main">
      <strong>
        ${formatMoney(notice.amount, notice.currency, locale)} · ${text.noticeRowTitle}
      </strong>
      <span class="muted small">
        ${offlineLabel(notice.method, notice.reference, l10n)} ·
        ${text.sentOn(formatPlainDate(notice.sent_on, locale))} ·
        ${messages.invoicesPaid(invoices)}
      </span>
      ${
        notice.status === 'rejected' && notice.rejection_reason
          ? html`<span class="small rejection" data-testid="notice-rejection">
              ${text.rejectedBecause(notice.rejection_reason)}
            </span>`
          : nothing
      }
    </span>
    <span class="item-side">${noticeBadge(notice, text)}</span>
  </li>`;
}

/** Draws a credit note: its amount and reason, the invoices it paid, and the credit left. */
export function renderCreditNoteEntry(creditNote: CreditNote, l10n: Localization): TemplateResult {
  const { locale } = l10n;
  const text = partMessages(historyMessages, l10n);
  const money = (amount: number) => formatMoney(amount, creditNote.currency, locale);
  const applied = creditNote.applications.map((line) => line.invoice_number).join(', ');
  const isVoid = creditNote.status === 'void';
  const label = text.creditNoteStatus[creditNote.status] ?? creditNote.status;
  return html`<li
    class="item"
    part="credit-note"
    data-testid="credit-note-row"
    data-credit-note-id=${creditNote.id}
  >
    <span class="item-main">
      <strong>${money(creditNote.amount)} · ${text.creditNoteTitle(creditNote.number)}</strong>
      <span class="muted small">
        ${formatPlainDate(creditNote.issued_on, locale)} · ${creditNote.reason}
      </span>
      ${
        isVoid || (!applied && creditNote.amount_remaining === 0)
          ? nothing
          : html`<span class="muted small" data-testid="credit-note-use">
              ${applied ? text.appliedToInvoices(applied) : nothing}
              ${applied && creditNote.amount_remaining > 0 ? ' · ' : nothing}
              ${
                creditNote.amount_remaining > 0
                  ? text.creditNoteLeft(money(creditNote.amount_remaining))
                  : nothing
              }
            </span>`
      }
    </span>
    <span class="item-side">
      <span
        class=${isVoid ? 'badge' : 'badge paid'}
        part="status"
        data-testid="credit-note-status"
        data-status=${creditNote.status}
      >
        ${isVoid ? slashIcon : checkIcon}${label}
      </span>
    </span>
  </li>`;
}

/**
 * Draws what a payment did beyond its invoices: credit it used, the part that became credit
 * balance, and the reason it paid an invoice partly.
 */
export function renderPaymentExtras(
  payment: Payment,
  l10n: Localization,
): TemplateResult | typeof nothing {
  const { locale } = l10n;
  const text = partMessages(historyMessages, l10n);
  const money = (amount: number) => formatMoney(amount, payment.currency, locale);
  const lines: string[] = [];
  if (payment.credit_applied > 0) lines.push(text.paymentCreditUsed(money(payment.credit_applied)));
  if (payment.amount_unapplied > 0 && payment.status === 'succeeded') {
    lines.push(text.paymentAddedToCredit(money(payment.amount_unapplied)));
  }
  if (payment.short_pay) lines.push(text.paidPartly(payment.short_pay.reason));
  if (lines.length === 0) return nothing;
  return html`<span class="muted small" data-testid="payment-extras">${lines.join(' · ')}</span>`;
}

/** Styles of the history's notice and credit note entries. */
export const historyStyles = css`
  .rejection {
    color: var(--_danger);
    font-weight: 600;
  }
`;
