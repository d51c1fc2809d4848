import {
  CreatePaymentRequestSchema,
  CreatePlanRequestSchema,
  UpdateAutopayRequestSchema,
} from '@duly/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
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

  it('calls an integer a whole number', () => {
    expect(
      rejection(CreatePlanRequestSchema, {
        name: 'Team',
        interval: 'month',
        currency: 'USD',
        unit_amount: 12.5,
      }),
    ).toEqual({ param: 'unit_amount', detail: 'unit_amount must be a whole number.' });
  });

  it('shows what an email and a date-time look like', () => {
    const schema = z.object({ email: z.email(), since: z.iso.datetime({ offset: true }) });
    expect(rejection(schema, { email: 'ap-at-example', since: '2026-12-05T04:00:00Z' })).toEqual({
      param: 'email',
      detail: 'email must be an email address such as ap@example.com; "ap-at-example" is not one.',
    });
    expect(rejection(schema, { email: 'ap@example.com', since: '2026-12-05T04:00:00' })).toEqual({
      param: 'since',
      detail:
        'since must be an ISO 8601 date and time with a UTC offset, such as 2026-12-05T04:00:00Z; "2026-12-05T04:00:00" is not one.',
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
