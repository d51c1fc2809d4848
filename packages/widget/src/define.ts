import { DulyAccountSummary } from './account-summary/duly-account-summary.js';
import { DulyAutopay } from './autopay/duly-autopay.js';
import { DulyInvoiceDetail } from './invoice-detail/duly-invoice-detail.js';
import { DulyInvoiceList } from './invoice-list/duly-invoice-list.js';
import { DulyPay } from './pay/duly-pay.js';
import { DulyPaymentMethods } from './payment-methods/duly-payment-methods.js';
import { DulyPaymentNotice } from './payment-notice/duly-payment-notice.js';
import { DulyPayments } from './payments/duly-payments.js';
import { DulyPortal } from './portal/duly-portal.js';
import { DulyReceipt } from './receipt/duly-receipt.js';

const ELEMENTS: ReadonlyArray<[string, CustomElementConstructor]> = [
  ['duly-account-summary', DulyAccountSummary],
  ['duly-invoice-list', DulyInvoiceList],
  ['duly-invoice-detail', DulyInvoiceDetail],
  ['duly-pay', DulyPay],
  ['duly-payment-methods', DulyPaymentMethods],
  ['duly-autopay', DulyAutopay],
  ['duly-payments', DulyPayments],
  ['duly-receipt', DulyReceipt],
  ['duly-payment-notice', DulyPaymentNotice],
  ['duly-portal', DulyPortal],
];

// Registering a tag twice throws, and a page may load the widget twice (two script tags,
// or the script tag and the npm package); the first registration wins.
for (const [tag, element] of ELEMENTS) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
