import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { achReturnCode } from './ach-return-codes.js';
import { chargebackStatus, toLedgerChanges } from './stripe-events.js';

function event(type: string, object: Record<string, unknown>): Stripe.Event {
  return {
    id: 'evt_1',
    object: 'event',
    type,
    livemode: false,
    created: 1_773_000_000,
    data: { object },
  } as unknown as Stripe.Event;
}

function intent(fields: Record<string, unknown>) {
  return {
    id: 'pi_1',
    object: 'payment_intent',
    amount: 1_000,
    currency: 'usd',
    client_secret: 'pi_1_secret_x',
    metadata: { duly_payment: 'pay_1', duly_invoices: 'inv_1' },
    payment_method_types: ['card'],
    last_payment_error: null,
    ...fields,
  };
}

function charge(fields: Record<string, unknown>) {
  return {
    id: 'ch_1',
    object: 'charge',
    amount: 1_000,
    currency: 'usd',
    payment_intent: 'pi_1',
    metadata: { duly_payment: 'pay_1' },
    payment_method_details: { type: 'us_bank_account' },
    outcome: null,
    ...fields,
  };
}

function refund(id: string, amount: number, status: string, metadata = {}) {
  return { id, object: 'refund', amount, currency: 'usd', status, reason: null, metadata };
}

const payment = { paymentId: 'pay_1', providerRef: 'pi_1' };

describe('toLedgerChanges', () => {
  it('maps payment_intent.succeeded to a succeeded charge', () => {
    const changes = toLedgerChanges(
      event('payment_intent.succeeded', intent({ status: 'succeeded' })),
    );

    expect(changes).toEqual([
      { kind: 'charge', payment, outcome: { status: 'succeeded', providerRef: 'pi_1' } },
    ]);
  });

  it('maps payment_intent.processing to pending', () => {
    const changes = toLedgerChanges(
      event('payment_intent.processing', intent({ status: 'processing' })),
    );

    expect(changes[0]).toMatchObject({ outcome: { status: 'pending', providerRef: 'pi_1' } });
  });

  it('keeps the decline code of a failed card payment', () => {
    const failed = intent({
      status: 'requires_payment_method',
      last_payment_error: {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
        payment_method: { type: 'card' },
      },
    });

    const changes = toLedgerChanges(event('payment_intent.payment_failed', failed));

    expect(changes[0]).toMatchObject({
      outcome: {
        status: 'failed',
        failureCode: 'insufficient_funds',
        failureMessage: 'Your card has insufficient funds.',
      },
    });
  });

  it('uses the error code for a generic decline', () => {
    const failed = intent({
      status: 'requires_payment_method',
      last_payment_error: {
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
      },
    });

    const changes = toLedgerChanges(event('payment_intent.payment_failed', failed));

    expect(changes[0]).toMatchObject({ outcome: { failureCode: 'card_declined' } });
  });

  it.each([
    ['insufficient_funds', 'R01'],
    ['account_closed', 'R02'],
    ['no_account', 'R03'],
  ])('maps a bank return %s to %s', (stripeCode, returnCode) => {
    const returned = charge({
      status: 'failed',
      failure_code: stripeCode,
      failure_message: 'The bank returned the debit.',
    });

    const changes = toLedgerChanges(event('charge.failed', returned));

    expect(changes).toEqual([
      {
        kind: 'charge',
        payment,
        outcome: {
          status: 'failed',
          providerRef: 'pi_1',
          failureCode: returnCode,
          failureMessage: 'The bank returned the debit.',
        },
      },
    ]);
  });

  it('gives a bank debit failed on the intent its return code', () => {
    const failed = intent({
      status: 'requires_payment_method',
      payment_method_types: ['us_bank_account'],
      last_payment_error: { code: 'account_closed', message: 'Closed.' },
    });

    const changes = toLedgerChanges(event('payment_intent.payment_failed', failed));

    expect(changes[0]).toMatchObject({ outcome: { failureCode: 'R02' } });
  });

  it('lists every refund of charge.refunded', () => {
    const refunded = charge({
      status: 'succeeded',
      payment_method_details: { type: 'card' },
      refunds: {
        object: 'list',
        data: [
          refund('re_2', 200, 'pending'),
          refund('re_1', 300, 'succeeded', { duly_refund: 're_duly' }),
        ],
      },
    });

    const changes = toLedgerChanges(event('charge.refunded', refunded));

    expect(changes).toEqual([
      {
        kind: 'refunds',
        payment,
        refunds: [
          { providerRef: 're_2', amount: 200, status: 'pending', reason: null },
          {
            providerRef: 're_1',
            refundId: 're_duly',
            amount: 300,
            status: 'succeeded',
            reason: null,
          },
        ],
      },
    ]);
  });

  it('takes listed refunds when charge.refunded leaves them out', () => {
    const refunded = charge({ status: 'succeeded' });
    const listed = [refund('re_1', 300, 'succeeded')] as unknown as Stripe.Refund[];

    const changes = toLedgerChanges(event('charge.refunded', refunded), listed);

    expect(changes[0]).toMatchObject({ refunds: [{ providerRef: 're_1', amount: 300 }] });
  });

  it('maps one refund of refund.failed', () => {
    const failed = { ...refund('re_1', 300, 'failed'), payment_intent: 'pi_1' };

    const changes = toLedgerChanges(event('refund.failed', failed));

    expect(changes).toEqual([
      {
        kind: 'refunds',
        payment: { providerRef: 'pi_1' },
        refunds: [{ providerRef: 're_1', amount: 300, status: 'failed', reason: null }],
      },
    ]);
  });

  it('maps a dispute to a chargeback', () => {
    const dispute = {
      id: 'du_1',
      object: 'dispute',
      amount: 1_000,
      currency: 'usd',
      payment_intent: 'pi_1',
      reason: 'fraudulent',
      status: 'needs_response',
    };

    const changes = toLedgerChanges(event('charge.dispute.created', dispute));

    expect(changes).toEqual([
      {
        kind: 'chargeback',
        payment: { providerRef: 'pi_1' },
        chargeback: {
          providerRef: 'du_1',
          amount: 1_000,
          reason: 'fraudulent',
          status: 'needs_response',
        },
      },
    ]);
  });

  it('converts ISK amounts back to whole krónur', () => {
    const dispute = {
      id: 'du_1',
      amount: 150_000,
      currency: 'isk',
      payment_intent: 'pi_1',
      reason: 'general',
      status: 'lost',
    };

    const changes = toLedgerChanges(event('charge.dispute.closed', dispute));

    expect(changes[0]).toMatchObject({ chargeback: { amount: 1_500, status: 'lost' } });
  });

  it('ignores events that do not touch the ledger', () => {
    expect(toLedgerChanges(event('setup_intent.succeeded', { id: 'seti_1' }))).toEqual([]);
    expect(toLedgerChanges(event('customer.created', { id: 'cus_1' }))).toEqual([]);
  });

  it('ignores a charge made without a PaymentIntent', () => {
    const bare = charge({ payment_intent: null, status: 'failed', failure_code: 'card_declined' });

    expect(toLedgerChanges(event('charge.failed', bare))).toEqual([]);
  });
});

describe('chargebackStatus', () => {
  it.each([
    ['warning_needs_response', 'needs_response'],
    ['needs_response', 'needs_response'],
    ['under_review', 'under_review'],
    ['warning_under_review', 'under_review'],
    ['won', 'won'],
    ['warning_closed', 'won'],
    ['prevented', 'won'],
    ['lost', 'lost'],
  ] as const)('maps %s to %s', (status, expected) => {
    expect(chargebackStatus(status)).toBe(expected);
  });
});

describe('achReturnCode', () => {
  it('keeps a code without an R-code counterpart', () => {
    expect(achReturnCode('could_not_process')).toBe('could_not_process');
  });

  it('maps an unauthorized debit to R10', () => {
    expect(achReturnCode('debit_not_authorized')).toBe('R10');
  });
});
