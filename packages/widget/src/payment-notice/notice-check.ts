import { currencyExponent, formatDecimalAmount } from '@duly/core/money';
import type { Invoice } from '@duly/sdk';
import { type Localization, partMessages } from '../i18n/index.js';
import { parseAmountInput } from '../pay/card-fields.js';
import { decimalSeparator, formatMoney, formatPlainDate } from '../shared/format.js';
import { paymentNoticeMessages } from './payment-notice.messages.js';

/** The fields the customer filled in "I sent a payment", as typed. */
export interface NoticeFields {
  method: string;
  reference: string;
  /** `YYYY-MM-DD` from the date input, or empty. */
  sentOn: string;
  /** The amount typed for each chosen invoice, by invoice id. */
  amounts: ReadonlyMap<string, string>;
}

/** Minor units as an input's text in the customer's notation: `50.39`, `50,39`. */
export function amountText(amount: number, currency: string, locale: string): string {
  return formatDecimalAmount(amount, currency).replace('.', decimalSeparator(locale));
}

/** Reads one invoice's typed amount into minor units; `undefined` when it is not valid. */
export function readNoticeAmount(
  text: string,
  invoice: Invoice,
  locale: string,
): number | undefined {
  const amount = parseAmountInput(text, invoice.currency, decimalSeparator(locale));
  if (typeof amount !== 'number' || amount === 0 || amount > invoice.amount_payable)
    return undefined;
  return amount;
}

/** Returns the error of one invoice's typed amount, or `undefined` when it is valid. */
export function noticeAmountError(
  text: string,
  invoice: Invoice,
  { messages, locale }: Localization,
): string | undefined {
  const amount = parseAmountInput(text, invoice.currency, decimalSeparator(locale));
  if (amount === 'amountTooManyDecimals') {
    return messages.amountTooManyDecimals(invoice.currency, currencyExponent(invoice.currency));
  }
  if (amount === 'amountInvalid') {
    return messages.amountInvalid(
      amountText(Math.min(invoice.amount_payable, 1250), invoice.currency, locale),
    );
  }
  if (amount === 0) return messages.amountZero;
  if (amount > invoice.amount_payable) {
    return messages.amountTooHigh(formatMoney(invoice.amount_payable, invoice.currency, locale));
  }
  return undefined;
}

/**
 * Checks the notice before it is sent: a method, a date that is not after the vendor's
 * `today`, and at least one invoice with a valid amount. Returns the errors by field id.
 */
export function checkNotice(
  fields: NoticeFields,
  invoices: readonly Invoice[],
  today: string | undefined,
  l10n: Localization,
): Record<string, string> {
  const { locale } = l10n;
  const noticeText = partMessages(paymentNoticeMessages, l10n);
  const errors: Record<string, string> = {};
  if (!fields.method) errors['notice-method'] = noticeText.noticeMethodRequired;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.sentOn)) {
    errors['notice-sent-on'] = noticeText.noticeDateRequired;
  } else if (today && fields.sentOn > today) {
    errors['notice-sent-on'] = noticeText.noticeDateFuture(formatPlainDate(today, locale));
  }
  if (fields.amounts.size === 0) errors['notice-invoices'] = noticeText.noticeInvoicesRequired;
  for (const [id, text] of fields.amounts) {
    const invoice = invoices.find((candidate) => candidate.id === id);
    const error = invoice ? noticeAmountError(text, invoice, l10n) : undefined;
    if (error) errors[`notice-amount-${id}`] = error;
  }
  return errors;
}
