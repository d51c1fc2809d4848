import {
  CreateThreadMessageRequestSchema,
  CreateThreadRequestSchema,
  InvoiceThreadSchema,
  ResolveThreadRequestSchema,
} from '@duly/core';
import { PortalListQuerySchema, VendorListQuerySchema } from '../../threads/thread-routes.js';
import type { OperationArea } from '../operation.js';

const threadId = { id: 'The thread id, `thr_…`.' };

/** Questions and disputes about invoices, from both sides. */
export const threadArea: OperationArea = {
  tags: [
    {
      name: 'Threads',
      description:
        'Questions and disputes customers raise about invoices in the portal, with the messages of both sides. A dispute is an objection to an invoice, not a card chargeback.',
    },
    {
      name: 'Portal: threads',
      description: 'Asking about or disputing an invoice, and following up.',
    },
  ],
  operations: [
    {
      method: 'get',
      path: '/v1/threads',
      operationId: 'listThreads',
      summary: 'List threads',
      description: 'Most recently updated first.',
      tag: 'Threads',
      auth: 'secret_key',
      query: VendorListQuerySchema,
      response: {
        status: 200,
        description: 'One page of threads with their messages.',
        body: { list: InvoiceThreadSchema },
      },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/threads/{id}',
      operationId: 'retrieveThread',
      summary: 'Retrieve a thread',
      tag: 'Threads',
      auth: 'secret_key',
      pathParams: threadId,
      response: {
        status: 200,
        description: 'The thread with its messages.',
        body: { schema: InvoiceThreadSchema },
      },
      problems: ['thread_not_found'],
    },
    {
      method: 'post',
      path: '/v1/threads/{id}/messages',
      operationId: 'replyToThread',
      summary: 'Reply to a thread',
      tag: 'Threads',
      auth: 'secret_key',
      pathParams: threadId,
      body: CreateThreadMessageRequestSchema,
      response: {
        status: 200,
        description: 'The thread with the reply.',
        body: { schema: InvoiceThreadSchema },
      },
      problems: ['thread_not_found', 'thread_resolved'],
    },
    {
      method: 'post',
      path: '/v1/threads/{id}/resolve',
      operationId: 'resolveThread',
      summary: 'Resolve a thread',
      tag: 'Threads',
      auth: 'secret_key',
      pathParams: threadId,
      body: ResolveThreadRequestSchema,
      response: {
        status: 200,
        description: 'The resolved thread.',
        body: { schema: InvoiceThreadSchema },
      },
      problems: ['thread_not_found', 'thread_resolved'],
    },
    {
      method: 'post',
      path: '/v1/portal/invoices/{id}/threads',
      operationId: 'openPortalThread',
      summary: 'Ask about or dispute an invoice',
      description: 'A dispute needs a reason; an invoice has at most one dispute open at a time.',
      tag: 'Portal: threads',
      auth: 'portal_session',
      pathParams: { id: 'The invoice id, `inv_…`.' },
      body: CreateThreadRequestSchema,
      response: {
        status: 201,
        description: 'The new thread.',
        body: { schema: InvoiceThreadSchema },
      },
      problems: ['invoice_not_found', 'invoice_not_open', 'dispute_exists'],
    },
    {
      method: 'get',
      path: '/v1/portal/threads',
      operationId: 'listPortalThreads',
      summary: "List the customer's threads",
      tag: 'Portal: threads',
      auth: 'portal_session',
      query: PortalListQuerySchema,
      response: {
        status: 200,
        description: 'One page of threads with their messages.',
        body: { list: InvoiceThreadSchema },
      },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/portal/threads/{id}',
      operationId: 'retrievePortalThread',
      summary: 'Retrieve one of the customer’s threads',
      tag: 'Portal: threads',
      auth: 'portal_session',
      pathParams: threadId,
      response: {
        status: 200,
        description: 'The thread with its messages.',
        body: { schema: InvoiceThreadSchema },
      },
      problems: ['thread_not_found'],
    },
    {
      method: 'post',
      path: '/v1/portal/threads/{id}/messages',
      operationId: 'replyToPortalThread',
      summary: 'Reply to a thread',
      tag: 'Portal: threads',
      auth: 'portal_session',
      pathParams: threadId,
      body: CreateThreadMessageRequestSchema,
      response: {
        status: 200,
        description: 'The thread with the reply.',
        body: { schema: InvoiceThreadSchema },
      },
      problems: ['thread_not_found', 'thread_resolved'],
    },
  ],
};
