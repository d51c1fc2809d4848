import {
  CreatePayLinkRequestSchema,
  PayLinkExchangeRequestSchema,
  PayLinkExchangeSchema,
  PayLinkSchema,
} from '@duly/core';
import { ListPayLinksQuerySchema } from '../../pay-links/pay-link-routes.js';
import type { OperationArea } from '../operation.js';

const payLinkId = { id: 'The pay link id, `pl_…`.' };

/** Links to the hosted page that pays one invoice, and the exchange the page makes. */
export const payLinkArea: OperationArea = {
  tags: [
    {
      name: 'Pay links',
      description:
        'Links to the hosted page that pays one invoice, for emails and messages. A link is revocable, may expire and may be limited to a number of uses.',
    },
  ],
  operations: [
    {
      method: 'post',
      path: '/v1/pay_links',
      operationId: 'createPayLink',
      summary: 'Create a pay link',
      description:
        'The `token` and `url` are in this response only; only the token’s hash is stored.',
      tag: 'Pay links',
      auth: 'secret_key',
      body: CreatePayLinkRequestSchema,
      response: {
        status: 201,
        description: 'The new link with its url.',
        body: { schema: PayLinkSchema },
      },
      problems: ['invoice_not_found', 'invoice_not_payable'],
    },
    {
      method: 'get',
      path: '/v1/pay_links',
      operationId: 'listPayLinks',
      summary: 'List pay links',
      tag: 'Pay links',
      auth: 'secret_key',
      query: ListPayLinksQuerySchema,
      response: {
        status: 200,
        description: 'One page of links, without tokens.',
        body: { list: PayLinkSchema },
      },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/pay_links/{id}',
      operationId: 'retrievePayLink',
      summary: 'Retrieve a pay link',
      tag: 'Pay links',
      auth: 'secret_key',
      pathParams: payLinkId,
      response: {
        status: 200,
        description: 'The link, without its token.',
        body: { schema: PayLinkSchema },
      },
      problems: ['pay_link_not_found'],
    },
    {
      method: 'post',
      path: '/v1/pay_links/{id}/revoke',
      operationId: 'revokePayLink',
      summary: 'Revoke a pay link',
      description: 'Takes effect at once, for the link and for the sessions it made.',
      tag: 'Pay links',
      auth: 'secret_key',
      pathParams: payLinkId,
      response: {
        status: 200,
        description: 'The revoked link.',
        body: { schema: PayLinkSchema },
      },
      problems: ['pay_link_not_found'],
    },
    {
      method: 'post',
      path: '/v1/pay_links/exchange',
      operationId: 'exchangePayLink',
      summary: 'Trade a pay-link token for a portal session',
      description:
        'Called by the hosted page with the token from its url. The session can only read and pay the link’s invoice. A request with an `Origin` header must come from the API’s own origin. Each exchange counts one use.',
      tag: 'Pay links',
      auth: 'pay_link_token',
      body: PayLinkExchangeRequestSchema,
      response: {
        status: 201,
        description: 'A portal session limited to the invoice.',
        body: { schema: PayLinkExchangeSchema },
      },
      problems: [
        'origin_not_allowed',
        'pay_link_invalid',
        'pay_link_expired',
        'pay_link_revoked',
        'pay_link_used_up',
        'invoice_not_payable',
      ],
    },
  ],
};
