// The payment routes of the screenshot script's fake portal API: payment setup, saved
// methods, payments (cards, the 3-D Secure test card, bank accounts that stay pending and
// may be returned; of chosen invoices, all of a currency or an amount, with credit and
// short pay), autopay and receipts. State lives in the object that `createPaymentsApi`
// returns, one per page load, and in the ledger it shares with the receivables routes.

import { payInvoice, planPayment } from './fake-ar-api.mjs';

const VENDOR = 'Northwind Coffee Supply';
const DECLINES = {
  4000000000000002: 'card_declined',
  4000000000009995: 'insufficient_funds',
  4000000000000069: 'expired_card',
  4000000000000127: 'incorrect_cvc',
};
const THREE_D_SECURE_CARD = '4000002500003155';
/** Return codes of Stripe's test bank accounts; the rest settle. */
const BANK_RETURNS = { '000222222227': 'R01', '000111111113': 'R02', '000111111116': 'R03' };
/** Milliseconds a test bank payment stays pending before the fake settles or returns it. */
const BANK_DELAY_MS = 1500;

/**
 * Returns the current time of day on the session's `today`, so that what a page load pays
 * or reports happens on the fake vendor's day, not the machine's.
 */
export function instantOn(today) {
  return `${today}${new Date().toISOString().slice(10)}`;
}

/** A problem+json response of the fake API, shaped as the real API's. */
export function problem(status, code, detail, extra = {}) {
  return {
    status,
    body: {
      type: `https://duly.dev/problems/${code}`,
      title: code,
      status,
      code,
      detail,
      request_id: 'req_screens_1',
      ...extra,
    },
  };
}

/**
 * Returns the problem+json response of an SDK error thrown by a test fake's rules. The SDK's
 * error classes loaded through Vite are other copies than Node's, so this reads the error's
 * fields instead of using instanceof, and rethrows anything else.
 */
export function problemFromError(error) {
  if (typeof error?.status !== 'number' || typeof error?.code !== 'string') throw error;
  return problem(error.status, error.code, error.detail, error.param ? { param: error.param } : {});
}

function method(fields) {
  return {
    object: 'payment_method',
    brand: null,
    exp_month: null,
    exp_year: null,
    bank_name: null,
    is_default: false,
    disabled_reason: null,
    livemode: false,
    created_at: '2025-09-02T10:00:00.000Z',
    ...fields,
  };
}

function payment(fields) {
  return {
    object: 'payment',
    customer: 'cus_harbor',
    currency: 'USD',
    failure_code: null,
    failure_message: null,
    payment_method: null,
    source: 'portal',
    amount_refunded: 0,
    amount_unapplied: 0,
    credit_applied: 0,
    short_pay: null,
    offline: null,
    next_action: null,
    chargeback_status: null,
    livemode: false,
    succeeded_at: fields.status === 'succeeded' ? fields.created_at : null,
    failed_at: null,
    ...fields,
  };
}

const visa = { type: 'card', brand: 'visa', last4: '4242' };
const bank = { type: 'us_bank_account', brand: null, last4: '6789' };

function history() {
  return [
    payment({
      id: 'pay_1Ab2',
      status: 'succeeded',
      amount: 35800,
      method_details: visa,
      applications: [{ invoice: 'inv_5Pd3', invoice_number: 'NW-10391', amount: 35800 }],
      amount_refunded: 8950,
      created_at: '2025-08-28T10:05:00.000Z',
    }),
    payment({
      id: 'pay_6Cb9',
      status: 'succeeded',
      amount: 12400,
      method_details: visa,
      applications: [{ invoice: 'inv_3Kx1', invoice_number: 'NW-10288', amount: 12400 }],
      chargeback_status: 'under_review',
      created_at: '2025-09-14T09:30:00.000Z',
    }),
    payment({
      id: 'pay_2Fx7',
      status: 'failed',
      amount: 20000,
      method_details: { ...bank, last4: '2227' },
      failure_code: 'R01',
      applications: [{ invoice: 'inv_8Lm4', invoice_number: 'NW-10517', amount: 20000 }],
      created_at: '2025-11-09T11:20:00.000Z',
      failed_at: '2025-11-12T08:00:00.000Z',
    }),
    payment({
      id: 'pay_5Mv3',
      status: 'succeeded',
      amount: 6692,
      payment_method: 'pm_bank',
      method_details: bank,
      applications: [{ invoice: 'inv_4Rb6', invoice_number: 'NW-10344', amount: 6692 }],
      created_at: '2025-09-30T16:10:00.000Z',
    }),
    payment({
      id: 'pay_3Hs1',
      status: 'succeeded',
      amount: 20000,
      method_details: visa,
      applications: [{ invoice: 'inv_8Lm4', invoice_number: 'NW-10517', amount: 20000 }],
      created_at: '2025-11-10T15:42:00.000Z',
    }),
    payment({
      id: 'pay_7Ck4',
      status: 'succeeded',
      source: 'vendor',
      amount: 15000,
      method_details: { type: 'offline', brand: null, last4: null },
      offline: { method: 'check', reference: '2211', received_on: '2025-09-29' },
      applications: [{ invoice: 'inv_1Qa9', invoice_number: 'NW-10402', amount: 15000 }],
      created_at: '2025-09-29T16:00:00.000Z',
    }),
  ];
}

/**
 * Creates the payment routes of one page load over `invoices` (mutated by payments).
 * `handle` returns the response, or `undefined` for a route it does not serve.
 */
export function createPaymentsApi(invoices, session, ledger) {
  const methods = [
    method({ id: 'pm_visa', ...visa, exp_month: 12, exp_year: 2030, is_default: true }),
    method({ id: 'pm_bank', ...bank, bank_name: 'STRIPE TEST BANK' }),
    method({
      id: 'pm_closed',
      type: 'us_bank_account',
      last4: '1113',
      bank_name: 'STRIPE TEST BANK',
      disabled_reason: 'R02',
    }),
  ];
  const numbers = new Map([
    ['pm_visa', '4242424242424242'],
    ['pm_bank', '000123456789'],
  ]);
  const payments = history();
  let autopay = {
    object: 'autopay',
    status: 'paused',
    payment_method: 'pm_bank',
    enabled_on: '2025-10-01',
    paused_reason: 'R01',
    last_failed_payment: 'pay_2Fx7',
    mandate_accepted_at: '2025-10-01T09:00:00.000Z',
  };
  let sequence = 0;

  const setup = {
    object: 'payment_setup',
    card: { provider: 'sandbox', options: {} },
    bank: { provider: 'sandbox', options: {} },
    mandate_text: {
      one_off: `By paying, you authorize ${VENDOR} to debit the bank account shown for the amount shown, once, on or after today. You can ask your bank to reverse an unauthorized debit.`,
      autopay: `By turning on autopay, you authorize ${VENDOR} to charge the payment method shown for each invoice on its due date, for the amount due, until you turn autopay off. You can turn it off in this portal at any time; for a bank account, you can also ask your bank to reverse an unauthorized debit.`,
    },
    short_pay_reasons: [
      'Price differs from the quote',
      'Goods damaged or missing',
      'Already paid another way',
      'Other',
    ],
    minimum_charge: { USD: 50, EUR: 50, GBP: 30 },
  };

  const findPayment = (id) => payments.find((candidate) => candidate.id === id);

  /** Applies a settled payment to its invoices, or releases what a return had reserved. */
  const settle = (settled, outcome) => {
    for (const application of settled.applications) {
      const invoice = invoices.find((item) => item.id === application.invoice);
      if (settled.status === 'pending') invoice.amount_pending -= application.amount;
      if (outcome === 'succeeded') {
        invoice.amount_due -= application.amount;
        if (settled.status !== 'pending') invoice.amount_payable -= application.amount;
        if (invoice.amount_due === 0) {
          invoice.status = 'paid';
          invoice.overdue = false;
        }
      } else if (settled.status === 'pending') {
        invoice.amount_payable += application.amount;
      }
    }
    settled.next_action = null;
    if (outcome === 'succeeded') {
      settled.status = 'succeeded';
      settled.succeeded_at = instantOn(session.today);
      ledger.credit[settled.currency] =
        (ledger.credit[settled.currency] ?? 0) + settled.amount_unapplied;
    } else {
      settled.status = 'failed';
      settled.failure_code = outcome;
      settled.failed_at = instantOn(session.today);
    }
  };

  const createdMethods = new Map();

  const createMethod = (body) => {
    sequence += 1;
    const id = `pm_screens${sequence}`;
    let created;
    if (body.card) {
      const number = String(body.card.number).replace(/\s/g, '');
      numbers.set(id, number);
      created = method({
        id,
        type: 'card',
        brand: 'visa',
        last4: number.slice(-4),
        exp_month: body.card.exp_month,
        exp_year: body.card.exp_year,
      });
    } else {
      const account = body.us_bank_account.account_number;
      numbers.set(id, account);
      created = method({
        id,
        type: 'us_bank_account',
        last4: account.slice(-4),
        bank_name: 'STRIPE TEST BANK',
      });
    }
    createdMethods.set(id, created);
    if (body.save) methods.push(created);
    return { status: 201, body: created };
  };

  const createPayment = (body) => {
    const chosen =
      methods.find((item) => item.id === body.payment_method) ??
      createdMethods.get(body.payment_method);
    const number = numbers.get(body.payment_method) ?? '';
    const planned = planPayment(invoices, body, ledger);
    if (planned.problem) return planned.problem;
    const { preview, rows } = planned;
    if (preview.short_pay_required && !body.short_pay) {
      return problem(400, 'short_pay_reason_required', 'Say why.', { param: 'short_pay.reason' });
    }
    const minimum = setup.minimum_charge[preview.currency] ?? 1;
    if (preview.amount_to_charge < minimum) {
      return problem(400, 'amount_below_minimum', 'The smallest card payment is $0.50.', {
        param: 'amount',
      });
    }
    // Credit applied by the request stays applied even when the charge fails.
    for (const row of rows) payInvoice(row.invoice, row.credit);
    ledger.credit[preview.currency] -= preview.credit_applied;

    sequence += 1;
    const id = `pay_8Rt${sequence}Xw2`;
    const decline = chosen?.type === 'card' ? DECLINES[number] : undefined;
    if (decline) {
      return problem(402, decline, 'The card was declined.', {
        payment: id,
        decline_code: decline,
      });
    }
    const isBank = chosen?.type === 'us_bank_account';
    let status = 'succeeded';
    if (isBank) status = 'pending';
    else if (number === THREE_D_SECURE_CARD) status = 'requires_action';
    const applications = rows
      .filter((row) => row.amount > row.credit)
      .map((row) => ({
        invoice: row.invoice.id,
        invoice_number: row.invoice.number,
        amount: row.amount - row.credit,
      }));
    // settle() releases a reservation only from a pending payment, and a card reserves none.
    const created = payment({
      id,
      status: isBank ? 'pending' : 'requires_action',
      amount: preview.amount_to_charge,
      currency: preview.currency,
      payment_method: body.payment_method,
      method_details: { type: chosen.type, brand: chosen.brand, last4: chosen.last4 },
      applications,
      amount_unapplied: preview.amount_to_credit,
      credit_applied: preview.credit_applied,
      short_pay: body.short_pay ? { note: null, ...body.short_pay } : null,
      created_at: instantOn(session.today),
    });
    payments.push(created);
    if (status === 'succeeded') {
      settle(created, 'succeeded');
    } else if (status === 'requires_action') {
      created.next_action = { type: 'sandbox_challenge', client_secret: `${id}_secret` };
    } else {
      for (const application of applications) {
        const invoice = invoices.find((item) => item.id === application.invoice);
        invoice.amount_pending += application.amount;
        invoice.amount_payable -= application.amount;
      }
      setTimeout(() => settle(created, BANK_RETURNS[number] ?? 'succeeded'), BANK_DELAY_MS);
    }
    return { status: 201, body: created };
  };

  const receiptOf = (paid) => ({
    object: 'receipt',
    number: `R-${paid.id.slice(4).toUpperCase()}`,
    payment: paid.id,
    status: paid.status,
    amount: paid.amount,
    amount_refunded: paid.amount_refunded,
    currency: paid.currency,
    method_details: paid.method_details,
    applications: paid.applications,
    paid_at: paid.succeeded_at ?? paid.created_at,
    vendor: {
      name: VENDOR,
      email: 'billing@northwind.example',
      address_lines: ['418 Harbor Street', 'Portland, OR 97209', 'United States'],
      logo_url: null,
    },
    customer: { id: 'cus_harbor', name: session.customer.name, email: session.customer.email },
    livemode: false,
  });

  return {
    handle(httpMethod, url, body) {
      const path = url.pathname;
      if (httpMethod === 'GET' && path === '/v1/portal/payment_setup') {
        return { status: 200, body: setup };
      }

      if (httpMethod === 'GET' && path === '/v1/portal/payment_methods') {
        return { status: 200, body: { object: 'list', data: methods, next_cursor: null } };
      }
      if (httpMethod === 'POST' && path === '/v1/portal/payment_methods/sandbox') {
        return createMethod(body);
      }
      const methodMatch = /^\/v1\/portal\/payment_methods\/([^/]+)(\/default)?$/.exec(path);
      if (methodMatch) {
        const index = methods.findIndex((item) => item.id === methodMatch[1]);
        if (index < 0) return problem(404, 'payment_method_not_found', 'No such method.');
        if (httpMethod === 'DELETE') {
          if (autopay.status !== 'off' && autopay.payment_method === methodMatch[1]) {
            return problem(
              409,
              'payment_method_in_use',
              'Autopay charges this payment method. Choose another method for autopay or turn autopay off, then remove it.',
              { param: 'id' },
            );
          }
          methods.splice(index, 1);
          return { status: 200, body: {} };
        }
        for (const item of methods) item.is_default = item.id === methodMatch[1];
        return { status: 200, body: methods[index] };
      }

      if (httpMethod === 'POST' && path === '/v1/portal/payments') return createPayment(body);
      if (httpMethod === 'GET' && path === '/v1/portal/payments') {
        const newestFirst = [...payments].reverse();
        return { status: 200, body: { object: 'list', data: newestFirst, next_cursor: null } };
      }
      const paymentMatch = /^\/v1\/portal\/payments\/([^/]+)(\/[a-z_]+)?$/.exec(path);
      if (paymentMatch) {
        const found = findPayment(paymentMatch[1]);
        if (!found) return problem(404, 'payment_not_found', 'No such payment.');
        if (paymentMatch[2] === '/sandbox_challenge')
          settle(found, body.result === 'succeeded' ? 'succeeded' : 'authentication_failed');
        if (paymentMatch[2] === '/receipt') return { status: 200, body: receiptOf(found) };
        return { status: 200, body: found };
      }

      if (path === '/v1/portal/autopay') {
        if (httpMethod === 'PUT') {
          autopay = body.enabled
            ? {
                ...autopay,
                status: 'active',
                payment_method: body.payment_method,
                paused_reason: null,
                last_failed_payment: null,
              }
            : {
                ...autopay,
                status: 'off',
                payment_method: null,
                paused_reason: null,
                last_failed_payment: null,
              };
        }
        return { status: 200, body: autopay };
      }
      return undefined;
    },
  };
}
