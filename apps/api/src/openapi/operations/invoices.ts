import { CreateInvoiceRequestSchema, InvoiceSchema } from '@duly/core';
import { VendorInvoicePdfQuerySchema } from '../../invoices/invoice-pdf-routes.js';
import { ListInvoicesQuerySchema } from '../../invoices/invoice-routes.js';
import { ListInvoicesQuerySchema as PortalListInvoicesQuerySchema } from '../../portal/portal-read-routes.js';
import type { OperationArea } from '../operation.js';

const invoiceId = { id: 'The invoice id, `inv_…`.' };

/** Invoices in the vendor API and the portal. */
export const invoiceArea: OperationArea = {
  tags: [
    {
      name: 'Invoices',
      description:
        'Invoices the vendor pushes from its own billing system: amounts in minor units, one currency each, and the status draft, open, paid, void or uncollectible.',
    },
    {
      name: 'Portal: invoices',
      description: "The session customer's invoices and their PDFs.",
    },
  ],
  operations: [
    {
      method: 'post',
      path: '/v1/invoices',
      operationId: 'createInvoice',
      summary: 'Create an invoice',
      description: 'The total must equal the sum of the lines and taxes.',
      tag: 'Invoices',
      auth: 'secret_key',
      body: CreateInvoiceRequestSchema,
      response: { status: 201, description: 'The new invoice.', body: { schema: InvoiceSchema } },
      problems: [
        'customer_not_found',
        'invoice_number_exists',
        'invoice_total_mismatch',
        'amount_too_large',
      ],
    },
    {
      method: 'get',
      path: '/v1/invoices',
      operationId: 'listInvoices',
      summary: 'List invoices',
      tag: 'Invoices',
      auth: 'secret_key',
      query: ListInvoicesQuerySchema,
      response: {
        status: 200,
        description: 'One page of invoices.',
        body: { list: InvoiceSchema },
      },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/invoices/{id}',
      operationId: 'retrieveInvoice',
      summary: 'Retrieve an invoice',
      tag: 'Invoices',
      auth: 'secret_key',
      pathParams: invoiceId,
      response: { status: 200, description: 'The invoice.', body: { schema: InvoiceSchema } },
      problems: ['invoice_not_found'],
    },
    {
      method: 'post',
      path: '/v1/invoices/{id}/void',
      operationId: 'voidInvoice',
      summary: 'Void an invoice',
      description:
        'Only a draft or open invoice can be voided, and only while no pending or succeeded payment is applied to it.',
      tag: 'Invoices',
      auth: 'secret_key',
      pathParams: invoiceId,
      response: { status: 200, description: 'The void invoice.', body: { schema: InvoiceSchema } },
      problems: ['invoice_not_found', 'invoice_not_open', 'invoice_has_payments'],
    },
    {
      method: 'get',
      path: '/v1/invoices/{id}/invoice.pdf',
      operationId: 'downloadInvoicePdf',
      summary: 'Download an invoice as PDF',
      description: "Amounts and dates in `locale`, else the customer's locale, else US English.",
      tag: 'Invoices',
      auth: 'secret_key',
      pathParams: invoiceId,
      query: VendorInvoicePdfQuerySchema,
      response: {
        status: 200,
        description: 'The invoice as a PDF file.',
        body: { file: 'application/pdf' },
      },
      problems: ['invoice_not_found', 'invalid_parameter'],
    },
    {
      method: 'get',
      path: '/v1/portal/invoices',
      operationId: 'listPortalInvoices',
      summary: "List the customer's invoices",
      description: '`status` picks open (the default), overdue, paid or all invoices.',
      tag: 'Portal: invoices',
      auth: 'portal_session',
      query: PortalListInvoicesQuerySchema,
      response: {
        status: 200,
        description: 'One page of invoices.',
        body: { list: InvoiceSchema },
      },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/portal/invoices/{id}',
      operationId: 'retrievePortalInvoice',
      summary: 'Retrieve one of the customer’s invoices',
      tag: 'Portal: invoices',
      auth: 'portal_session',
      pathParams: invoiceId,
      response: { status: 200, description: 'The invoice.', body: { schema: InvoiceSchema } },
      problems: ['invoice_not_found'],
    },
    {
      method: 'get',
      path: '/v1/portal/invoices/{id}/invoice.pdf',
      operationId: 'downloadPortalInvoicePdf',
      summary: 'Download one of the customer’s invoices as PDF',
      description: "In the session's locale.",
      tag: 'Portal: invoices',
      auth: 'portal_session',
      pathParams: invoiceId,
      response: {
        status: 200,
        description: 'The invoice as a PDF file.',
        body: { file: 'application/pdf' },
      },
      problems: ['invoice_not_found'],
    },
  ],
};
