// The receivables routes of the screenshot script's fake portal API: payment previews
// (pay all, pay an amount, credit), paying from credit, "I sent a payment" notices and
// credit notes. State lives in the `ledger` object that the screenshot script makes per
// page load and shares with the payment routes.

import { instantOn, problemFromError } from './fake-payments-api.mjs';
import { importTestingModule } from './testing-module.mjs';

const paying = await importTestingModule('fake-paying.ts');

/** Creates the customer's credit balance, notices and credit notes as a page load starts. */
export function makeLedger() {
  return {
    credit: { USD: 4500 },
    notices: [
      notice({
        id: 'pn_4Wq1',
        status: 'rejected',
        method: 'wire',
        reference: 'BH-WIRE-0917',
        amount: 12400,
        sent_on: '2025-09-16',
        invoices: [{ invoice: 'inv_3Kx1', invoice_number: 'NW-10288', amount: 12400 }],
        rejection_reason: 'No wire with this reference reached our account.',
        created_at: '2025-09-17T14:00:00.000Z',
        decided_at: '2025-09-22T09:30:00.000Z',
      }),
      notice({
        id: 'pn_7Hc5',
        status: 'confirmed',
        method: 'check',
        reference: '2211',
        amount: 15000,
        sent_on: '2025-09-24',
        invoices: [{ invoice: 'inv_1Qa9', invoice_number: 'NW-10402', amount: 15000 }],
        payment: 'pay_7Ck4',
        created_at: '2025-09-24T10:00:00.000Z',
        decided_at: '2025-09-29T16:00:00.000Z',
      }),
      notice({
        id: 'pn_9Tz2',
        status: 'pending',
        method: 'wire',
        reference: 'BH-WIRE-1202',
        amount: 27600,
        sent_on: '2025-12-02',
        invoices: [{ invoice: 'inv_6Nt2', invoice_number: 'NW-10571', amount: 27600 }],
        created_at: '2025-12-02T16:20:00.000Z',
      }),
    ],
    creditNotes: [
      {
        object: 'credit_note',
        id: 'cn_2Pb8',
        number: 'CN-000014',
        customer: 'cus_harbor',
        status: 'issued',
        currency: 'USD',
        amount: 6000,
        amount_remaining: 4500,
        reason: 'Two cases of oat milk arrived damaged',
        issued_on: '2025-11-12',
        applications: [
          {
            invoice: 'inv_8Lm4',
            invoice_number: 'NW-10517',
            amount: 1500,
            created_at: '2025-11-12T12:00:00.000Z',
          },
        ],
        livemode: false,
        created_at: '2025-11-12T12:00:00.000Z',
      },
    ],
  };
}

function notice(fields) {
  return {
    object: 'payment_notice',
    customer: 'cus_harbor',
    currency: 'USD',
    payment: null,
    rejection_reason: null,
    livemode: false,
    decided_at: null,
    ...fields,
  };
}

/**
 * Splits a payment request over `invoices` as the API does, with the widget tests' own
 * `planPayment`, so that the screenshots and the tests follow one copy of the rules. Returns
 * `{ preview, rows }`, or `{ problem }` for a request the API rejects.
 */
export function planPayment(invoices, body, ledger) {
  try {
    return paying.planPayment(invoices, body, (currency) => ledger.credit[currency] ?? 0);
  } catch (error) {
    return { problem: problemFromError(error) };
  }
}

/** Takes `amount` off what is due and payable on `invoice`, closing it when nothing is left. */
export function payInvoice(invoice, amount) {
  invoice.amount_due -= amount;
  invoice.amount_payable -= amount;
  if (invoice.amount_due === 0) {
    invoice.status = 'paid';
    invoice.overdue = false;
  }
}

/**
 * Creates the receivables routes of one page load over `invoices`, on the vendor's `today`
 * (`YYYY-MM-DD`). `handle` returns the response, or `undefined` for a route it does not
 * serve.
 */
export function createArApi(invoices, ledger, today) {
  let sequence = 0;

  const applyCredit = (body) => {
    const planned = planPayment(invoices, { ...body, apply_credit: true }, ledger);
    if (planned.problem) return planned.problem;
    const { preview, rows } = planned;
    for (const row of rows) payInvoice(row.invoice, row.amount);
    ledger.credit[preview.currency] -= preview.credit_applied;
    return {
      status: 201,
      body: {
        object: 'credit_application',
        customer: 'cus_harbor',
        currency: preview.currency,
        amount: preview.credit_applied,
        applications: rows.map((row) => ({
          invoice: row.invoice.id,
          invoice_number: row.invoice.number,
          amount: row.amount,
        })),
        credit_remaining: ledger.credit[preview.currency],
        created_at: instantOn(today),
      },
    };
  };

  const createNotice = (body) => {
    sequence += 1;
    const lines = body.invoices.map(({ invoice: id, amount }) => {
      const invoice = invoices.find((item) => item.id === id);
      return { invoice, amount };
    });
    const created = notice({
      id: `pn_8Sc${sequence}`,
      status: 'pending',
      currency: lines[0].invoice.currency,
      amount: lines.reduce((sum, line) => sum + line.amount, 0),
      method: body.method,
      reference: body.reference ?? null,
      sent_on: body.sent_on,
      invoices: lines.map((line) => ({
        invoice: line.invoice.id,
        invoice_number: line.invoice.number,
        amount: line.amount,
      })),
      created_at: instantOn(today),
    });
    for (const line of lines) {
      line.invoice.payment_notice = {
        id: created.id,
        amount: line.amount,
        method: body.method,
        reference: created.reference,
        sent_on: body.sent_on,
      };
    }
    ledger.notices.push(created);
    return { status: 201, body: created };
  };

  const list = (items) => ({
    status: 200,
    body: { object: 'list', data: [...items].reverse(), next_cursor: null },
  });

  return {
    handle(httpMethod, url, body) {
      const path = url.pathname;
      if (httpMethod === 'POST' && path === '/v1/portal/payments/preview') {
        const planned = planPayment(invoices, body, ledger);
        return planned.problem ?? { status: 200, body: planned.preview };
      }
      if (httpMethod === 'POST' && path === '/v1/portal/credit_applications') {
        return applyCredit(body);
      }
      if (path === '/v1/portal/payment_notices') {
        return httpMethod === 'POST' ? createNotice(body) : list(ledger.notices);
      }
      if (httpMethod === 'GET' && path === '/v1/portal/credit_notes') {
        return list(ledger.creditNotes);
      }
      return undefined;
    },
  };
}
