import type { Payment, PaymentMethod, PaymentMethodDetails } from '@duly/sdk';
import { html, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/index.js';
import { brandName, formatMoney } from './format.js';
import { alertIcon, checkIcon, clockIcon, retryIcon, slashIcon } from './icons.js';

/**
 * Names a method as people do: "Visa ending in 4242", "Chase account ending in 6789", or
 * "Recorded by the vendor" for a payment the vendor entered itself (an imported ledger's).
 * With `inSentence`, the name reads inside a sentence: "bank account ending in 6789", while
 * brand and bank names keep their case. A payment's details name no bank, so a caller that
 * knows the saved method passes its `bank_name` along with them.
 */
export function methodLabel(
  method: PaymentMethodDetails & { bank_name?: string | null },
  messages: Messages,
  inSentence = false,
): string {
  if (method.type === 'offline') return messages.offlineMethod;
  const last4 = method.last4 ?? '····';
  const names = inSentence ? messages.inSentence : messages;
  if (method.type === 'us_bank_account') return names.bankEnding(method.bank_name ?? null, last4);
  return names.cardEnding(method.brand ? brandName(method.brand) : null, last4);
}

/**
 * Returns a payment's method details with the bank name of the saved method it was paid
 * with, when `methods` has that method.
 */
export function paymentMethodOf(
  payment: Pick<Payment, 'method_details' | 'payment_method'>,
  methods: readonly PaymentMethod[],
): (PaymentMethodDetails & { bank_name: string | null }) | null {
  if (!payment.method_details) return null;
  const saved = methods.find((method) => method.id === payment.payment_method);
  return { ...payment.method_details, bank_name: saved?.bank_name ?? null };
}

/** Returns the reason a payment failed or a method was disabled, in words, such as "insufficient funds (R01)". */
export function failureReason(code: string | null, messages: Messages): string {
  if (!code) return messages.declines.other.title;
  return messages.failureReasons[code] ?? code;
}

/**
 * Draws a payment's status as a word, an icon and a colour: pending, succeeded, failed with
 * its reason, refunded or partly refunded, and a chargeback when there is one.
 */
export function paymentBadge(
  payment: Pick<
    Payment,
    'status' | 'amount_refunded' | 'currency' | 'chargeback_status' | 'failure_code'
  >,
  messages: Messages,
  locale: string,
): TemplateResult {
  const { paymentStatus } = messages;
  const badge = (tone: string, icon: TemplateResult, label: string) =>
    html`<span class=${`badge ${tone}`} part="status" data-testid="payment-status" data-status=${payment.status}>
      ${icon}${label}
    </span>`;

  if (payment.chargeback_status) {
    const lost = payment.chargeback_status === 'lost';
    return badge(
      lost ? 'overdue' : 'open',
      alertIcon,
      messages.chargeback[payment.chargeback_status] ?? '',
    );
  }
  switch (payment.status) {
    case 'succeeded':
      if (payment.amount_refunded > 0) {
        const refunded = formatMoney(payment.amount_refunded, payment.currency, locale);
        return badge(
          '',
          retryIcon,
          `${paymentStatus.partly_refunded} · ${messages.refundedAmount(refunded)}`,
        );
      }
      return badge('paid', checkIcon, paymentStatus.succeeded ?? '');
    case 'pending':
    case 'requires_action':
      return badge('open', clockIcon, paymentStatus[payment.status] ?? '');
    case 'failed':
      return badge(
        'overdue',
        alertIcon,
        `${paymentStatus.failed}: ${failureReason(payment.failure_code, messages)}`,
      );
    case 'refunded':
      return badge('', retryIcon, paymentStatus.refunded ?? '');
    default:
      return badge('', slashIcon, paymentStatus[payment.status] ?? payment.status);
  }
}
