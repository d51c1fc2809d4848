// The receivables routes of the screenshot script's fake portal API: payment previews
// (pay all, pay an amount, credit), paying from credit, "I sent a payment" notices and
// credit notes. State lives in the `ledger` object that the screenshot script makes per
// page load and shares with the payment routes.

import { instantOn, problem } from './fake-payments-api.mjs';

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

function oldestFirst(invoices) {
  return [...invoices].sort(
    (a, b) => a.due_date.localeCompare(b.due_date) || a.number.localeCompare(b.number),
  );
}

/**
 * Splits a payment request over `invoices` as the API does: explicit invoices, or every
 * open invoice of the currency that is neither disputed nor waiting on a payment notice,
 * oldest due date first, the last one partly. Returns `{ preview, rows }` or `{ problem }`.
 */
export function planPayment(invoices, body, ledger) {
  let rows;
  let currency;
  let toCredit = 0;
  if (body.invoices) {
    rows = body.invoices.map(({ invoice: id, amount }) => ({
      invoice: invoices.find((item) => item.id === id),
      amount,
      credit: 0,
    }));
    currency = rows[0].invoice.currency;
  } else {
    currency = body.currency;
    const open = oldestFirst(
      invoices.filter(
        (item) =>
          item.status === 'open' &&
          item.currency === currency &&
          !item.disputed &&
          !item.payment_notice &&
          item.amount_payable > 0,
      ),
    );
    if (open.length === 0) {
      return { problem: problem(409, 'nothing_to_pay', `No open ${currency} invoice.`) };
    }
    let remaining = body.amount ?? Number.POSITIVE_INFINITY;
    rows = [];
    for (const invoice of open) {
      const amount = Math.min(remaining, invoice.amount_payable);
      if (amount <= 0) break;
      rows.push({ invoice, amount, credit: 0 });
      remaining -= amount;
    }
    if (body.amount !== undefined) toCredit = remaining;
  }

  const total = rows.reduce((sum, row) => sum + row.amount, 0);
  const available = ledger.credit[currency] ?? 0;
  let creditLeft = body.apply_credit ? Math.min(available, total) : 0;
  const creditApplied = creditLeft;
  for (const row of rows) {
    row.credit = Math.min(creditLeft, row.amount);
    creditLeft -= row.credit;
  }
  const preview = {
    object: 'payment_preview',
    currency,
    applications: rows.map((row) => ({
      invoice: row.invoice.id,
      invoice_number: row.invoice.number,
      due_date: row.invoice.due_date,
      amount_payable: row.invoice.amount_payable,
      amount: row.amount,
      credit: row.credit,
    })),
    credit_available: available,
    credit_applied: creditApplied,
    amount_to_charge: total + toCredit - creditApplied,
    amount_to_credit: toCredit,
    short_pay_required: rows.some((row) => row.amount < row.invoice.amount_payable),
  };
  return { preview, rows };
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
