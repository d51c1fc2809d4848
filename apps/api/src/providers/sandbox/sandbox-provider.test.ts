import { describe, expect, it } from 'vitest';
import { SandboxProvider } from './sandbox-provider.js';

const sandbox = new SandboxProvider();
const now = new Date('2026-03-15T12:00:00Z');
const card = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2034, cvc: '123' };

describe('SandboxProvider', () => {
  it('is not available in live mode', () => {
    expect(() => sandbox.createPaymentMethod(card, { livemode: true, now })).toThrow(
      expect.objectContaining({ code: 'sandbox_not_available', status: 403 }),
    );
  });

  it('keeps the outcome, never the number', () => {
    const method = sandbox.createPaymentMethod(
      { ...card, number: '4000000000009995' },
      { livemode: false, now },
    );

    expect(method).toEqual({
      type: 'card',
      brand: 'visa',
      last4: '9995',
      expMonth: 12,
      expYear: 2034,
      providerRef: 'insufficient_funds',
    });
  });

  it('rejects a card whose expiry month has passed', () => {
    expect(() =>
      sandbox.createPaymentMethod(
        { ...card, exp_month: 2, exp_year: 2026 },
        { livemode: false, now },
      ),
    ).toThrow(expect.objectContaining({ code: 'validation_failed', param: 'card.exp_year' }));
    expect(
      sandbox.createPaymentMethod(
        { ...card, exp_month: 3, exp_year: 2026 },
        { livemode: false, now },
      ).last4,
    ).toBe('4242');
  });

  it('charges with the payment id in its reference', async () => {
    const outcome = await sandbox.charge({
      paymentId: 'pay_1',
      amount: 100,
      currency: 'USD',
      livemode: false,
      method: { type: 'card', providerRef: 'card_declined', providerData: {} },
      customer: { id: 'cus_1', providerRefs: {} },
      invoiceIds: ['inv_1'],
      mandate: null,
      offSession: false,
      idempotencyKey: 'pay_1',
    });

    expect(outcome).toMatchObject({
      status: 'failed',
      failureCode: 'card_declined',
      providerRef: 'sandbox_pay_1',
    });
  });
});
