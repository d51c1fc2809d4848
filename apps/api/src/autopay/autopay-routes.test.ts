import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { ApiFixture, TEST_BANK_ACCOUNTS } from '../http/api-fixture.js';
import { eventTypes } from '../testing/ledger-reads.js';

const db: PostgresDb = connectDatabase(inject('databaseUrl'), { max: 5 });
let api: ApiFixture;

beforeAll(async () => {
  // 03:00 UTC is still the evening before in Los Angeles.
  api = await ApiFixture.create(db, {
    now: '2026-06-10T03:00:00Z',
    timeZone: 'America/Los_Angeles',
    vendorName: 'Autopay Routes Vendor',
  });
});
afterAll(() => db.destroy());

async function customerWithSession() {
  const customer = await api.createCustomer();
  const session = await api.createSession(customer.id);
  return { customer, session };
}

function putAutopay(session: string, body: unknown, headers: Record<string, string> = {}) {
  return api.request('PUT', '/v1/portal/autopay', { auth: session, body, headers });
}

/** Everything a PUT may change for the customer, to show that a rejected one changed none. */
async function autopayState(customerId: string) {
  const [autopay, mandates, events] = await Promise.all([
    db.selectFrom('autopay').selectAll().where('customer_id', '=', customerId).execute(),
    db.selectFrom('mandate').select('id').where('customer_id', '=', customerId).execute(),
    db
      .selectFrom('event')
      .select('type')
      .where('type', 'like', 'autopay.%')
      .where('object_id', '=', customerId)
      .execute(),
  ]);
  return { autopay, mandates: mandates.length, events: events.length };
}

describe('GET /v1/portal/autopay', () => {
  it('returns off for a customer who never turned it on', async () => {
    const { session } = await customerWithSession();

    const response = await api.request('GET', '/v1/portal/autopay', { auth: session });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      object: 'autopay',
      status: 'off',
      payment_method: null,
      enabled_on: null,
      paused_reason: null,
      last_failed_payment: null,
      mandate_accepted_at: null,
    });
  });
});

describe('PUT /v1/portal/autopay', () => {
  it("turns autopay on from the vendor's today with the mandate", async () => {
    const { customer, session } = await customerWithSession();
    const card = await api.saveCard(session);

    const response = await putAutopay(
      session,
      { enabled: true, payment_method: card, mandate: { accepted: true } },
      { 'User-Agent': 'Mozilla/5.0 (AutopayTest)' },
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      object: 'autopay',
      status: 'active',
      payment_method: card,
      enabled_on: '2026-06-09',
      paused_reason: null,
      last_failed_payment: null,
      mandate_accepted_at: '2026-06-10T03:00:00.000Z',
    });
    const read = await api.request('GET', '/v1/portal/autopay', { auth: session });
    expect(read.body).toEqual(response.body);

    const mandate = await db
      .selectFrom('mandate')
      .selectAll()
      .where('customer_id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(mandate).toMatchObject({
      kind: 'autopay',
      payment_method_id: card,
      ip_address: 'unknown',
      user_agent: 'Mozilla/5.0 (AutopayTest)',
    });
    expect(mandate.text).toContain('Autopay Routes Vendor');
    expect(await eventTypes(db, customer.id)).toEqual(['customer.created', 'autopay.enabled']);
  });

  it('moves autopay to another method with a new mandate', async () => {
    const { customer, session } = await customerWithSession();
    const card = await api.saveCard(session);
    const bank = await api.createBankAccount(session);
    await putAutopay(session, { enabled: true, payment_method: card, mandate: { accepted: true } });

    const response = await putAutopay(session, {
      enabled: true,
      payment_method: bank,
      mandate: { accepted: true },
    });

    expect(response.status).toBe(200);
    expect(response.body.payment_method).toBe(bank);
    const mandates = await db
      .selectFrom('mandate')
      .select('payment_method_id')
      .where('customer_id', '=', customer.id)
      .orderBy('accepted_at')
      .execute();
    expect(mandates.map((row) => row.payment_method_id).sort()).toEqual([bank, card].sort());
    const row = await db
      .selectFrom('autopay')
      .innerJoin('mandate', 'mandate.id', 'autopay.mandate_id')
      .select('mandate.payment_method_id')
      .where('autopay.customer_id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(row.payment_method_id).toBe(bank);
  });

  it('turns autopay off', async () => {
    const { customer, session } = await customerWithSession();
    const card = await api.saveCard(session);
    await putAutopay(session, { enabled: true, payment_method: card, mandate: { accepted: true } });

    const response = await putAutopay(session, { enabled: false });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'off',
      payment_method: null,
      enabled_on: null,
      mandate_accepted_at: null,
    });
    const again = await putAutopay(session, { enabled: false });
    expect(again.status).toBe(200);
    expect(await eventTypes(db, customer.id)).toEqual([
      'customer.created',
      'autopay.enabled',
      'autopay.disabled',
    ]);
  });

  it('rejects bad requests and changes nothing', async () => {
    const { customer, session } = await customerWithSession();
    const card = await api.saveCard(session);
    const oneOffCard = await api.createCard(session);
    const closedAccount = await api.createBankAccount(session, TEST_BANK_ACCOUNTS.R02);
    await db
      .updateTable('payment_method')
      .set({ disabled_reason: 'R02' })
      .where('id', '=', closedAccount)
      .execute();
    const detached = await api.saveCard(session);
    await db
      .updateTable('payment_method')
      .set({ detached_at: new Date('2026-06-01T00:00:00Z') })
      .where('id', '=', detached)
      .execute();
    const other = await customerWithSession();
    const othersCard = await api.saveCard(other.session);
    const accepted = { accepted: true };

    const cases: Array<{ body: unknown; status: number; code: string; param?: string }> = [
      {
        body: { enabled: true, payment_method: 'pm_unknown0000000000000', mandate: accepted },
        status: 404,
        code: 'payment_method_not_found',
        param: 'payment_method',
      },
      {
        body: { enabled: true, payment_method: othersCard, mandate: accepted },
        status: 404,
        code: 'payment_method_not_found',
        param: 'payment_method',
      },
      {
        body: { enabled: true, payment_method: detached, mandate: accepted },
        status: 404,
        code: 'payment_method_not_found',
        param: 'payment_method',
      },
      {
        body: { enabled: true, payment_method: card },
        status: 400,
        code: 'mandate_required',
        param: 'mandate',
      },
      {
        body: { enabled: true, payment_method: card, mandate: { accepted: false } },
        status: 400,
        code: 'mandate_required',
        param: 'mandate',
      },
      {
        body: { enabled: true, payment_method: closedAccount, mandate: accepted },
        status: 409,
        code: 'payment_method_disabled',
        param: 'payment_method',
      },
      {
        body: { enabled: true, payment_method: oneOffCard, mandate: accepted },
        status: 400,
        code: 'autopay_method_required',
        param: 'payment_method',
      },
      {
        body: { enabled: true, mandate: accepted },
        status: 400,
        code: 'autopay_method_required',
        param: 'payment_method',
      },
      {
        body: { enabled: true, payment_method: 'card_1', mandate: accepted },
        status: 400,
        code: 'validation_failed',
        param: 'payment_method',
      },
      {
        body: { enabled: true, payment_method: card, mandate: accepted, day: 5 },
        status: 400,
        code: 'validation_failed',
        param: 'day',
      },
      { body: { enabled: 'yes' }, status: 400, code: 'validation_failed', param: 'enabled' },
      { body: {}, status: 400, code: 'validation_failed', param: 'enabled' },
      { body: [], status: 400, code: 'validation_failed' },
    ];

    const before = await autopayState(customer.id);
    for (const { body, status, code, param } of cases) {
      const response = await putAutopay(session, body);
      const label = JSON.stringify(body);
      expect(response.status, label).toBe(status);
      expect(response.headers.get('Content-Type'), label).toBe('application/problem+json');
      expect(response.body.code, label).toBe(code);
      if (param !== undefined) expect(response.body.param, label).toBe(param);
      expect(response.body.detail, label).toEqual(expect.any(String));
    }
    expect(await autopayState(customer.id)).toEqual(before);
    expect(before).toEqual({ autopay: [], mandates: 0, events: 0 });
  });

  it('keeps active autopay unchanged after a rejected change', async () => {
    const { customer, session } = await customerWithSession();
    const card = await api.saveCard(session);
    await putAutopay(session, { enabled: true, payment_method: card, mandate: { accepted: true } });
    const before = await autopayState(customer.id);

    const response = await putAutopay(session, {
      enabled: true,
      payment_method: 'pm_unknown0000000000000',
      mandate: { accepted: true },
    });

    expect(response.status).toBe(404);
    expect(await autopayState(customer.id)).toEqual(before);
  });

  it('rejects a body that is not JSON', async () => {
    const { session } = await customerWithSession();

    const response = await api.request('PUT', '/v1/portal/autopay', {
      auth: session,
      body: 'enabled=true',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });

    expect(response.status).toBe(415);
    expect(response.body.code).toBe('unsupported_media_type');
  });
});
