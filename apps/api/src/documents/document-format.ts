import type { Address, OfflineMethod, PaymentMethodDetails, PlainDate } from '@duly/core';

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

/** Returns the calendar date of `instant` in the vendor's time zone, such as "March 14, 2026". */
export function formatDateOfInstant(
  instant: string | Date,
  locale: string,
  timeZone: string,
): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(new Date(instant));
}

/**
 * Returns a plain `YYYY-MM-DD` date as a person reads it in `locale`: "March 1, 2026" in the
 * long style, "Mar 1, 2026" in the medium one, for tables. The date is formatted in UTC,
 * where its midnight lies, so no time zone shifts it.
 */
export function formatPlainDate(
  date: PlainDate,
  locale: string,
  style: 'long' | 'medium' = 'long',
): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day),
  );
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

/** Ways money arrives outside the portal, as a document names them. */
const OFFLINE_METHOD_NAMES: Record<OfflineMethod, string> = {
  check: 'Check',
  wire: 'Wire transfer',
  ach_credit: 'ACH credit',
  cash: 'Cash',
  other: 'Other payment',
};

/** The columns of a payment row that describe how the money came. */
export interface PaymentMethodFields {
  source: 'portal' | 'autopay' | 'import' | 'vendor';
  method_type: 'card' | 'us_bank_account' | 'offline' | null;
  method_brand: string | null;
  method_last4: string | null;
  offline_method: OfflineMethod | null;
  offline_reference: string | null;
  /** The bank of a bank account payment, from its payment method. */
  bank_name: string | null;
}

/**
 * Describes how a payment came, for documents: the card or bank account, the vendor's record
 * of a cheque or wire with its reference, such as "Check 1042", or an imported ledger entry.
 */
export function describePayment(payment: PaymentMethodFields): string {
  if (payment.source === 'import') return 'Imported ledger entry';
  if (payment.offline_method !== null) {
    const name = OFFLINE_METHOD_NAMES[payment.offline_method];
    return payment.offline_reference === null ? name : `${name} ${payment.offline_reference}`;
  }
  const details =
    payment.method_type === null
      ? null
      : { type: payment.method_type, brand: payment.method_brand, last4: payment.method_last4 };
  return describePaymentMethod(details, payment.bank_name);
}

/**
 * Writes a postal address as the lines of an envelope: street lines, then "City, Region
 * Postal code", then the country's name in `locale`.
 */
export function formatAddressLines(address: Address, locale: string): string[] {
  const lines = [address.line1];
  if (address.line2 !== null && address.line2 !== '') lines.push(address.line2);
  const region = [address.region, address.postal_code].filter(
    (part) => part !== null && part !== '',
  );
  lines.push([address.city, region.join(' ')].filter((part) => part !== '').join(', '));
  lines.push(countryName(address.country, locale));
  return lines;
}

function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Returns the download name of a document, such as `acme-hardware-invoice-INV-1001.pdf`:
 * the vendor's name and the document's reference in ASCII letters, digits and dashes, so
 * every browser and file system keeps it.
 */
export function documentFileName(
  vendorName: string,
  kind: string,
  reference: string,
  extension: 'pdf' | 'csv',
): string {
  const vendor = fileNamePart(vendorName, 40).toLowerCase();
  const name = [vendor, kind, fileNamePart(reference, 64)].filter((part) => part !== '');
  return `${name.join('-')}.${extension}`;
}

/**
 * Keeps the ASCII letters and digits of `text`, accents dropped from letters, and turns other
 * runs of characters into one dash.
 */
function fileNamePart(text: string, maxLength: number): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
