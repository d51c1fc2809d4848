import { DulyAccountSummary } from './account-summary/duly-account-summary.js';
import { DulyInvoiceDetail } from './invoice-detail/duly-invoice-detail.js';
import { DulyInvoiceList } from './invoice-list/duly-invoice-list.js';
import { DulyPay } from './pay/duly-pay.js';
import { DulyPortal } from './portal/duly-portal.js';

const ELEMENTS: ReadonlyArray<[string, CustomElementConstructor]> = [
  ['duly-account-summary', DulyAccountSummary],
  ['duly-invoice-list', DulyInvoiceList],
  ['duly-invoice-detail', DulyInvoiceDetail],
  ['duly-pay', DulyPay],
  ['duly-portal', DulyPortal],
];

// Registering a tag twice throws, and a page may load the widget twice (two script tags,
// or the script tag and the npm package); the first registration wins.
for (const [tag, element] of ELEMENTS) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
