import type { Balance } from '@duly/core';
import { PORTAL_INVOICE_FILTERS } from '@duly/core';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv, PortalAuth } from '../http/app-env.js';
import { retrieveInvoice, todayFor } from '../invoices/invoice-service.js';
import { toPayment } from '../payments/payment-object.js';
import { findCustomerPayment, listApplications } from '../payments/payment-repository.js';
import { readPortalSummary } from '../portal/portal-summary.js';

/**
 * Rule the guard applies to one portal route for a session limited to an invoice:
 * - `pass`: the route runs as for any session (it reads nothing of other invoices);
 * - `invoice`: the route runs when its `:id` is the session's invoice;
 * - `payment`: the route runs when its `:id` is a payment applied to that invoice;
 * - `pay`: the route runs when its JSON body pays that invoice alone, with a method made for
 *   this payment and without the credit balance;
 * - `answer`: the guard responds instead of the route, with the invoice's own figures.
 */
type InvoiceRouteRule = 'pass' | 'invoice' | 'payment' | 'pay' | 'answer';

interface InvoiceRoute {
  method: 'GET' | 'POST';
  path: string;
  rule: InvoiceRouteRule;
}

/**
 * The portal routes, below `/v1/portal`, that a session made by a pay link may call. Every
 * other route is rejected with `session_limited_to_invoice`, so a route added later stays
 * closed to such sessions until it is listed here.
 */
export const INVOICE_SESSION_ROUTES: readonly InvoiceRoute[] = [
  { method: 'GET', path: '/session', rule: 'answer' },
  { method: 'GET', path: '/invoices', rule: 'answer' },
  { method: 'GET', path: '/invoices/:id', rule: 'invoice' },
  { method: 'GET', path: '/invoices/:id/invoice.pdf', rule: 'invoice' },
  { method: 'GET', path: '/payments', rule: 'answer' },
  { method: 'GET', path: '/payments/:id', rule: 'payment' },
  { method: 'GET', path: '/payments/:id/receipt', rule: 'payment' },
  { method: 'GET', path: '/payments/:id/receipt.pdf', rule: 'payment' },
  { method: 'POST', path: '/payments/:id/refresh', rule: 'payment' },
  { method: 'POST', path: '/payments/:id/sandbox_challenge', rule: 'payment' },
  { method: 'POST', path: '/payments', rule: 'pay' },
  { method: 'POST', path: '/payments/preview', rule: 'pay' },
  { method: 'GET', path: '/payment_setup', rule: 'pass' },
  { method: 'GET', path: '/payment_methods', rule: 'answer' },
  // Saving is refused inside these routes, because the session lacks `payment_methods`.
  { method: 'POST', path: '/payment_methods/sandbox', rule: 'pass' },
  { method: 'POST', path: '/payment_methods/stripe', rule: 'pass' },
  { method: 'POST', path: '/payment_methods/plaid', rule: 'pass' },
  { method: 'POST', path: '/plaid/link_token', rule: 'pass' },
];

interface CompiledRoute extends InvoiceRoute {
  pattern: RegExp;
}

const COMPILED_ROUTES: readonly CompiledRoute[] = INVOICE_SESSION_ROUTES.map((route) => ({
  ...route,
  pattern: new RegExp(`^${route.path.replaceAll('.', '\\.').replaceAll(':id', '(?<id>[^/]+)')}$`),
}));

/**
 * Middleware that keeps a session made by a pay link to its one invoice: it runs after
 * `requirePortalSession` below `/v1/portal` and lets every other session through
 * untouched. This is the one place that decides what such a session may reach.
 */
export function guardInvoiceSessions(db: Db, clock: Clock, portalPrefix = '/v1/portal') {
  return createMiddleware<AppEnv>(async function guardInvoiceSessions(c, next) {
    const portal = c.get('portal');
    const invoiceId = portal.invoiceId ?? null;
    if (invoiceId === null) return next();

    const path = c.req.path.startsWith(portalPrefix)
      ? c.req.path.slice(portalPrefix.length)
      : c.req.path;
    const match = findRoute(c.req.method, path);
    if (match === undefined) throw limitedToInvoice(invoiceId);

    const { route, id } = match;
    if (route.rule === 'invoice' && id !== invoiceId) throw limitedToInvoice(invoiceId);
    if (route.rule === 'payment') await assertPaymentOfInvoice(db, portal, invoiceId, id);
    if (route.rule === 'pay') await assertPaysInvoiceAlone(c, db, portal, invoiceId);
    if (route.rule === 'answer') return c.json(await answer(db, clock, portal, invoiceId, c));
    return next();
  });
}

function findRoute(method: string, path: string) {
  for (const route of COMPILED_ROUTES) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (found !== null) return { route, id: found.groups?.id };
  }
  return undefined;
}

function limitedToInvoice(invoiceId: string, param?: string): ApiError {
  return new ApiError(
    'session_limited_to_invoice',
    `This session comes from a payment link and may only view and pay invoice ${invoiceId}. Open the customer portal for anything else.`,
    param === undefined ? {} : { param },
  );
}

async function assertPaymentOfInvoice(
  db: Db,
  portal: PortalAuth,
  invoiceId: string,
  paymentId: string | undefined,
): Promise<void> {
  const applied = await db
    .selectFrom('payment_application')
    .innerJoin('payment', 'payment.id', 'payment_application.payment_id')
    .select('payment.id')
    .where('payment_application.invoice_id', '=', invoiceId)
    .where('payment_application.payment_id', '=', paymentId ?? '')
    .where('payment.customer_id', '=', portal.customerId)
    .executeTakeFirst();
  if (applied === undefined) {
    throw new ApiError(
      'payment_not_found',
      `No payment with id ${paymentId} exists on invoice ${invoiceId}.`,
    );
  }
}

/**
 * Checks the body of `POST /payments` and `POST /payments/preview`: exactly the session's
 * invoice in `invoices`, no `amount` or `pay_all`, no credit balance, and no saved method.
 * A body that is not JSON is left for the route to reject.
 */
async function assertPaysInvoiceAlone(
  c: Context<AppEnv>,
  db: Db,
  portal: PortalAuth,
  invoiceId: string,
): Promise<void> {
  let body: unknown;
  try {
    // Hono keeps the text, so the route reads the same body again.
    body = JSON.parse(await c.req.text());
  } catch {
    return;
  }
  if (typeof body !== 'object' || body === null) return;
  const request = body as Record<string, unknown>;

  if (request.amount !== undefined || request.pay_all !== undefined) {
    throw limitedToInvoice(invoiceId, request.amount !== undefined ? 'amount' : 'pay_all');
  }
  const invoices = request.invoices;
  const onlyThisInvoice =
    Array.isArray(invoices) &&
    invoices.length === 1 &&
    (invoices[0] as { invoice?: unknown } | null)?.invoice === invoiceId;
  if (!onlyThisInvoice) throw limitedToInvoice(invoiceId, 'invoices');
  if (request.apply_credit === true) throw limitedToInvoice(invoiceId, 'apply_credit');

  if (typeof request.payment_method === 'string') {
    const method = await db
      .selectFrom('payment_method')
      .select('saved')
      .where('id', '=', request.payment_method)
      .where('customer_id', '=', portal.customerId)
      .executeTakeFirst();
    // Someone holding the link must not charge the customer's saved card or account.
    if (method?.saved === true) throw limitedToInvoice(invoiceId, 'payment_method');
  }
}

/** Builds the response of an `answer` route from the session's invoice alone. */
async function answer(
  db: Db,
  clock: Clock,
  portal: PortalAuth,
  invoiceId: string,
  c: Context<AppEnv>,
): Promise<unknown> {
  const path = c.req.path;
  if (path.endsWith('/payment_methods')) {
    return { object: 'list', data: [], has_more: false, next_cursor: null };
  }
  if (path.endsWith('/payments')) return listInvoicePayments(db, portal, invoiceId);

  const invoice = await retrieveInvoice(db, clock, portal, invoiceId, portal.customerId);
  if (path.endsWith('/invoices')) {
    const filter = c.req.query('status') ?? 'open';
    if (!(PORTAL_INVOICE_FILTERS as readonly string[]).includes(filter)) {
      throw new ApiError(
        'invalid_parameter',
        `status must be one of ${PORTAL_INVOICE_FILTERS.join(', ')}, not "${filter}".`,
        { param: 'status' },
      );
    }
    const shown =
      filter === 'all' ||
      (filter === 'paid' && invoice.status === 'paid') ||
      (filter === 'open' && invoice.status === 'open') ||
      (filter === 'overdue' && invoice.overdue);
    return { object: 'list', data: shown ? [invoice] : [], next_cursor: null };
  }

  // GET /session: the vendor and customer as for any session, the balance of this invoice.
  const summary = await readPortalSummary(db, clock, portal);
  const today = todayFor(clock, portal);
  const overdue = invoice.status === 'open' && invoice.due_date < today;
  const balances: Balance[] =
    invoice.status === 'open'
      ? [
          {
            currency: invoice.currency,
            amount_due: invoice.amount_due,
            amount_pending: invoice.amount_pending,
            open_count: 1,
            overdue_count: overdue ? 1 : 0,
            overdue_amount: overdue ? invoice.amount_due : 0,
            credit: 0,
          },
        ]
      : [];
  return { ...summary, balances, overdue_count: overdue ? 1 : 0 };
}

/**
 * Lists the customer's payments applied to `invoiceId`, newest first, as one page.
 * NOTE: a payment made in the full portal across several invoices still lists all its
 * applications here and in its receipt, which names those other invoices and amounts.
 */
async function listInvoicePayments(db: Db, portal: PortalAuth, invoiceId: string) {
  const rows = await db
    .selectFrom('payment_application')
    .select('payment_id')
    .where('invoice_id', '=', invoiceId)
    .execute();
  const payments = [];
  for (const { payment_id } of rows) {
    const payment = await findCustomerPayment(db, portal, portal.customerId, payment_id);
    if (payment !== undefined) payments.push(payment);
  }
  payments.sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
  const applications = await listApplications(
    db,
    payments.map((payment) => payment.id),
  );
  return {
    object: 'list',
    data: payments.map((payment) =>
      toPayment(
        payment,
        applications.filter((application) => application.payment_id === payment.id),
      ),
    ),
    next_cursor: null,
  };
}
