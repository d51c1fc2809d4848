import { formatMoney, type PaymentMethodDetails, type Receipt } from '@duly/core';

/** Card brands as Stripe names them, written as their owners do. */
const CARD_BRANDS: Record<string, string> = {
  amex: 'American Express',
  diners: 'Diners Club',
  discover: 'Discover',
  eftpos_au: 'eftpos',
  jcb: 'JCB',
  mastercard: 'Mastercard',
  unionpay: 'UnionPay',
  visa: 'Visa',
};

/** Returns an amount of the receipt's currency as a person reads it in `locale`. */
export function formatReceiptMoney(receipt: Receipt, amount: number, locale: string): string {
  return formatMoney(amount, receipt.currency, locale);
}

/** Returns the calendar date of `instant` in the vendor's time zone, such as "March 14, 2026". */
export function formatReceiptDate(instant: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(new Date(instant));
}

/**
 * Returns the date and time of `instant` in the vendor's time zone with the zone's name,
 * such as "March 14, 2026 at 7:30 PM PDT", so a reader elsewhere knows which day it was.
 */
export function formatReceiptDateTime(instant: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(new Date(instant));
}

/** Describes how the customer paid, such as "Visa ending in 4242"; never a full number. */
export function describePaymentMethod(
  details: PaymentMethodDetails | null,
  bankName: string | null,
): string {
  if (details === null || details.type === 'offline') return 'Recorded by the vendor';
  const ending = details.last4 === null ? '' : ` ending in ${details.last4}`;
  if (details.type === 'us_bank_account') {
    return `Bank account${ending}${bankName === null ? '' : ` (${bankName})`}`;
  }
  const brand = details.brand === null ? 'Card' : (CARD_BRANDS[details.brand] ?? details.brand);
  return `${brand}${ending}`;
}

/** Names the receipt's state: paid, partly refunded, or refunded in full. */
export function describeReceiptStatus(receipt: Receipt): string {
  if (receipt.status === 'refunded') return 'Refunded';
  return receipt.amount_refunded > 0 ? 'Partly refunded' : 'Paid';
}

/**
 * Returns the download name of a receipt PDF, such as `acme-hardware-receipt-4fQz-a9Kd-2xYb.pdf`:
 * the vendor's name in ASCII letters and digits, so every browser and file system keeps it.
 */
export function receiptFileName(receipt: Receipt): string {
  const vendor = receipt.vendor.name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${vendor === '' ? '' : `${vendor}-`}receipt-${receipt.number}.pdf`;
}
