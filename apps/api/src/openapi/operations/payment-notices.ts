import {
  ConfirmPaymentNoticeRequestSchema,
  CreatePaymentNoticeRequestSchema,
  PaymentNoticeSchema,
  RejectPaymentNoticeRequestSchema,
} from '@duly/core';
import { PageQuerySchema } from '../../http/pagination.js';
import { VendorListQuerySchema } from '../../payment-notices/payment-notice-routes.js';
import type { OperationArea } from '../operation.js';

const noticeId = { id: 'The payment notice id, `pn_…`.' };

/** A customer's "I sent a payment" for an invoice, and the vendor's decision. */
export const paymentNoticeArea: OperationArea = {
  tags: [
    {
      name: 'Payment notices',
      description:
        'Notices from customers that they paid outside the portal (a check or a wire). Confirming one records the payment.',
    },
    {
      name: 'Portal: payment notices',
      description: 'Telling the vendor about a payment sent another way.',
    },
  ],
  operations: [
    {
      method: 'get',
      path: '/v1/payment_notices',
      operationId: 'listPaymentNotices',
      summary: 'List payment notices',
      tag: 'Payment notices',
      auth: 'secret_key',
      query: VendorListQuerySchema,
      response: {
        status: 200,
        description: 'One page of payment notices.',
        body: { list: PaymentNoticeSchema },
      },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/payment_notices/{id}',
      operationId: 'retrievePaymentNotice',
      summary: 'Retrieve a payment notice',
      tag: 'Payment notices',
      auth: 'secret_key',
      pathParams: noticeId,
      response: {
        status: 200,
        description: 'The payment notice.',
        body: { schema: PaymentNoticeSchema },
      },
      problems: ['payment_notice_not_found'],
    },
    {
      method: 'post',
      path: '/v1/payment_notices/{id}/confirm',
      operationId: 'confirmPaymentNotice',
      summary: 'Confirm a payment notice',
      description: 'Records the payment the notice names, for its amount or the `amount` sent.',
      tag: 'Payment notices',
      auth: 'secret_key',
      pathParams: noticeId,
      body: ConfirmPaymentNoticeRequestSchema,
      bodyOptional: true,
      idempotencyKey: 'optional',
      response: {
        status: 200,
        description: 'The confirmed notice.',
        body: { schema: PaymentNoticeSchema },
      },
      problems: [
        'payment_notice_not_found',
        'payment_notice_not_pending',
        'invoice_not_open',
        'amount_exceeds_payable',
        'amount_too_large',
        'amount_zero',
        'amount_negative',
      ],
    },
    {
      method: 'post',
      path: '/v1/payment_notices/{id}/reject',
      operationId: 'rejectPaymentNotice',
      summary: 'Reject a payment notice',
      tag: 'Payment notices',
      auth: 'secret_key',
      pathParams: noticeId,
      body: RejectPaymentNoticeRequestSchema,
      response: {
        status: 200,
        description: 'The rejected notice.',
        body: { schema: PaymentNoticeSchema },
      },
      problems: ['payment_notice_not_found', 'payment_notice_not_pending'],
    },
    {
      method: 'post',
      path: '/v1/portal/payment_notices',
      operationId: 'createPortalPaymentNotice',
      summary: 'Tell the vendor about a payment sent',
      tag: 'Portal: payment notices',
      auth: 'portal_session',
      body: CreatePaymentNoticeRequestSchema,
      response: {
        status: 201,
        description: 'The pending notice.',
        body: { schema: PaymentNoticeSchema },
      },
      problems: [
        'invoice_not_found',
        'invoice_not_open',
        'payment_notice_exists',
        'currency_mismatch',
        'amount_too_large',
        'amount_zero',
        'amount_negative',
      ],
    },
    {
      method: 'get',
      path: '/v1/portal/payment_notices',
      operationId: 'listPortalPaymentNotices',
      summary: "List the customer's payment notices",
      tag: 'Portal: payment notices',
      auth: 'portal_session',
      query: PageQuerySchema,
      response: {
        status: 200,
        description: 'One page of payment notices.',
        body: { list: PaymentNoticeSchema },
      },
      problems: [],
    },
  ],
};
