import type { BillingDetails, Customer } from '@duly/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 4 });
let api: ApiFixture;
let other: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Billing Test Vendor' });
  other = await ApiFixture.create(db, { vendorName: 'Other Billing Vendor' });
});
afterAll(() => db.destroy());

const ADDRESS = {
  line1: '350 Fifth Avenue',
  line2: 'Floor 21',
  city: 'New York',
  region: 'NY',
  postal_code: '10118',
  country: 'US',
};

function putBillingDetails(session: string, body: unknown) {
  return api.request<BillingDetails>('PUT', '/v1/portal/billing_details', { auth: session, body });
}

function patchCustomer(customerId: string, body: unknown) {
  return api.request<Customer>('PATCH', `/v1/customers/${customerId}`, {
    auth: api.vendor.secret_key,
    body,
  });
}

async function vendorCustomer(customerId: string): Promise<Customer> {
  const response = await api.request<Customer>('GET', `/v1/customers/${customerId}`, {
    auth: api.vendor.secret_key,
  });
  return response.body;
}

/** Lists the events about a customer after its creation, in order, with their data. */
async function changeEvents(customerId: string) {
  const rows = await db
    .selectFrom('event')
    .select(['type', 'data'])
    .where('object_id', '=', customerId)
    .where('type', '<>', 'customer.created')
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({ type: row.type, data: row.data }));
}

/** The fixture vendor's customers and event count, to show a request changed nothing. */
async function customerSnapshot() {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT
      (SELECT count(*) FROM event WHERE vendor_id = ${api.vendor.id}) AS events,
      (SELECT json_agg(c ORDER BY c.id) FROM customer c WHERE c.vendor_id = ${api.vendor.id})
        AS customers
  `.execute(db);
  return rows[0];
}

describe('billing details in the portal', () => {
  it('shows the customer’s edits on the vendor’s customer with an event', async () => {
    const customer = await api.createCustomer({ email: 'orders@acme.test' });
    const session = await api.createSession(customer.id);
    const empty = await api.request('GET', '/v1/portal/billing_details', { auth: session });
    expect(empty.body).toEqual({
      object: 'billing_details',
      contact_name: null,
      email: null,
      phone: null,
      address: null,
    });

    const saved = await putBillingDetails(session, {
      contact_name: '  Dana Whitfield ',
      email: 'payables@acme.test',
      phone: '',
      address: { ...ADDRESS, region: '' },
    });

    const expected = {
      object: 'billing_details',
      contact_name: 'Dana Whitfield',
      email: 'payables@acme.test',
      phone: null,
      address: { ...ADDRESS, region: null },
    };
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(expected);
    expect((await vendorCustomer(customer.id)).billing_details).toEqual(expected);
    expect(
      (await api.request('GET', '/v1/portal/billing_details', { auth: session })).body,
    ).toEqual(expected);
    expect(await changeEvents(customer.id)).toEqual([
      {
        type: 'customer.billing_details_updated',
        data: {
          changes: {
            contact_name: { from: null, to: 'Dana Whitfield' },
            email: { from: null, to: 'payables@acme.test' },
            address: { from: null, to: { ...ADDRESS, region: null } },
          },
        },
      },
    ]);
  });

  it('clears what a replacement leaves out', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id);
    await putBillingDetails(session, {
      contact_name: 'Dana Whitfield',
      email: 'payables@acme.test',
      phone: '+1 212 555 0100',
      address: ADDRESS,
    });

    const replaced = await putBillingDetails(session, {
      contact_name: 'Lee Park',
      email: '',
      address: ADDRESS,
    });

    expect(replaced.body).toEqual({
      object: 'billing_details',
      contact_name: 'Lee Park',
      email: null,
      phone: null,
      address: ADDRESS,
    });
    expect((await changeEvents(customer.id)).at(-1)).toEqual({
      type: 'customer.billing_details_updated',
      data: {
        changes: {
          contact_name: { from: 'Dana Whitfield', to: 'Lee Park' },
          email: { from: 'payables@acme.test', to: null },
          phone: { from: '+1 212 555 0100', to: null },
        },
      },
    });
  });

  it('records nothing when nothing changed', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id);
    const details = { contact_name: 'Dana Whitfield', address: ADDRESS };
    await putBillingDetails(session, details);

    const again = await putBillingDetails(session, details);

    expect(again.status).toBe(200);
    expect(await changeEvents(customer.id)).toHaveLength(1);
  });
});

describe('PATCH /v1/customers/:id', () => {
  it('changes the fields sent and records each kind of change', async () => {
    const customer = await api.createCustomer({
      name: 'Acme Hardware',
      email: 'orders@acme.test',
      locale: 'en',
    });
    const session = await api.createSession(customer.id);
    await putBillingDetails(session, { contact_name: 'Dana Whitfield', address: ADDRESS });

    const patched = await patchCustomer(customer.id, {
      name: 'Acme Hardware Inc.',
      email: null,
      locale: 'en',
      credit_limit: { amount: 2_500_000, currency: 'USD' },
      billing_details: { phone: '+1 212 555 0100', contact_name: null },
    });

    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id: customer.id,
      name: 'Acme Hardware Inc.',
      email: null,
      locale: 'en',
      credit_limit: { amount: 2_500_000, currency: 'USD' },
      billing_details: {
        object: 'billing_details',
        contact_name: null,
        email: null,
        phone: '+1 212 555 0100',
        address: ADDRESS,
      },
    });
    expect(await vendorCustomer(customer.id)).toEqual(patched.body);
    expect((await changeEvents(customer.id)).slice(1)).toEqual([
      {
        type: 'customer.updated',
        data: {
          changes: {
            name: { from: 'Acme Hardware', to: 'Acme Hardware Inc.' },
            email: { from: 'orders@acme.test', to: null },
          },
        },
      },
      {
        type: 'customer.credit_limit_changed',
        data: { from: null, to: { amount: 2_500_000, currency: 'USD' }, credit_request: null },
      },
      {
        type: 'customer.billing_details_updated',
        data: {
          changes: {
            contact_name: { from: 'Dana Whitfield', to: null },
            phone: { from: null, to: '+1 212 555 0100' },
          },
        },
      },
    ]);
  });

  it('removes the credit limit with null', async () => {
    const customer = await api.createCustomer();
    await patchCustomer(customer.id, { credit_limit: { amount: 100_000, currency: 'CAD' } });

    const patched = await patchCustomer(customer.id, { credit_limit: null });

    expect(patched.body.credit_limit).toBeNull();
    expect((await changeEvents(customer.id)).map((event) => event.data)).toEqual([
      { from: null, to: { amount: 100_000, currency: 'CAD' }, credit_request: null },
      { from: { amount: 100_000, currency: 'CAD' }, to: null, credit_request: null },
    ]);
  });

  it('changes nothing for an empty body', async () => {
    const customer = await api.createCustomer({ name: 'Stays Put' });
    const before = await customerSnapshot();

    const patched = await patchCustomer(customer.id, {});

    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('Stays Put');
    expect(await customerSnapshot()).toEqual(before);
  });
});

describe('bad customer and billing details requests', () => {
  it('each get their code and param and change nothing', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id);
    const foreign = await other.createCustomer();
    const before = await customerSnapshot();

    const patches: Array<[string, unknown, number, string, string | undefined]> = [
      ['cus_doesNotExist', { name: 'Ghost' }, 404, 'customer_not_found', 'id'],
      [foreign.id, { name: 'Not yours' }, 404, 'customer_not_found', 'id'],
      [customer.id, { name: '  ' }, 400, 'validation_failed', 'name'],
      [customer.id, { email: 'not-an-email' }, 400, 'validation_failed', 'email'],
      [customer.id, { locale: 'x' }, 400, 'validation_failed', 'locale'],
      [
        customer.id,
        { credit_limit: { amount: -1, currency: 'USD' } },
        400,
        'validation_failed',
        'credit_limit.amount',
      ],
      [
        customer.id,
        { credit_limit: { amount: 1.5, currency: 'USD' } },
        400,
        'validation_failed',
        'credit_limit.amount',
      ],
      [
        customer.id,
        { credit_limit: { amount: 2 * 10 ** 15, currency: 'USD' } },
        400,
        'amount_too_large',
        'credit_limit.amount',
      ],
      [
        customer.id,
        { credit_limit: { amount: 100, currency: 'usd' } },
        400,
        'validation_failed',
        'credit_limit.currency',
      ],
      [
        customer.id,
        { credit_limit: { amount: 100 } },
        400,
        'validation_failed',
        'credit_limit.currency',
      ],
      [
        customer.id,
        { billing_details: { address: { ...ADDRESS, country: 'USA' } } },
        400,
        'validation_failed',
        'billing_details.address.country',
      ],
      [customer.id, { external_id: 'C-9' }, 400, 'validation_failed', 'external_id'],
    ];
    const puts: Array<[unknown, string]> = [
      [{ email: 'payables@' }, 'email'],
      [{ contact_name: 'x'.repeat(201) }, 'contact_name'],
      [{ address: { ...ADDRESS, line1: ' ' } }, 'address.line1'],
      [{ address: { line1: '1 Main St', country: 'US' } }, 'address.city'],
      [{ address: { ...ADDRESS, unit: '4B' } }, 'address.unit'],
      [{ fax: '555' }, 'fax'],
    ];

    for (const [customerId, body, status, code, param] of patches) {
      const label = `PATCH ${customerId} ${JSON.stringify(body)}`;
      const response = await patchCustomer(customerId, body);
      expect(response.status, label).toBe(status);
      expect(response.body, label).toMatchObject({ code });
      expect((response.body as { param?: string }).param, label).toBe(param);
    }
    for (const [body, param] of puts) {
      const label = `PUT ${JSON.stringify(body)}`;
      const response = await putBillingDetails(session, body);
      expect(response.status, label).toBe(400);
      expect(response.body, label).toMatchObject({ code: 'validation_failed', param });
    }
    expect(await customerSnapshot()).toEqual(before);
  });
});
