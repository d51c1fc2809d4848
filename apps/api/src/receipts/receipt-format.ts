import { formatMoney, type Receipt } from '@duly/core';
import { documentFileName } from '../documents/document-format.js';

/** Returns an amount of the receipt's currency as a person reads it in `locale`. */
export function formatReceiptMoney(receipt: Receipt, amount: number, locale: string): string {
  return formatMoney(amount, receipt.currency, locale);
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
  return documentFileName(receipt.vendor.name, 'receipt', receipt.number, 'pdf');
}
