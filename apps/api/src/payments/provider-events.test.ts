import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { invoiceState } from '../testing/ledger-reads.js';
import type { LedgerChange } from './ledger-change.js';
import { applyProviderEvent } from './provider-events.js';
import { createRefundRecord, settleRefund } from './refund-ledger.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Ledger Events Vendor' });
});
afterAll(() => db.destroy());

let eventSequence = 0;
function deliver(changes: LedgerChange[], eventId = `evt_test_${++eventSequence}`) {
  return applyProviderEvent(db, api.clock, {
    provider: 'sandbox',
    eventId,
    type: 'test.event',
    changes,
  });
}

async function paymentState(paymentId: string) {
  const row = await db
    .selectFrom('payment')
    .select(['status', 'amount_refunded', 'failure_code', 'chargeback_status'])
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  return { ...row, amount_refunded: Number(row.amount_refunded) };
}

/** Creates a customer with two invoices, 6,000 due 2026-03-31 and 4,000 due 2026-04-30. */
async function twoInvoices() {
  const customer = await api.createCustomer();
  const session = await api.createSession(customer.id);
  const older = await api.createInvoice(customer.id, { total: 6_000, due_date: '2026-03-31' });
  const newer = await api.createInvoice(customer.id, { total: 4_000, due_date: '2026-04-30' });
  return { customer, session, older, newer };
}

async function payBoth(method: 'card' | 'bank', accountNumber?: string) {
  const fixture = await twoInvoices();
  const pm =
    method === 'card'
      ? await api.createCard(fixture.session)
      : await api.createBankAccount(fixture.session, accountNumber);
  const response = await api.pay(
    fixture.session,
    pm,
    [
      { invoice: fixture.older.id, amount: 6_000 },
      { invoice: fixture.newer.id, amount: 4_000 },
    ],
    crypto.randomUUID(),
    method === 'bank',
  );
  expect(response.status).toBe(201);
  return { ...fixture, pm, paymentId: response.body.id as string };
}

describe('refunds reported by the provider', () => {
  it('applies cumulative refund lists once each, the invoice due last first', async () => {
    const { older, newer, paymentId } = await payBoth('card');
    const first = {
      providerRef: 'rf_1',
      amount: 3_000,
      status: 'succeeded' as const,
      reason: null,
    };
    const second = {
      providerRef: 'rf_2',
      amount: 5_000,
      status: 'succeeded' as const,
      reason: null,
    };

    await deliver([{ kind: 'refunds', payment: { paymentId }, refunds: [first] }]);
    expect(await paymentState(paymentId)).toMatchObject({
      status: 'succeeded',
      amount_refunded: 3_000,
    });
    expect(await invoiceState(db, newer.id)).toEqual({ status: 'open', due: 3_000, pending: 0 });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'paid', due: 0, pending: 0 });

    await deliver(
      [{ kind: 'refunds', payment: { paymentId }, refunds: [first, second] }],
      'evt_cumulative',
    );
    expect(await paymentState(paymentId)).toMatchObject({
      status: 'succeeded',
      amount_refunded: 8_000,
    });
    expect(await invoiceState(db, newer.id)).toEqual({ status: 'open', due: 4_000, pending: 0 });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'open', due: 4_000, pending: 0 });

    // The same event again, and the same list under another event id: nothing moves.
    expect(
      await deliver(
        [{ kind: 'refunds', payment: { paymentId }, refunds: [first, second] }],
        'evt_cumulative',
      ),
    ).toEqual({ duplicate: true });
    await deliver([{ kind: 'refunds', payment: { paymentId }, refunds: [second, first] }]);
    expect(await paymentState(paymentId)).toMatchObject({ amount_refunded: 8_000 });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'open', due: 4_000, pending: 0 });
  });

  it('never refunds more than was paid, whatever the provider reports', async () => {
    const { older, newer, paymentId } = await payBoth('card');
    await deliver([
      {
        kind: 'refunds',
        payment: { paymentId },
        refunds: [
          { providerRef: 'rf_big_1', amount: 7_000, status: 'succeeded', reason: null },
          { providerRef: 'rf_big_2', amount: 7_000, status: 'succeeded', reason: null },
        ],
      },
    ]);
    expect(await paymentState(paymentId)).toMatchObject({
      status: 'refunded',
      amount_refunded: 10_000,
    });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'open', due: 6_000, pending: 0 });
    expect(await invoiceState(db, newer.id)).toEqual({ status: 'open', due: 4_000, pending: 0 });
  });

  it('matches a Duly refund by its id', async () => {
    const { newer, paymentId } = await payBoth('card');
    const tenant = { vendorId: api.vendor.id, livemode: false };
    const { refund } = await createRefundRecord(db, api.clock, tenant, paymentId, {
      amount: 1_500,
    });

    await deliver([
      {
        kind: 'refunds',
        payment: { paymentId },
        refunds: [
          {
            providerRef: 'rf_duly',
            refundId: refund.id,
            amount: 1_500,
            status: 'succeeded',
            reason: null,
          },
        ],
      },
    ]);
    // The API's own result arriving after the webhook changes nothing more.
    await settleRefund(db, api.clock, refund.id, { status: 'succeeded', providerRef: 'rf_duly' });

    expect(await paymentState(paymentId)).toMatchObject({ amount_refunded: 1_500 });
    expect(await invoiceState(db, newer.id)).toEqual({ status: 'open', due: 1_500, pending: 0 });
    const refunds = await db
      .selectFrom('refund')
      .selectAll()
      .where('payment_id', '=', paymentId)
      .execute();
    expect(refunds).toHaveLength(1);
  });
});

describe('events out of order', () => {
  it('keeps a refunded payment refunded after a late success', async () => {
    const { older, newer, paymentId } = await payBoth('bank');
    expect(await paymentState(paymentId)).toMatchObject({ status: 'pending' });

    await deliver([
      {
        kind: 'refunds',
        payment: { paymentId },
        refunds: [{ providerRef: 'rf_all', amount: 10_000, status: 'succeeded', reason: null }],
      },
    ]);
    await deliver([
      {
        kind: 'charge',
        payment: { paymentId },
        outcome: { status: 'succeeded', providerRef: `sandbox_${paymentId}` },
      },
    ]);

    expect(await paymentState(paymentId)).toMatchObject({
      status: 'refunded',
      amount_refunded: 10_000,
    });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'open', due: 6_000, pending: 0 });
    expect(await invoiceState(db, newer.id)).toEqual({ status: 'open', due: 4_000, pending: 0 });
  });
});

describe('bank returns', () => {
  it('reopens the invoices and pauses autopay when a settled debit comes back R01', async () => {
    const { customer, session, older, newer, pm, paymentId } = await payBoth('bank');
    await api.turnOnAutopay(session, pm);
    const providerRef = `sandbox_${paymentId}`;

    await deliver([
      { kind: 'charge', payment: { paymentId }, outcome: { status: 'succeeded', providerRef } },
    ]);
    expect(await invoiceState(db, older.id)).toEqual({ status: 'paid', due: 0, pending: 0 });

    await deliver([
      {
        kind: 'charge',
        payment: { providerRef },
        outcome: {
          status: 'failed',
          providerRef,
          failureCode: 'R01',
          failureMessage: 'Insufficient funds.',
        },
      },
    ]);
    expect(await paymentState(paymentId)).toMatchObject({ status: 'failed', failure_code: 'R01' });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'open', due: 6_000, pending: 0 });
    expect(await invoiceState(db, newer.id)).toEqual({ status: 'open', due: 4_000, pending: 0 });
    const autopay = await db
      .selectFrom('autopay')
      .select(['status', 'paused_reason'])
      .where('customer_id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(autopay).toEqual({ status: 'paused', paused_reason: 'R01' });
    const method = await db
      .selectFrom('payment_method')
      .select('disabled_reason')
      .where('id', '=', pm)
      .executeTakeFirstOrThrow();
    expect(method.disabled_reason).toBeNull();
  });

  it('disables the account for good when the debit fails R02', async () => {
    const { older, pm, paymentId } = await payBoth('bank', '000111111113');
    const providerRef = `sandbox_${paymentId}`;
    await deliver([
      {
        kind: 'charge',
        payment: { paymentId },
        outcome: {
          status: 'failed',
          providerRef,
          failureCode: 'R02',
          failureMessage: 'Account closed.',
        },
      },
    ]);
    expect(await paymentState(paymentId)).toMatchObject({ status: 'failed', failure_code: 'R02' });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'open', due: 6_000, pending: 0 });
    const method = await db
      .selectFrom('payment_method')
      .select('disabled_reason')
      .where('id', '=', pm)
      .executeTakeFirstOrThrow();
    expect(method.disabled_reason).toBe('R02');
  });

  it('ignores a failure reported for a card payment that already succeeded', async () => {
    const { older, paymentId } = await payBoth('card');
    await deliver([
      {
        kind: 'charge',
        payment: { paymentId },
        outcome: {
          status: 'failed',
          providerRef: 'x',
          failureCode: 'card_declined',
          failureMessage: 'No.',
        },
      },
    ]);
    expect(await paymentState(paymentId)).toMatchObject({ status: 'succeeded' });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
  });
});

describe('chargebacks', () => {
  it('marks the payment while open and reopens the invoices when lost, for good', async () => {
    const { older, newer, paymentId } = await payBoth('card');
    const chargeback = { providerRef: 'dp_1', amount: 10_000, reason: 'fraudulent' };

    await deliver([
      {
        kind: 'chargeback',
        payment: { paymentId },
        chargeback: { ...chargeback, status: 'needs_response' },
      },
    ]);
    expect(await paymentState(paymentId)).toMatchObject({
      status: 'succeeded',
      chargeback_status: 'needs_response',
    });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'paid', due: 0, pending: 0 });

    await deliver([
      { kind: 'chargeback', payment: { paymentId }, chargeback: { ...chargeback, status: 'lost' } },
    ]);
    expect(await paymentState(paymentId)).toMatchObject({ chargeback_status: 'lost' });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'open', due: 6_000, pending: 0 });
    expect(await invoiceState(db, newer.id)).toEqual({ status: 'open', due: 4_000, pending: 0 });

    // An older event arriving late does not reopen the case nor move money again.
    await deliver([
      {
        kind: 'chargeback',
        payment: { paymentId },
        chargeback: { ...chargeback, status: 'under_review' },
      },
    ]);
    expect(await paymentState(paymentId)).toMatchObject({ chargeback_status: 'lost' });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'open', due: 6_000, pending: 0 });
  });

  it('leaves the invoices paid when the chargeback is won', async () => {
    const { older, paymentId } = await payBoth('card');
    const chargeback = { providerRef: 'dp_won', amount: 10_000, reason: 'product_not_received' };
    await deliver([
      {
        kind: 'chargeback',
        payment: { paymentId },
        chargeback: { ...chargeback, status: 'needs_response' },
      },
    ]);
    await deliver([
      { kind: 'chargeback', payment: { paymentId }, chargeback: { ...chargeback, status: 'won' } },
    ]);
    expect(await paymentState(paymentId)).toMatchObject({
      status: 'succeeded',
      chargeback_status: 'won',
    });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
  });
});

describe('events the API cannot place', () => {
  it('skips a payment it does not know and records the event once', async () => {
    const result = await deliver(
      [
        {
          kind: 'charge',
          payment: { providerRef: 'pi_elsewhere' },
          outcome: { status: 'succeeded', providerRef: 'pi_elsewhere' },
        },
      ],
      'evt_unknown',
    );
    expect(result).toEqual({ duplicate: false });
    const seen = await db
      .selectFrom('provider_event')
      .select('event_id')
      .where('event_id', '=', 'evt_unknown')
      .execute();
    expect(seen).toHaveLength(1);
  });

  it('disables every method named by a revoked bank link', async () => {
    const fixture = await twoInvoices();
    const pm = await api.createBankAccount(fixture.session);
    const { provider_ref } = await db
      .selectFrom('payment_method')
      .select('provider_ref')
      .where('id', '=', pm)
      .executeTakeFirstOrThrow();
    await deliver([
      { kind: 'payment_method_disabled', methodRef: provider_ref, reason: 'bank_link_revoked' },
    ]);
    const method = await db
      .selectFrom('payment_method')
      .select('disabled_reason')
      .where('id', '=', pm)
      .executeTakeFirstOrThrow();
    expect(method.disabled_reason).toBe('bank_link_revoked');
  });
});
