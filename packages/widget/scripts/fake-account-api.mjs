// The account routes of the screenshot script's fake portal API: the statement of
// account, questions and disputes, the credit limit with its requests, and the billing
// details. State lives in the object that `createAccountApi` returns, one per page load, and
// in the ledger of credit notes it shares with the receivables routes.

import { problem, problemFromError } from './fake-payments-api.mjs';
import { importTestingModule } from './testing-module.mjs';

const accountRules = await importTestingModule('fake-account-api.ts');

/**
 * Payments of the last weeks, which the statement lists with their receipts: only the
 * fields of a payment that the statement reads.
 */
const RECENT_PAYMENTS = [
  recentPayment('pay_3Hs1', 'USD', '2025-11-10', 20000, { type: 'card' }),
  recentPayment('pay_7Wr2', 'EUR', '2025-11-24', 15000, null),
];

function recentPayment(id, currency, date, amount, methodDetails) {
  return {
    object: 'payment',
    id,
    currency,
    amount,
    amount_unapplied: 0,
    status: 'succeeded',
    succeeded_at: `${date}T12:00:00.000Z`,
    method_details: methodDetails,
    offline: null,
    applications: [],
  };
}

function thread(fields) {
  return {
    object: 'invoice_thread',
    customer: 'cus_harbor',
    reason: null,
    amount_disputed: null,
    currency: 'USD',
    resolution: null,
    livemode: false,
    resolved_at: null,
    ...fields,
    updated_at: fields.messages.at(-1).created_at,
  };
}

function threads() {
  return [
    thread({
      id: 'thr_4Qa1',
      invoice: 'inv_8Lm4',
      invoice_number: 'NW-10517',
      kind: 'question',
      status: 'answered',
      created_at: '2025-10-24T09:12:00.000Z',
      messages: [
        {
          id: 'msg_1',
          author: 'customer',
          body: 'Does this include the two cases of oat milk we returned on 22 October?',
          created_at: '2025-10-24T09:12:00.000Z',
        },
        {
          id: 'msg_2',
          author: 'vendor',
          body: 'Yes. The returned cases were taken off before we issued the invoice, so the 14 cases are what you kept.',
          created_at: '2025-10-24T15:40:00.000Z',
        },
      ],
    }),
    thread({
      id: 'thr_7Db3',
      invoice: 'inv_8Lm4',
      invoice_number: 'NW-10517',
      kind: 'dispute',
      status: 'open',
      reason: 'damaged_or_defective',
      amount_disputed: 6250,
      created_at: '2025-11-21T10:05:00.000Z',
      messages: [
        {
          id: 'msg_3',
          author: 'customer',
          body: 'Two of the 14 cases arrived crushed and went back with the driver. Please take $62.50 off.',
          created_at: '2025-11-21T10:05:00.000Z',
        },
      ],
    }),
  ];
}

function creditRequest(fields) {
  return {
    object: 'credit_request',
    customer: 'cus_harbor',
    currency: 'USD',
    amount_approved: null,
    decision_note: null,
    livemode: false,
    decided_at: null,
    ...fields,
  };
}

/**
 * Creates the account routes of one page load over `invoices`, `session` and the credit
 * notes of `ledger`. `handle` returns the response, or `undefined` for a route it does not
 * serve.
 */
export function createAccountApi(invoices, session, ledger) {
  const threadBook = new accountRules.FakeThreads();
  threadBook.add(...threads());
  const requests = [
    creditRequest({
      id: 'crq_2Jk8',
      amount: 500000,
      reason: 'Holiday season orders for the new Old Port location.',
      status: 'declined',
      decision_note: 'Let us look again once the two overdue invoices are paid.',
      created_at: '2025-10-02T13:20:00.000Z',
      decided_at: '2025-10-03T09:00:00.000Z',
    }),
    creditRequest({
      id: 'crq_1Hm4',
      amount: 300000,
      reason: 'Opening a second café in March.',
      status: 'approved',
      amount_approved: 250000,
      decision_note: 'Approved at $2,500 for now.',
      created_at: '2025-03-11T10:00:00.000Z',
      decided_at: '2025-03-12T16:30:00.000Z',
    }),
  ];
  const credit = { currency: 'USD', limit: 250000 };
  let billing = {
    object: 'billing_details',
    contact_name: 'Marisol Vega',
    email: 'ap@blueharbor.example',
    phone: '+1 207 555 0118',
    address: {
      line1: '18 Commercial Street',
      line2: 'Unit 4',
      city: 'Portland',
      region: 'ME',
      postal_code: '04101',
      country: 'US',
    },
  };
  let sequence = 0;
  // Each new thread or message is a minute after the last, from 15:11 on the vendor's day.
  const tick = () => {
    sequence += 1;
    threadBook.now = `${session.today}T15:${String(10 + sequence).padStart(2, '0')}:00.000Z`;
  };

  const creditLimit = () => {
    const used = invoices
      .filter((invoice) => invoice.status === 'open' && invoice.currency === credit.currency)
      .reduce((sum, invoice) => sum + invoice.amount_due, 0);
    return {
      object: 'credit_limit',
      currency: credit.currency,
      limit: credit.limit,
      used,
      available: Math.max(0, credit.limit - used),
      requests,
    };
  };

  return {
    handle(httpMethod, url, body) {
      const path = url.pathname;
      if (httpMethod === 'GET' && path === '/v1/portal/statement') {
        const asOf = url.searchParams.get('as_of') ?? undefined;
        const ledgerOfStatement = {
          session,
          invoices,
          payments: RECENT_PAYMENTS,
          creditNotes: ledger.creditNotes,
        };
        try {
          return { status: 200, body: accountRules.statementAsOf(ledgerOfStatement, asOf) };
        } catch (error) {
          return problemFromError(error);
        }
      }

      if (httpMethod === 'GET' && path === '/v1/portal/threads') {
        const data = threadBook.list(url.searchParams.get('invoice') || undefined);
        return { status: 200, body: { object: 'list', data, next_cursor: null } };
      }
      const threadMatch = /^\/v1\/portal\/invoices\/([^/]+)\/threads$/.exec(path);
      if (httpMethod === 'POST' && threadMatch) {
        const invoice = invoices.find((item) => item.id === threadMatch[1]);
        if (!invoice) return problem(404, 'invoice_not_found', 'No such invoice.');
        tick();
        try {
          const created = threadBook.create(invoice, body);
          if (created.kind === 'dispute') invoice.disputed = true;
          return { status: 201, body: created };
        } catch (error) {
          return problemFromError(error);
        }
      }
      const replyMatch = /^\/v1\/portal\/threads\/([^/]+)\/messages$/.exec(path);
      if (httpMethod === 'POST' && replyMatch) {
        tick();
        try {
          return { status: 200, body: threadBook.reply(replyMatch[1], body.message) };
        } catch (error) {
          return problemFromError(error);
        }
      }

      if (httpMethod === 'GET' && path === '/v1/portal/credit') {
        return { status: 200, body: creditLimit() };
      }
      if (httpMethod === 'POST' && path === '/v1/portal/credit_requests') {
        sequence += 1;
        const created = creditRequest({
          id: `crq_new${sequence}`,
          amount: body.amount,
          reason: body.reason,
          status: 'pending',
          created_at: `${session.today}T15:00:00.000Z`,
        });
        requests.unshift(created);
        return { status: 201, body: created };
      }

      if (httpMethod === 'GET' && path === '/v1/portal/billing_details') {
        return { status: 200, body: billing };
      }
      if (httpMethod === 'PUT' && path === '/v1/portal/billing_details') {
        billing = { object: 'billing_details', ...body };
        return { status: 200, body: billing };
      }
      return undefined;
    },
  };
}
