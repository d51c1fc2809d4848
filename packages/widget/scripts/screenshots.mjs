// Takes screenshots of every screen of the built widget (`dist/duly.js` and its chunks),
// light and dark, 360 and 1024 px wide, into `screenshots/`. A small HTTP server of this
// script serves the page, the script and a fake portal API with realistic data, so no
// database is needed.
//
// Usage: pnpm --filter @duly/widget build && node scripts/screenshots.mjs [subscriptions]
// With `subscriptions`, only the Subscriptions tab's screens are taken.
// Chromium comes from CHROME_PATH, else /usr/bin/chromium.

import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PORTAL_FEATURES } from '@duly/core';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../../scripts/lib/chromium.mjs';
import { createAccountApi } from './fake-account-api.mjs';
import { createArApi, makeLedger } from './fake-ar-api.mjs';
import { createPaymentsApi, problem } from './fake-payments-api.mjs';
import { createSubscriptionsApi } from './fake-subscriptions-api.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = join(packageDir, 'screenshots');

// Sessions of the fake API: one customer with invoices, one with none, one whose every
// request fails.
const SESSIONS = { full: 'pst_full', empty: 'pst_empty', failing: 'pst_failing' };

function invoice(fields) {
  const total = fields.lines.reduce((sum, line) => sum + line.quantity * line.unit_amount, 0);
  const paid = (fields.payments ?? [])
    .filter((payment) => payment.status === 'succeeded')
    .reduce((sum, payment) => sum + payment.amount, 0);
  const amountDue = total - paid;
  return {
    object: 'invoice',
    customer: 'cus_harbor',
    currency: 'USD',
    total,
    amount_due: amountDue,
    amount_pending: 0,
    amount_payable: amountDue,
    overdue: false,
    disputed: false,
    payment_notice: null,
    paid_at: amountDue === 0 ? `${fields.due_date}T12:00:00.000Z` : null,
    metadata: {},
    livemode: false,
    created_at: `${fields.issue_date}T09:00:00.000Z`,
    status: amountDue === 0 ? 'paid' : 'open',
    ...fields,
    lines: fields.lines.map((line) => ({ ...line, amount: line.quantity * line.unit_amount })),
    payments: fields.payments ?? [],
  };
}

function makeInvoices() {
  return [
    invoice({
      id: 'inv_7Qk2',
      number: 'NW-10482',
      issue_date: '2025-10-01',
      due_date: '2025-10-31',
      overdue: true,
      lines: [
        { description: 'Arabica beans, 5 kg bag', quantity: 6, unit_amount: 8950 },
        { description: 'Delivery, refrigerated', quantity: 1, unit_amount: 2500 },
      ],
    }),
    invoice({
      id: 'inv_8Lm4',
      number: 'NW-10517',
      issue_date: '2025-10-20',
      due_date: '2025-11-19',
      overdue: true,
      // Its dispute in fake-account-api.mjs is still open.
      disputed: true,
      lines: [{ description: 'Oat milk, case of 12', quantity: 14, unit_amount: 3125 }],
      payments: [
        {
          payment: 'pay_2Fx7',
          amount: 20000,
          status: 'failed',
          created_at: '2025-11-09T11:20:00.000Z',
        },
        {
          payment: 'pay_3Hs1',
          amount: 20000,
          status: 'succeeded',
          created_at: '2025-11-10T15:42:00.000Z',
        },
      ],
    }),
    invoice({
      id: 'inv_3Dp7',
      number: 'NW-10544',
      issue_date: '2025-10-06',
      due_date: '2025-11-05',
      overdue: true,
      disputed: true,
      lines: [
        { description: 'Espresso machine descaling, on site', quantity: 1, unit_amount: 18500 },
      ],
    }),
    invoice({
      id: 'inv_6Nt2',
      number: 'NW-10571',
      issue_date: '2025-11-10',
      due_date: '2025-12-10',
      payment_notice: {
        id: 'pn_9Tz2',
        amount: 27600,
        method: 'wire',
        reference: 'BH-WIRE-1202',
        sent_on: '2025-12-02',
      },
      lines: [{ description: 'Chai concentrate, case of 6', quantity: 8, unit_amount: 3450 }],
    }),
    invoice({
      id: 'inv_9Za1',
      number: 'NW-10563',
      issue_date: '2025-11-15',
      due_date: '2025-12-15',
      lines: [
        { description: 'Espresso cups, porcelain', quantity: 48, unit_amount: 450 },
        { description: 'Paper cups, 12 oz, sleeve of 1000', quantity: 3, unit_amount: 11800 },
      ],
    }),
    invoice({
      id: 'inv_2Eu8',
      number: 'NW-EU-0311',
      currency: 'EUR',
      issue_date: '2025-11-20',
      due_date: '2025-12-20',
      lines: [{ description: 'Grinder service, Milan workshop', quantity: 1, unit_amount: 64000 }],
    }),
    invoice({
      id: 'inv_4Gb6',
      number: 'NW-UK-0107',
      currency: 'GBP',
      issue_date: '2025-11-25',
      due_date: '2025-12-25',
      lines: [{ description: 'Cold brew kegs, London depot', quantity: 2, unit_amount: 18500 }],
    }),
    invoice({
      id: 'inv_5Pd3',
      number: 'NW-10391',
      issue_date: '2025-08-01',
      due_date: '2025-08-31',
      lines: [{ description: 'Arabica beans, 5 kg bag', quantity: 4, unit_amount: 8950 }],
      payments: [
        {
          payment: 'pay_1Ab2',
          amount: 35800,
          status: 'succeeded',
          created_at: '2025-08-28T10:05:00.000Z',
        },
      ],
    }),
  ];
}

function sessionFor(invoices, token, ledger) {
  const open = invoices.filter((item) => item.status === 'open');
  const credit = ledger?.credit ?? {};
  const withCredit = Object.keys(credit).filter((currency) => credit[currency] > 0);
  const currencies = [...new Set([...open.map((item) => item.currency), ...withCredit])];
  const balances = currencies.map((currency) => {
    const ofCurrency = open.filter((item) => item.currency === currency);
    const overdue = ofCurrency.filter((item) => item.overdue);
    return {
      currency,
      amount_due: ofCurrency.reduce((sum, item) => sum + item.amount_due, 0),
      amount_pending: ofCurrency.reduce((sum, item) => sum + item.amount_pending, 0),
      open_count: ofCurrency.length,
      overdue_count: overdue.length,
      overdue_amount: overdue.reduce((sum, item) => sum + item.amount_due, 0),
      credit: credit[currency] ?? 0,
    };
  });
  return {
    object: 'portal_session',
    vendor: {
      id: 'ven_northwind',
      name: 'Northwind Coffee Supply',
      branding: { logo_url: null, primary_color: null },
      time_zone: 'America/New_York',
    },
    customer: {
      id: 'cus_harbor',
      name: token === SESSIONS.empty ? 'Lighthouse Bakery' : 'Blue Harbor Café',
      external_id: 'C-2041',
      email: 'accounts@blueharbor.example',
    },
    locale: 'en',
    livemode: false,
    provider: 'sandbox',
    expires_at: '2030-01-01T00:00:00.000Z',
    today: '2025-12-04',
    balances,
    features: [...PORTAL_FEATURES],
    overdue_count: balances.reduce((sum, balance) => sum + balance.overdue_count, 0),
  };
}

/** Starts the page, script and fake API on a free port of 127.0.0.1. */
async function startServer() {
  const invoicesBySession = { [SESSIONS.full]: makeInvoices(), [SESSIONS.empty]: [] };
  const paymentsApis = {};
  const accountApis = {};
  const arApis = {};
  const subscriptionsApis = {};
  const ledgers = {};
  const resetPayments = () => {
    for (const token of [SESSIONS.full, SESSIONS.empty]) {
      const invoices = invoicesBySession[token];
      ledgers[token] =
        token === SESSIONS.full ? makeLedger() : { credit: {}, notices: [], creditNotes: [] };
      paymentsApis[token] = createPaymentsApi(
        invoices,
        sessionFor(invoices, token),
        ledgers[token],
      );
      subscriptionsApis[token] = createSubscriptionsApi({ empty: token === SESSIONS.empty });
      arApis[token] = createArApi(invoices, ledgers[token], sessionFor(invoices, token).today);
      accountApis[token] = createAccountApi(
        invoices,
        sessionFor(invoices, token, ledgers[token]),
        ledgers[token],
      );
    }
  };
  resetPayments();

  const api = (method, url, token, body) => {
    if (token === SESSIONS.failing) {
      return problem(503, 'internal_error', 'The service is unavailable.');
    }
    const invoices = invoicesBySession[token];
    if (!invoices) return problem(401, 'session_invalid', 'Unknown session.');

    if (method === 'GET' && url.pathname === '/v1/portal/session') {
      return { status: 200, body: sessionFor(invoices, token, ledgers[token]) };
    }
    if (method === 'GET' && url.pathname === '/v1/portal/invoices') {
      const status = url.searchParams.get('status') ?? 'open';
      const matching = invoices
        .filter((item) => {
          if (status === 'open') return item.status === 'open';
          if (status === 'overdue') return item.status === 'open' && item.overdue;
          if (status === 'paid') return item.status === 'paid';
          return true;
        })
        .map(({ lines, payments, ...summary }) => summary);
      return { status: 200, body: { object: 'list', data: matching, next_cursor: null } };
    }
    const invoiceMatch = /^\/v1\/portal\/invoices\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && invoiceMatch) {
      const found = invoices.find((item) => item.id === invoiceMatch[1]);
      return found
        ? { status: 200, body: found }
        : problem(404, 'invoice_not_found', 'No such invoice.');
    }
    const arAnswer = arApis[token]?.handle(method, url, body);
    if (arAnswer) return arAnswer;
    const paymentAnswer = paymentsApis[token]?.handle(method, url, body);
    if (paymentAnswer) return paymentAnswer;
    const accountAnswer = accountApis[token]?.handle(method, url, body);
    if (accountAnswer) return accountAnswer;
    const subscriptionsAnswer = subscriptionsApis[token]?.handle(method, url, body);
    if (subscriptionsAnswer) return subscriptionsAnswer;
    return problem(404, 'route_not_found', 'No such route.');
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // duly.js and the chunks it imports from its own folder.
    if (/^\/duly(-[\w-]+)?\.js$/.test(url.pathname)) {
      response.writeHead(200, { 'Content-Type': 'text/javascript' });
      response.end(await readFile(join(packageDir, 'dist', url.pathname.slice(1))));
      return;
    }
    if (url.pathname === '/') {
      // Each page starts from the same invoices, whatever earlier pages paid.
      invoicesBySession[SESSIONS.full] = makeInvoices();
      resetPayments();
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(pageHtml(url.searchParams, `http://${request.headers.host}`));
      return;
    }

    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    const answer = api(request.method, url, token, text ? JSON.parse(text) : undefined);
    response.writeHead(answer.status, {
      'Content-Type': answer.status >= 400 ? 'application/problem+json' : 'application/json',
      'Request-Id': 'req_screens_1',
    });
    response.end(JSON.stringify(answer.body));
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

function pageHtml(params, api) {
  const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
  const session = params.get('session') ?? SESSIONS.full;
  const locale = params.get('locale') === 'es' ? 'es' : 'en';
  const background = theme === 'dark' ? '#0e0f13' : '#f3f4f6';
  const color = theme === 'dark' ? '#eceef2' : '#16181d';
  return `<!doctype html>
<html lang="${locale}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Billing</title>
  <style>
    body { margin: 0; background: ${background}; color: ${color};
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    main { max-width: 880px; margin: 0 auto; padding: 16px; }
    h1 { font-size: 1.25rem; margin: 8px 0 16px; }
  </style>
</head>
<body>
  <main>
    <h1>Billing</h1>
    <duly-portal session="${session}" api="${api}" theme="${theme}" locale="${locale}"></duly-portal>
  </main>
  <script type="module" src="/duly.js"></script>
</body>
</html>`;
}

/** Pays NW-10563 with the 3-D Secure test card: the challenge, closed, then completed. */
async function shootThreeDSecure(page, shoot) {
  await page.locator('[data-invoice-number="NW-10563"] [data-testid="invoice-select"]').check();
  await page.locator('[data-testid="pay-selected"]').click();
  await page.getByLabel('New card').check();
  await page.locator('[data-testid="card-number"]').fill('4000 0025 0000 3155');
  await page.locator('[data-testid="card-expiry"]').fill('12 / 30');
  await page.locator('[data-testid="card-cvc"]').fill('123');
  await page.locator('[data-testid="pay-submit"]').click();
  await page.locator('[data-testid="challenge"]').waitFor();
  await shoot(page, 'challenge');

  await page.locator('[data-testid="challenge-close"]').click();
  await page.locator('[data-testid="retry-action"]').waitFor();
  await shoot(page, 'action-needed');
  await page.locator('[data-testid="retry-action"]').click();
  await page.locator('[data-testid="challenge-complete"]').click();
  await page.locator('[data-testid="payment-result"][data-status="succeeded"]').waitFor();
}

/** Pays NW-10482 from a test bank account that its bank returns: form, pending, returned. */
async function shootBankPayment(page, shoot) {
  await page.locator('[data-invoice-number="NW-10482"] [data-testid="invoice-select"]').check();
  await page.locator('[data-testid="pay-selected"]').click();
  await page.getByLabel('New bank account').check();
  await page.locator('[data-testid="bank-routing"]').fill('110000000');
  await page.locator('[data-testid="bank-account"]').fill('000222222227');
  await page.locator('[data-testid="mandate-accept"]').check();
  await shoot(page, 'pay-bank');

  await page.locator('[data-testid="pay-submit"]').click();
  await page.locator('[data-testid="payment-result"][data-status="pending"]').waitFor();
  await shoot(page, 'pending');
  await page
    .locator('[data-testid="payment-result"][data-status="failed"]')
    .waitFor({ timeout: 15_000 });
  await shoot(page, 'returned');
}

/**
 * Shoots the Payments, Payment methods (with a removal to confirm, then the refusal to remove
 * the method autopay uses) and Autopay tabs.
 */
async function shootAccountTabs(page, shoot) {
  await page.locator('[role="tab"][data-tab="payments"]').click();
  await page.locator('[data-testid="payment-row"]').first().waitFor();
  await shoot(page, 'payments');

  await page.locator('[role="tab"][data-tab="methods"]').click();
  await page.locator('[data-testid="method-row"]').first().waitFor();
  await page.locator('[data-method-id="pm_bank"] [data-testid="remove-method"]').click();
  await shoot(page, 'methods');
  await page.locator('[data-testid="confirm-remove"]').click();
  await page.locator('[data-method-id="pm_bank"] [data-testid="methods-notice"]').waitFor();
  await shoot(page, 'methods-in-use');

  await page.locator('[role="tab"][data-tab="autopay"]').click();
  await page.locator('[data-testid="autopay-paused"]').waitFor();
  await shoot(page, 'autopay');
}

/**
 * Shoots the Statement tab, and the same statement in Spanish on a page of its own.
 */
async function shootStatement(page, shoot, open) {
  await page.locator('[role="tab"][data-tab="statement"]').click();
  await page.locator('[data-testid="statement-section"]').first().waitFor();
  await shoot(page, 'statement');

  const spanish = await open(SESSIONS.full, 'es');
  await spanish.locator('[role="tab"][data-tab="statement"]').click();
  await spanish.locator('[data-testid="statement-section"]').first().waitFor();
  await shoot(spanish, 'statement-es');
  await spanish.close();
}

/** Opens NW-10563 and shoots its dispute form with an amount above the invoice's total. */
async function shootDisputeForm(page, shoot) {
  await page.locator('[role="tab"][data-tab="invoices"]').click();
  await page.locator('[data-invoice-number="NW-10563"] .number').click();
  await page.locator('[data-testid="dispute-invoice"]').click();
  await page.locator('[data-testid="dispute-reason"]').selectOption('incorrect_amount');
  await page
    .locator('[data-testid="thread-message"]')
    .fill('We ordered 36 espresso cups, not 48. The packing slip says 36.');
  await page.locator('[data-testid="dispute-amount"]').fill('600');
  await page.locator('[data-testid="thread-send"]').click();
  await page.locator('#thread-amount-error').waitFor();
  await shoot(page, 'dispute-form');

  await page.locator('[data-testid="dispute-amount"]').fill('54.00');
  await page.locator('[data-testid="thread-send"]').click();
  await page.locator('[data-testid="thread-notice"]').waitFor();
  await shoot(page, 'dispute-sent');
}

/**
 * Shoots the Account tab: both cards, the request form refusing a lower limit, the billing
 * form's checks, and the details saved.
 */
async function shootAccount(page, shoot) {
  await page.locator('[role="tab"][data-tab="account"]').click();
  await page.locator('[data-testid="credit-limit"]').waitFor();
  await page.locator('[data-testid="billing-form"]').waitFor();
  await shoot(page, 'account');

  await page.locator('[data-testid="request-limit"]').click();
  await page.locator('[data-testid="credit-amount"]').fill('2,000');
  await page.locator('[data-testid="credit-send"]').click();
  await page.locator('#credit-amount-error').waitFor();
  await shoot(page, 'credit-request');
  await page.locator('[data-testid="credit-amount"]').fill('4,000');
  await page
    .locator('[data-testid="credit-reason"]')
    .fill('We open a second café on Exchange Street in January.');
  await page.locator('[data-testid="credit-send"]').click();
  await page.locator('[data-testid="credit-notice"]').waitFor();
  await shoot(page, 'credit-requested');

  await page.locator('[data-testid="billing-email"]').fill('ap@blueharbor');
  await page.locator('[data-testid="billing-city"]').fill('');
  await page.locator('[data-testid="billing-save"]').click();
  await page.locator('#billing-email-error').waitFor();
  await shoot(page, 'billing-invalid');
  await page.locator('[data-testid="billing-email"]').fill('ap@blueharbor.example');
  await page.locator('[data-testid="billing-city"]').fill('South Portland');
  await page.locator('[data-testid="billing-save"]').click();
  await page.locator('[data-testid="billing-saved"]').waitFor();
  await shoot(page, 'billing-saved');
}

/**
 * Shoots paying an amount (its split, with credit, and paid from credit alone), paying all
 * of a currency, the reason of a short payment and the minimum charge. Then it shoots
 * "I sent a payment" from a selection: the form, a date after today, the confirmation, the
 * marked list and the marked invoice.
 */
async function shootReceivables(page, shoot) {
  const usd = page.locator('duly-account-summary [part="balance"][data-currency="USD"]');
  const cancel = page.locator('duly-pay').getByRole('button', { name: 'Cancel' });

  await usd.locator('[data-testid="pay-an-amount"]').click();
  const amount = page.locator('[data-testid="balance-amount"]');
  await amount.fill('700');
  await page.locator('[data-testid="pay-total"]', { hasText: '$700.00' }).waitFor();
  await shoot(page, 'pay-amount');
  await page.locator('[data-testid="use-credit"]').check();
  await page.locator('[data-testid="pay-credit-used"]').waitFor();
  await shoot(page, 'pay-amount-credit');
  await amount.fill('40');
  await page.locator('[data-testid="credit-covers"]').waitFor();
  await shoot(page, 'pay-from-credit');
  await cancel.click();

  await usd.locator('[data-testid="pay-all"]').click();
  await page.locator('[data-testid="split-row"]').first().waitFor();
  await shoot(page, 'pay-all');
  await cancel.click();

  const list = page.locator('duly-invoice-list');
  await list.locator('[data-invoice-number="NW-10482"] [data-testid="invoice-select"]').check();
  await list.locator('[data-testid="pay-selected"]').click();
  const first = page.locator('[data-testid="pay-amount"]').first();
  await first.fill('300');
  await page.locator('[data-testid="pay-submit"]').click();
  await page.locator('#short-pay-reason-error').waitFor();
  await shoot(page, 'short-pay');
  await page.locator('[data-testid="short-pay-reason"]').selectOption('Goods damaged or missing');
  await first.fill('0.30');
  await page.locator('[data-testid="minimum-error"]').waitFor();
  await shoot(page, 'minimum');
  await cancel.click();

  await list.locator('[data-invoice-number="NW-10517"] [data-testid="invoice-select"]').check();
  await list.locator('[data-testid="report-payment"]').click();
  await page.locator('[data-testid="notice-row"]').first().waitFor();
  await page.locator('[data-testid="notice-method"]').selectOption('check');
  await page.locator('[data-testid="notice-reference"]').fill('4471');
  await shoot(page, 'notice');
  await page.locator('[data-testid="notice-sent-on"]').fill('2025-12-09');
  await page.locator('[data-testid="notice-submit"]').click();
  await page.locator('#notice-sent-on-error').waitFor();
  await shoot(page, 'notice-invalid');
  await page.locator('[data-testid="notice-sent-on"]').fill('2025-12-03');
  await page.locator('[data-testid="notice-submit"]').click();
  await page.locator('[data-testid="notice-result"]').waitFor();
  await shoot(page, 'notice-sent');
  await page.locator('[data-testid="notice-result"]').getByRole('button').click();
  await list
    .locator('[data-invoice-number="NW-10482"] [data-testid="mark-payment-sent"]')
    .waitFor();
  await shoot(page, 'list-reported');

  await list.locator('[data-invoice-number="NW-10482"] .number').click();
  await page.locator('duly-invoice-detail [data-testid="mark-payment-sent"]').waitFor();
  await shoot(page, 'detail-reported');
}

/**
 * Shoots the Subscriptions tab: the list (a plan with seats, one ending at its period end,
 * one whose renewal payment failed), an upgrade's preview, the cancel form's confirm step,
 * and the list in Spanish on a page of its own.
 */
async function shootSubscriptions(page, shoot, open) {
  await page.locator('[role="tab"][data-tab="subscriptions"]').click();
  await page.locator('[data-testid="subscription"]').first().waitFor();
  await shoot(page, 'subscriptions');

  const team = page.locator('[data-subscription-id="sub_team"]');
  await team.locator('[data-testid="change-plan"]').click();
  await team.locator('[data-plan-id="plan_business"] [data-testid="plan-choice"]').check();
  await team.locator('[data-testid="quantity-increase"]').click();
  await team.locator('[data-testid="change-review"]').click();
  await team.locator('[data-testid="change-preview"]').waitFor();
  await shoot(page, 'subscription-change');
  await team.locator('[data-testid="change-confirm"]').click();
  await team.locator('[data-testid="subscription-notice"]').waitFor();
  await shoot(page, 'subscription-changed');

  await team.locator('[data-testid="cancel-subscription"]').click();
  await team.locator('[data-testid="cancel-reason"]').selectOption('Missing features');
  await team.locator('[data-testid="cancel-comment"]').fill('We need roast profiles per origin.');
  await team.locator('[data-testid="cancel-continue"]').click();
  await team.locator('[data-testid="cancel-question"]').waitFor();
  await shoot(page, 'subscription-cancel');

  const spanish = await open(SESSIONS.full, 'es');
  await spanish.locator('[role="tab"][data-tab="subscriptions"]').click();
  await spanish.locator('[data-testid="subscription"]').first().waitFor();
  await shoot(spanish, 'subscriptions-es');
  await spanish.close();
}

async function main() {
  const only = process.argv[2];
  await mkdir(outputDir, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  const taken = [];

  try {
    for (const theme of ['light', 'dark']) {
      for (const width of [360, 1024]) {
        const shoot = async (page, name) => {
          // A viewport as tall as the page, so that the sticky pay bar sits where it ends.
          // It shrinks first, or a page shot after a taller one would keep the old height.
          await page.setViewportSize({ width, height: 760 });
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          await page.setViewportSize({ width, height: Math.max(760, height) });
          const file = join(outputDir, `${name}-${theme}-${width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          taken.push(file);
        };
        const open = async (session, locale = 'en') => {
          const page = await browser.newPage({ viewport: { width, height: 760 } });
          await page.emulateMedia({ reducedMotion: 'reduce' });
          await page.goto(`${server.url}/?theme=${theme}&session=${session}&locale=${locale}`);
          return page;
        };

        const subscriptionsPage = await open(SESSIONS.full);
        await shootSubscriptions(subscriptionsPage, shoot, open);
        await subscriptionsPage.close();
        if (only === 'subscriptions') continue;

        const page = await open(SESSIONS.full);
        await page.locator('[data-testid="invoice-row"]').first().waitFor();
        await page.locator('duly-account-summary [part="balance"]').first().waitFor();
        await shoot(page, 'list');

        await page.locator('[data-invoice-number="NW-10517"] .number').click();
        await page.locator('duly-invoice-detail table').waitFor();
        await page.locator('duly-invoice-threads [data-testid="thread"]').first().waitFor();
        await shoot(page, 'detail');
        await page.locator('duly-invoice-detail .back').click();

        for (const number of ['NW-10482', 'NW-10517']) {
          await page
            .locator(`[data-invoice-number="${number}"] [data-testid="invoice-select"]`)
            .check();
        }
        await page
          .locator('[data-invoice-number="NW-EU-0311"] [data-testid="invoice-select"]')
          .click();
        await page.locator('[data-testid="selection-notice"]').waitFor();
        await shoot(page, 'selection');

        await page.locator('[data-testid="pay-selected"]').click();
        await page.getByLabel('New card').check();
        await page.locator('[data-testid="card-number"]').fill('4000 0000 0000 0002');
        await page.locator('[data-testid="card-expiry"]').fill('12 / 30');
        await page.locator('[data-testid="card-cvc"]').fill('123');
        await shoot(page, 'pay');

        const firstAmount = page.locator('[data-testid="pay-amount"]').first();
        const typedAmount = await firstAmount.inputValue();
        await firstAmount.fill('12.345');
        await shoot(page, 'pay-invalid');
        await firstAmount.fill(typedAmount);

        await page.locator('[data-testid="pay-submit"]').click();
        await page.locator('[data-testid="payment-error"]').waitFor();
        await shoot(page, 'decline');

        await page.locator('[data-testid="card-number"]').fill('4242 4242 4242 4242');
        await page.locator('[data-testid="pay-submit"]').click();
        await page.locator('[data-testid="payment-result"][data-status="succeeded"]').waitFor();
        await shoot(page, 'success');

        await page.locator('[data-testid="view-receipt"]').click();
        await page.locator('[data-testid="receipt-title"]').waitFor();
        await shoot(page, 'receipt');
        await page.locator('duly-receipt .back').click();
        await page.getByRole('button', { name: 'Back to invoices' }).click();

        await shootThreeDSecure(page, shoot);
        await page.close();

        const arPage = await open(SESSIONS.full);
        await arPage.locator('duly-account-summary [part="balance"]').first().waitFor();
        await arPage.locator('[data-testid="invoice-row"]').first().waitFor();
        await shootReceivables(arPage, shoot);
        await arPage.close();

        const bankPage = await open(SESSIONS.full);
        await shootBankPayment(bankPage, shoot);
        await shootAccountTabs(bankPage, shoot);
        await bankPage.close();

        const accountPage = await open(SESSIONS.full);
        await accountPage.locator('[data-testid="invoice-row"]').first().waitFor();
        await shootStatement(accountPage, shoot, open);
        await shootDisputeForm(accountPage, shoot);
        await shootAccount(accountPage, shoot);
        await accountPage.close();

        const empty = await open(SESSIONS.empty);
        await empty.locator('duly-invoice-list [part="empty"]').waitFor();
        await empty.locator('duly-account-summary').waitFor();
        await shoot(empty, 'empty');
        await empty.close();

        const failing = await open(SESSIONS.failing);
        await failing.locator('duly-invoice-list [part="error"]').waitFor();
        await shoot(failing, 'error');
        await failing.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }

  for (const file of taken) console.log(file);
}

await main();
