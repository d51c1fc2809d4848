import { CreatePaymentRequestSchema, UpdateAutopayRequestSchema } from '@duly/core';
import { describe, expect, it } from 'vitest';
import { parseInput } from './validation.js';

/** Returns the problem detail and param that parseInput raises for `input`. */
function rejection(schema: Parameters<typeof parseInput>[0], input: unknown) {
  try {
    parseInput(schema, input);
  } catch (error) {
    const { message, param } = error as { message: string; param: string };
    return { detail: message, param };
  }
  throw new Error('parseInput accepted the input');
}

describe('parseInput messages', () => {
  it('names the id prefix a field expects', () => {
    expect(
      rejection(CreatePaymentRequestSchema, {
        payment_method: 'card_1',
        invoices: [{ invoice: 'inv_1', amount: 100 }],
      }),
    ).toEqual({
      param: 'payment_method',
      detail:
        'payment_method must be an id that starts with "pm_", such as pm_4fQz...; "card_1" is not one.',
    });
  });

  it('leaves the request body out of an object rule', () => {
    expect(rejection(CreatePaymentRequestSchema, { payment_method: 'pm_1', amount: 1000 })).toEqual(
      {
        param: 'currency',
        detail: 'currency is required with `amount` and `pay_all`, such as USD.',
      },
    );
  });

  it('counts one item in the singular', () => {
    expect(rejection(CreatePaymentRequestSchema, { payment_method: 'pm_1', invoices: [] })).toEqual(
      { param: 'invoices', detail: 'invoices must have at least 1 item.' },
    );
  });

  it('names the value a literal field takes', () => {
    expect(
      rejection(CreatePaymentRequestSchema, {
        payment_method: 'pm_1',
        invoices: [{ invoice: 'inv_1', amount: 100 }],
        mandate: { accepted: false },
      }),
    ).toEqual({ param: 'mandate.accepted', detail: 'mandate.accepted must be true.' });
  });

  it('lists the choices of an enumerated field', () => {
    expect(rejection(UpdateAutopayRequestSchema, { enabled: 'yes' })).toEqual({
      param: 'enabled',
      detail: 'enabled must be one of true, false.',
    });
  });

  it('reports the closest branch of a union with its path', () => {
    expect(
      rejection(UpdateAutopayRequestSchema, {
        enabled: true,
        payment_method: 'pm_1',
        mandate: { accepted: false },
      }),
    ).toEqual({ param: 'mandate.accepted', detail: 'mandate.accepted must be true.' });
  });
});
