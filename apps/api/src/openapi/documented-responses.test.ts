import type { Invoice } from '@duly/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { buildOpenApiDocument, PROBLEM_CODES_EXTENSION } from './openapi-document.js';
import { API_AREAS } from './operations/index.js';

const db = connectDatabase(inject('databaseUrl'), { max: 4 });
const document = buildOpenApiDocument(API_AREAS, { serverUrl: 'http://127.0.0.1', version: '1' });
const DOCUMENT_ID = 'https://duly.test/openapi.json';

// Formats are annotations in OpenAPI 3.1, and the document has keywords of its own
// (`components`, extensions) beside the schemas, so neither is checked strictly.
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });

let api: ApiFixture;
let customerId: string;
/** A customer with a session of its own, revoked by the revocation call. */
let otherCustomerId: string;
let invoice: Invoice;
let session: string;
let paymentId: string;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Documented Responses Vendor' });
  customerId = (await api.createCustomer({ name: 'Oak Street Cafe', email: 'ap@oak.test' })).id;
  invoice = await api.createInvoice(customerId, { total: 12_500 });
  await api.createInvoice(customerId, { total: 4_000 });
  session = await api.createSession(customerId);
  otherCustomerId = (await api.createCustomer({ name: 'Elm Street Deli' })).id;
  await api.createSession(otherCustomerId);
  const card = await api.saveCard(session);
  const paid = await api.pay(session, card, [{ invoice: invoice.id, amount: 12_500 }]);
  paymentId = (paid.body as { id: string }).id;
});
afterAll(() => db.destroy());

/** Finds the documented operation of `method` and `template`, or fails the test. */
function operationOf(method: string, template: string) {
  const operation = document.paths[template]?.[method.toLowerCase()];
  if (operation === undefined) throw new Error(`${method} ${template} is not documented.`);
  return operation;
}

/** Returns the errors of `body` against the JSON schema of `status` of the operation. */
function schemaErrors(method: string, template: string, status: number, body: unknown) {
  const response = operationOf(method, template).responses[String(status)] as
    | { content?: Record<string, { schema: { $ref?: string } }> }
    | undefined;
  if (response === undefined) return [`status ${status} is not documented`];
  const media = Object.values(response.content ?? {})[0];
  const reference = media?.schema.$ref;
  const schema = reference === undefined ? media?.schema : { $ref: `${DOCUMENT_ID}${reference}` };
  const validate = ajv.compile(schema ?? {});
  return validate(body)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

interface Call {
  method: string;
  template: string;
  path: () => string;
  auth: 'secret_key' | 'portal_session';
  body?: () => unknown;
}

const SUCCESSFUL_CALLS: Call[] = [
  { method: 'GET', template: '/v1/customers', path: () => '/v1/customers', auth: 'secret_key' },
  {
    method: 'GET',
    template: '/v1/customers/{id}',
    path: () => `/v1/customers/${customerId}`,
    auth: 'secret_key',
  },
  {
    method: 'GET',
    template: '/v1/customers/{id}/credit_balance',
    path: () => `/v1/customers/${customerId}/credit_balance`,
    auth: 'secret_key',
  },
  {
    method: 'GET',
    template: '/v1/customers/{id}/statement',
    path: () => `/v1/customers/${customerId}/statement`,
    auth: 'secret_key',
  },
  { method: 'GET', template: '/v1/invoices', path: () => '/v1/invoices', auth: 'secret_key' },
  {
    method: 'GET',
    template: '/v1/invoices/{id}',
    path: () => `/v1/invoices/${invoice.id}`,
    auth: 'secret_key',
  },
  { method: 'GET', template: '/v1/payments', path: () => '/v1/payments', auth: 'secret_key' },
  {
    method: 'GET',
    template: '/v1/payments/{id}',
    path: () => `/v1/payments/${paymentId}`,
    auth: 'secret_key',
  },
  {
    method: 'GET',
    template: '/v1/payments/{id}/receipt',
    path: () => `/v1/payments/${paymentId}/receipt`,
    auth: 'secret_key',
  },
  {
    method: 'GET',
    template: '/v1/payments/{id}/refunds',
    path: () => `/v1/payments/${paymentId}/refunds`,
    auth: 'secret_key',
  },
  { method: 'GET', template: '/v1/threads', path: () => '/v1/threads', auth: 'secret_key' },
  {
    method: 'GET',
    template: '/v1/credit_notes',
    path: () => '/v1/credit_notes',
    auth: 'secret_key',
  },
  {
    method: 'GET',
    template: '/v1/credit_requests',
    path: () => '/v1/credit_requests',
    auth: 'secret_key',
  },
  {
    method: 'GET',
    template: '/v1/payment_notices',
    path: () => '/v1/payment_notices',
    auth: 'secret_key',
  },
  {
    method: 'POST',
    template: '/v1/portal_sessions',
    path: () => '/v1/portal_sessions',
    auth: 'secret_key',
    body: () => ({ customer: customerId, features: ['pay'] }),
  },
  {
    method: 'GET',
    template: '/v1/portal/session',
    path: () => '/v1/portal/session',
    auth: 'portal_session',
  },
  {
    method: 'GET',
    template: '/v1/portal/invoices',
    path: () => '/v1/portal/invoices?status=all',
    auth: 'portal_session',
  },
  {
    method: 'GET',
    template: '/v1/portal/payments',
    path: () => '/v1/portal/payments',
    auth: 'portal_session',
  },
  {
    method: 'GET',
    template: '/v1/portal/payments/{id}/receipt',
    path: () => `/v1/portal/payments/${paymentId}/receipt`,
    auth: 'portal_session',
  },
  {
    method: 'GET',
    template: '/v1/portal/payment_methods',
    path: () => '/v1/portal/payment_methods',
    auth: 'portal_session',
  },
  {
    method: 'GET',
    template: '/v1/portal/payment_setup',
    path: () => '/v1/portal/payment_setup',
    auth: 'portal_session',
  },
  {
    method: 'GET',
    template: '/v1/portal/autopay',
    path: () => '/v1/portal/autopay',
    auth: 'portal_session',
  },
  {
    method: 'GET',
    template: '/v1/portal/credit',
    path: () => '/v1/portal/credit',
    auth: 'portal_session',
  },
  {
    method: 'GET',
    template: '/v1/portal/billing_details',
    path: () => '/v1/portal/billing_details',
    auth: 'portal_session',
  },
  {
    method: 'GET',
    template: '/v1/portal/statement',
    path: () => '/v1/portal/statement',
    auth: 'portal_session',
  },
  {
    method: 'POST',
    template: '/v1/portal/payments/preview',
    path: () => '/v1/portal/payments/preview',
    auth: 'portal_session',
    body: () => ({ pay_all: true, currency: 'USD' }),
  },
  {
    method: 'GET',
    template: '/v1/email_settings',
    path: () => '/v1/email_settings',
    auth: 'secret_key',
  },
  { method: 'GET', template: '/v1/emails', path: () => '/v1/emails', auth: 'secret_key' },
  {
    method: 'POST',
    template: '/v1/webhook_endpoints',
    path: () => '/v1/webhook_endpoints',
    auth: 'secret_key',
    body: () => ({ url: 'https://hooks.example.com/duly', enabled_events: ['*'] }),
  },
  {
    method: 'GET',
    template: '/v1/webhook_endpoints',
    path: () => '/v1/webhook_endpoints',
    auth: 'secret_key',
  },
  { method: 'GET', template: '/v1/events', path: () => '/v1/events', auth: 'secret_key' },
  { method: 'GET', template: '/v1/pay_links', path: () => '/v1/pay_links', auth: 'secret_key' },
  { method: 'GET', template: '/v1/api_keys', path: () => '/v1/api_keys', auth: 'secret_key' },
  { method: 'GET', template: '/v1/audit_log', path: () => '/v1/audit_log', auth: 'secret_key' },
  { method: 'GET', template: '/v1/plans', path: () => '/v1/plans', auth: 'secret_key' },
  {
    method: 'GET',
    template: '/v1/subscriptions',
    path: () => '/v1/subscriptions',
    auth: 'secret_key',
  },
  {
    method: 'GET',
    template: '/v1/subscription_settings',
    path: () => '/v1/subscription_settings',
    auth: 'secret_key',
  },
  {
    method: 'GET',
    template: '/v1/portal/subscriptions',
    path: () => '/v1/portal/subscriptions',
    auth: 'portal_session',
  },
  {
    method: 'GET',
    template: '/v1/portal/subscription_options',
    path: () => '/v1/portal/subscription_options',
    auth: 'portal_session',
  },
  {
    method: 'POST',
    template: '/v1/customers/{id}/portal_sessions/revoke',
    path: () => `/v1/customers/${otherCustomerId}/portal_sessions/revoke`,
    auth: 'secret_key',
  },
];

function send(call: Call) {
  return api.request(call.method, call.path(), {
    auth: call.auth === 'secret_key' ? api.vendor.secret_key : session,
    ...(call.body === undefined ? {} : { body: call.body() }),
  });
}

describe('documented responses', () => {
  it.each(SUCCESSFUL_CALLS.map((call) => [`${call.method} ${call.template}`, call] as const))(
    '%s matches its schema',
    async (_name, call) => {
      const response = await send(call);
      const documented = Object.keys(operationOf(call.method, call.template).responses).filter(
        (status) => status.startsWith('2'),
      );
      expect(documented).toEqual([String(response.status)]);
      expect(schemaErrors(call.method, call.template, response.status, response.body)).toEqual([]);
    },
  );

  it('schema check catches a wrong body', () => {
    const errors = schemaErrors('GET', '/v1/invoices/{id}', 200, { ...invoice, total: '12500' });
    expect(errors).toContain('/total must be integer');
  });

  it.each([
    ['GET', '/v1/invoices/{id}', '/v1/invoices/inv_missing', 'secret_key', undefined],
    ['GET', '/v1/customers', '/v1/customers?limit=0', 'secret_key', undefined],
    ['POST', '/v1/invoices', '/v1/invoices', 'secret_key', { customer: 'cus_x' }],
    [
      'GET',
      '/v1/portal/payments/{id}',
      '/v1/portal/payments/pay_missing',
      'portal_session',
      undefined,
    ],
    ['GET', '/v1/portal/invoices', '/v1/portal/invoices', 'none', undefined],
  ] as const)('%s %s problem is documented', async (method, template, path, auth, body) => {
    const response = await api.request(method, path, {
      ...(auth === 'none' ? {} : { auth: auth === 'secret_key' ? api.vendor.secret_key : session }),
      ...(body === undefined ? {} : { body }),
    });
    const documented = operationOf(method, template).responses[String(response.status)];
    const code = (response.body as { code: string }).code;
    expect(documented?.[PROBLEM_CODES_EXTENSION]).toContain(code);
    expect(schemaErrors(method, template, response.status, response.body)).toEqual([]);
  });
});
