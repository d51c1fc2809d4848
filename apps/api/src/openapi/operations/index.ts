import type { OperationArea } from '../operation.js';
import { creditArea } from './credit.js';
import { customerArea } from './customers.js';
import { emailArea } from './email.js';
import { invoiceArea } from './invoices.js';
import { keysAndAuditArea } from './keys-and-audit.js';
import { payLinkArea } from './pay-links.js';
import { paymentMethodArea } from './payment-methods.js';
import { paymentNoticeArea } from './payment-notices.js';
import { paymentArea } from './payments.js';
import { sessionArea } from './sessions.js';
import { subscriptionArea } from './subscriptions.js';
import { threadArea } from './threads.js';
import { webhookArea } from './webhooks.js';

/**
 * Every area of the vendor and portal API, in the order of the reference page. To document
 * a new area, write `operations/<area>.ts` exporting an `OperationArea` and add it here.
 * The route coverage test fails until every `/v1` route of the app has its operation.
 */
export const API_AREAS: readonly OperationArea[] = [
  sessionArea,
  customerArea,
  invoiceArea,
  paymentArea,
  paymentMethodArea,
  creditArea,
  paymentNoticeArea,
  threadArea,
  emailArea,
  webhookArea,
  subscriptionArea,
  keysAndAuditArea,
  payLinkArea,
];
