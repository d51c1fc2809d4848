import { type CurrencyCode, formatMoney, type PlainDate } from '@duly/core';
import { formatDateOfInstant, formatPlainDate } from '../documents/document-format.js';
import { canonicalLocale, DEFAULT_DOCUMENT_LOCALE } from '../documents/document-locale.js';

/** A rendered message: the subject and the same words as plain text and as HTML. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Facts about the invoice that an invoice email or a reminder prints. */
export interface InvoiceFacts {
  vendorName: string;
  customerName: string;
  number: string;
  currency: CurrencyCode;
  /** Amount left to pay, in minor units. */
  amountPayable: number;
  dueDate: PlainDate;
  payUrl: string;
  /** The customer's own locale tag, if set. */
  locale: string | null;
}

/** Facts about a succeeded payment that a receipt prints. */
export interface ReceiptFacts {
  vendorName: string;
  customerName: string;
  receiptNumber: string;
  currency: CurrencyCode;
  amount: number;
  paidAt: Date;
  paidWith: string;
  invoiceNumbers: string[];
  timeZone: string;
  locale: string | null;
}

type Language = 'en' | 'es';

/**
 * Picks the language of a customer's email from its locale: Spanish for `es-*`, English
 * otherwise. The locale itself still formats amounts and dates.
 */
function languageOf(locale: string): Language {
  return locale.toLowerCase().startsWith('es') ? 'es' : 'en';
}

function localeOf(tag: string | null): string {
  return canonicalLocale(tag) ?? DEFAULT_DOCUMENT_LOCALE;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Words of one message: a greeting, paragraphs, and an optional call to action with its URL. */
interface MessageWords {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  signature: string;
}

/** Lays the words out as plain text and as simple HTML, every value escaped in the HTML. */
function compose(words: MessageWords): EmailContent {
  const textParts = [words.greeting, ...words.paragraphs];
  if (words.action !== undefined) textParts.push(`${words.action.label}: ${words.action.url}`);
  textParts.push(words.signature);

  const htmlParts = [words.greeting, ...words.paragraphs].map((p) => `<p>${escapeHtml(p)}</p>`);
  if (words.action !== undefined) {
    htmlParts.push(
      `<p><a href="${escapeHtml(words.action.url)}">${escapeHtml(words.action.label)}</a></p>`,
    );
  }
  htmlParts.push(`<p>${escapeHtml(words.signature)}</p>`);
  return {
    subject: words.subject,
    text: `${textParts.join('\n\n')}\n`,
    html: `<!doctype html><html><body>${htmlParts.join('')}</body></html>`,
  };
}

/** Renders the email that sends a new invoice with its pay link. */
export function renderInvoiceEmail(facts: InvoiceFacts): EmailContent {
  const locale = localeOf(facts.locale);
  const amount = formatMoney(facts.amountPayable, facts.currency, locale);
  const due = formatPlainDate(facts.dueDate, locale);
  const words: Record<Language, MessageWords> = {
    en: {
      subject: `Invoice ${facts.number} from ${facts.vendorName}: ${amount} due ${due}`,
      greeting: `Hello ${facts.customerName},`,
      paragraphs: [
        `${facts.vendorName} has sent you invoice ${facts.number} for ${amount}, due on ${due}.`,
      ],
      action: { label: 'View and pay the invoice', url: facts.payUrl },
      signature: facts.vendorName,
    },
    es: {
      subject: `Factura ${facts.number} de ${facts.vendorName}: ${amount}, vence el ${due}`,
      greeting: `Hola, ${facts.customerName}:`,
      paragraphs: [
        `${facts.vendorName} le ha enviado la factura ${facts.number} por ${amount}, que vence el ${due}.`,
      ],
      action: { label: 'Ver y pagar la factura', url: facts.payUrl },
      signature: facts.vendorName,
    },
  };
  return compose(words[languageOf(locale)]);
}

/**
 * Renders a reminder of an open invoice sent `day` days from its due date: before it, on it
 * or after it, which changes the subject and the first sentence.
 */
export function renderReminderEmail(facts: InvoiceFacts, day: number): EmailContent {
  const locale = localeOf(facts.locale);
  const amount = formatMoney(facts.amountPayable, facts.currency, locale);
  const due = formatPlainDate(facts.dueDate, locale);
  let when: 'before' | 'today' | 'after' = 'today';
  if (day < 0) when = 'before';
  else if (day > 0) when = 'after';
  const en = {
    before: [`Reminder: invoice ${facts.number} is due on ${due}`, `is due on ${due}`],
    today: [`Invoice ${facts.number} is due today`, 'is due today'],
    after: [`Invoice ${facts.number} is overdue`, `was due on ${due} and is still open`],
  }[when];
  const es = {
    before: [`Recordatorio: la factura ${facts.number} vence el ${due}`, `vence el ${due}`],
    today: [`La factura ${facts.number} vence hoy`, 'vence hoy'],
    after: [`La factura ${facts.number} está vencida`, `venció el ${due} y sigue pendiente`],
  }[when];
  const words: Record<Language, MessageWords> = {
    en: {
      subject: `${en[0]} (${amount})`,
      greeting: `Hello ${facts.customerName},`,
      paragraphs: [
        `Invoice ${facts.number} from ${facts.vendorName} ${en[1]}. The amount left to pay is ${amount}.`,
        'If you have already paid it, thank you, and please disregard this message.',
      ],
      action: { label: 'Pay the invoice', url: facts.payUrl },
      signature: facts.vendorName,
    },
    es: {
      subject: `${es[0]} (${amount})`,
      greeting: `Hola, ${facts.customerName}:`,
      paragraphs: [
        `La factura ${facts.number} de ${facts.vendorName} ${es[1]}. El importe pendiente es ${amount}.`,
        'Si ya la ha pagado, gracias, y no tenga en cuenta este mensaje.',
      ],
      action: { label: 'Pagar la factura', url: facts.payUrl },
      signature: facts.vendorName,
    },
  };
  return compose(words[languageOf(locale)]);
}

/** Renders the receipt of a succeeded payment. */
export function renderReceiptEmail(facts: ReceiptFacts): EmailContent {
  const locale = localeOf(facts.locale);
  const amount = formatMoney(facts.amount, facts.currency, locale);
  const paidOn = formatDateOfInstant(facts.paidAt, locale, facts.timeZone);
  const invoices = facts.invoiceNumbers.join(', ');
  const words: Record<Language, MessageWords> = {
    en: {
      subject: `Receipt ${facts.receiptNumber} from ${facts.vendorName}: ${amount} paid`,
      greeting: `Hello ${facts.customerName},`,
      paragraphs: [
        `Thank you: your payment of ${amount} to ${facts.vendorName} on ${paidOn} succeeded.`,
        `Paid with ${facts.paidWith}.`,
        ...(invoices === '' ? [] : [`Invoices paid: ${invoices}.`]),
        `Receipt number: ${facts.receiptNumber}.`,
      ],
      signature: facts.vendorName,
    },
    es: {
      subject: `Recibo ${facts.receiptNumber} de ${facts.vendorName}: ${amount} pagado`,
      greeting: `Hola, ${facts.customerName}:`,
      paragraphs: [
        `Gracias: su pago de ${amount} a ${facts.vendorName} del ${paidOn} se ha completado.`,
        `Pagado con ${facts.paidWith}.`,
        ...(invoices === '' ? [] : [`Facturas pagadas: ${invoices}.`]),
        `Número de recibo: ${facts.receiptNumber}.`,
      ],
      signature: facts.vendorName,
    },
  };
  return compose(words[languageOf(locale)]);
}

/** Renders the message a vendor sends itself to check its SMTP settings. */
export function renderTestEmail(vendorName: string): EmailContent {
  return compose({
    subject: `Duly test email for ${vendorName}`,
    greeting: 'Hello,',
    paragraphs: [
      `This message was sent through the SMTP settings of ${vendorName} in Duly. They work: receipts, invoices and reminders will go out the same way.`,
    ],
    signature: 'Duly',
  });
}
