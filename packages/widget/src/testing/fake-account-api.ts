import { addDays, daysBetween } from '@duly/core/dates';
import { formatDecimalAmount, MAX_AMOUNT } from '@duly/core/money';
import type {
  AgingBucket,
  BillingDetails,
  CreateCreditRequestRequest,
  CreateThreadRequest,
  CreditLimit,
  CreditNote,
  CreditRequest,
  Invoice,
  InvoiceThread,
  Payment,
  PortalSession,
  Statement,
  StatementSection,
  UpdateBillingDetailsRequest,
} from '@duly/sdk';
import { DulyConflictError, DulyInvalidRequestError, DulyNotFoundError } from '@duly/sdk';

// The statement, thread, credit limit and billing details routes of the portal API, as the
// fake portal client runs them: the same rules and problem codes on in-memory data.

/** Returns the API's `validation_failed` problem for `param`. */
export function validationFailed(param: string, detail: string): DulyInvalidRequestError {
  return new DulyInvalidRequestError({ code: 'validation_failed', status: 400, detail, param });
}

/** Returns the aging bucket of an invoice `daysPastDue` days past its due date. */
export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return '1_30';
  if (daysPastDue <= 60) return '31_60';
  if (daysPastDue <= 90) return '61_90';
  return 'over_90';
}

/** Returns the day of an ISO 8601 instant, in UTC like the fake session's vendor. */
function dayOf(instant: string): string {
  return instant.slice(0, 10);
}

/** The ledger that a statement is computed from. */
export interface StatementLedger {
  session: PortalSession;
  invoices: readonly Invoice[];
  payments: readonly Payment[];
  creditNotes: readonly CreditNote[];
}

/**
 * Builds the open-item statement as of `asOf`. An invoice's open amount on that day is its
 * `amount_due` now plus what was applied to it after that day: payments that succeeded
 * later (the fake's own and those in the invoice's `payments`) and later credit note
 * applications (its `credits`).
 */
export function statementAsOf(ledger: StatementLedger, asOf: string | undefined): Statement {
  const today = ledger.session.today;
  const day = asOf ?? today;
  if (day > today) {
    throw new DulyInvalidRequestError({
      code: 'invalid_parameter',
      status: 400,
      detail: `as_of ${day} is after today (${today}); choose today or an earlier date.`,
      param: 'as_of',
    });
  }

  const sections = new Map<string, StatementSection>();
  const sectionOf = (currency: string): StatementSection => {
    let section = sections.get(currency);
    if (!section) {
      section = {
        currency,
        invoices: [],
        credits: [],
        aging: { current: 0, '1_30': 0, '31_60': 0, '61_90': 0, over_90: 0 },
        invoices_total: 0,
        credits_total: 0,
        balance: 0,
        recent_payments: [],
      };
      sections.set(currency, section);
    }
    return section;
  };

  for (const invoice of ledger.invoices) {
    if (invoice.status === 'draft' || invoice.status === 'void') continue;
    if (invoice.issue_date > day) continue;
    const open = invoice.amount_due + appliedAfter(invoice, ledger.payments, day);
    if (open <= 0) continue;
    const daysPastDue = daysBetween(invoice.due_date, day);
    const bucket = agingBucket(daysPastDue);
    const section = sectionOf(invoice.currency);
    section.invoices.push({
      invoice: invoice.id,
      number: invoice.number,
      issue_date: invoice.issue_date,
      due_date: invoice.due_date,
      total: invoice.total,
      amount_open: open,
      days_past_due: daysPastDue,
      bucket,
      disputed: invoice.disputed,
    });
    section.aging[bucket] = (section.aging[bucket] ?? 0) + open;
    section.invoices_total += open;
  }

  for (const note of ledger.creditNotes) {
    if (note.status !== 'issued' || note.issued_on > day) continue;
    const laterApplications = note.applications
      .filter((application) => dayOf(application.created_at) > day)
      .reduce((sum, application) => sum + application.amount, 0);
    const open = note.amount_remaining + laterApplications;
    if (open <= 0) continue;
    const section = sectionOf(note.currency);
    section.credits.push({
      type: 'credit_note',
      id: note.id,
      reference: note.number,
      date: note.issued_on,
      amount_open: open,
    });
    section.credits_total += open;
  }

  for (const payment of ledger.payments) {
    if (payment.status !== 'succeeded' || !payment.succeeded_at) continue;
    const paidOn = dayOf(payment.succeeded_at);
    if (paidOn > day) continue;
    const section = sectionOf(payment.currency);
    if (payment.amount_unapplied > 0) {
      section.credits.push({
        type: 'payment',
        id: payment.id,
        reference: payment.offline?.reference ?? null,
        date: paidOn,
        amount_open: payment.amount_unapplied,
      });
      section.credits_total += payment.amount_unapplied;
    }
    if (paidOn > addDays(day, -30)) {
      section.recent_payments.push({
        payment: payment.id,
        date: paidOn,
        amount: payment.amount,
        method: payment.method_details?.type ?? 'offline',
        receipt_url: `/v1/portal/payments/${payment.id}/receipt`,
      });
    }
  }

  const ordered = [...sections.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  for (const section of ordered) {
    section.balance = section.invoices_total - section.credits_total;
    section.invoices.sort((a, b) => a.due_date.localeCompare(b.due_date));
  }
  return {
    object: 'statement',
    customer: {
      id: ledger.session.customer.id,
      name: ledger.session.customer.name,
      external_id: ledger.session.customer.external_id,
    },
    vendor: { name: ledger.session.vendor.name },
    as_of: day,
    sections: ordered.filter(
      (section) =>
        section.invoices.length > 0 ||
        section.credits.length > 0 ||
        section.recent_payments.length > 0,
    ),
    generated_at: `${today}T12:00:00.000Z`,
  };
}

/** Returns the amount applied to `invoice` after the end of `day`, so still open that day. */
function appliedAfter(invoice: Invoice, payments: readonly Payment[], day: string): number {
  let applied = 0;
  for (const payment of payments) {
    if (payment.status !== 'succeeded' || !payment.succeeded_at) continue;
    if (dayOf(payment.succeeded_at) <= day) continue;
    for (const application of payment.applications) {
      if (application.invoice === invoice.id) applied += application.amount;
    }
  }
  for (const payment of invoice.payments ?? []) {
    if (payment.status === 'succeeded' && dayOf(payment.created_at) > day) {
      applied += payment.amount - (payment.amount_reversed ?? 0);
    }
  }
  for (const credit of invoice.credits ?? []) {
    if (dayOf(credit.created_at) > day) applied += credit.amount;
  }
  return applied;
}

/** Writes the statement as the API's CSV: one row per open item and credit, then aging. */
export function statementCsv(statement: Statement): string {
  const rows = ['currency,type,number,issue_date,due_date,days_past_due,bucket,total,amount_open'];
  for (const section of statement.sections) {
    const money = (amount: number) => formatDecimalAmount(amount, section.currency);
    for (const item of section.invoices) {
      rows.push(
        [
          section.currency,
          'invoice',
          item.number,
          item.issue_date,
          item.due_date,
          item.days_past_due,
          item.bucket,
          money(item.total),
          money(item.amount_open),
        ].join(','),
      );
    }
    for (const credit of section.credits) {
      rows.push(
        [
          section.currency,
          credit.type,
          credit.reference ?? credit.id,
          credit.date,
          '',
          '',
          '',
          '',
          money(-credit.amount_open),
        ].join(','),
      );
    }
    for (const [bucket, amount] of Object.entries(section.aging)) {
      rows.push(
        [section.currency, 'aging', bucket, '', '', '', bucket, '', money(amount)].join(','),
      );
    }
  }
  return `${rows.join('\n')}\n`;
}

const MESSAGE_MAX = 5000;

/** Questions and disputes of the fake's invoices, with the vendor's side for tests. */
export class FakeThreads {
  readonly #threads = new Map<string, InvoiceThread>();
  #sequence = 0;
  /** The clock of new threads and messages; tests move it to order them. */
  now = '2025-12-04T10:00:00.000Z';

  /** Adds threads, as if the customer had opened them earlier. */
  add(...threads: InvoiceThread[]): void {
    for (const thread of threads) this.#threads.set(thread.id, structuredClone(thread));
  }

  /** Returns the threads, newest activity first, only those of `invoiceId` when given. */
  list(invoiceId: string | undefined): InvoiceThread[] {
    return [...this.#threads.values()]
      .filter((thread) => invoiceId === undefined || thread.invoice === invoiceId)
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at));
  }

  get(id: string): InvoiceThread {
    const thread = this.#threads.get(id);
    if (!thread) {
      throw new DulyNotFoundError({
        code: 'thread_not_found',
        status: 404,
        detail: `No thread ${id}.`,
      });
    }
    return thread;
  }

  /** Opens a question or dispute as `POST /v1/portal/invoices/:id/threads` does. */
  create(invoice: Invoice, request: CreateThreadRequest): InvoiceThread {
    const message = checkMessage(request.message);
    if (request.kind === 'dispute' && request.reason === undefined) {
      throw validationFailed('reason', 'reason is required for a dispute.');
    }
    if (request.kind === 'question' && request.reason !== undefined) {
      throw validationFailed('reason', 'reason goes with disputes only.');
    }
    if (request.kind === 'question' && request.amount !== undefined) {
      throw validationFailed('amount', 'amount goes with disputes only.');
    }
    if (request.amount !== undefined) {
      if (!Number.isInteger(request.amount) || request.amount <= 0) {
        throw validationFailed('amount', 'amount must be a positive integer of minor units.');
      }
      if (request.amount > invoice.total) {
        throw validationFailed(
          'amount',
          `amount ${request.amount} is more than the invoice's total of ${invoice.total}.`,
        );
      }
    }
    if (request.kind === 'dispute' && this.#openDispute(invoice.id)) {
      throw new DulyConflictError({
        code: 'dispute_exists',
        status: 409,
        detail: `Invoice ${invoice.number} is already disputed; add to that dispute instead.`,
      });
    }

    this.#sequence += 1;
    const thread: InvoiceThread = {
      object: 'invoice_thread',
      id: `thr_fake${this.#sequence}`,
      invoice: invoice.id,
      invoice_number: invoice.number,
      customer: invoice.customer,
      kind: request.kind,
      status: 'open',
      reason: request.reason ?? null,
      amount_disputed: request.amount ?? null,
      currency: invoice.currency,
      resolution: null,
      messages: [this.#message('customer', message)],
      livemode: false,
      created_at: this.now,
      updated_at: this.now,
      resolved_at: null,
    };
    this.#threads.set(thread.id, thread);
    return thread;
  }

  /** Adds the customer's reply; the thread is open again. */
  reply(id: string, body: string): InvoiceThread {
    const thread = this.get(id);
    const message = checkMessage(body);
    if (thread.status === 'resolved') {
      throw new DulyConflictError({
        code: 'thread_resolved',
        status: 409,
        detail: 'This thread is resolved; open a new one to ask again.',
      });
    }
    thread.messages.push(this.#message('customer', message));
    thread.status = 'open';
    thread.updated_at = this.now;
    return thread;
  }

  /** Adds the vendor's reply, as `POST /v1/threads/:id/messages` does. */
  answer(id: string, body: string): InvoiceThread {
    const thread = this.get(id);
    thread.messages.push(this.#message('vendor', body));
    thread.status = 'answered';
    thread.updated_at = this.now;
    return thread;
  }

  /**
   * Resolves the thread as the vendor does. Returns whether it was the invoice's last open
   * dispute, which clears the invoice's `disputed` mark.
   */
  resolve(id: string, resolution: string): boolean {
    const thread = this.get(id);
    thread.status = 'resolved';
    thread.resolution = resolution;
    thread.resolved_at = this.now;
    thread.updated_at = this.now;
    return thread.kind === 'dispute' && !this.#openDispute(thread.invoice);
  }

  #openDispute(invoiceId: string): boolean {
    return this.list(invoiceId).some(
      (thread) => thread.kind === 'dispute' && thread.status !== 'resolved',
    );
  }

  #message(author: 'customer' | 'vendor', body: string) {
    this.#sequence += 1;
    return { id: `msg_fake${this.#sequence}`, author, body, created_at: this.now };
  }
}

function checkMessage(body: string): string {
  const message = body.trim();
  if (message.length === 0) throw validationFailed('message', 'message is empty; write one.');
  if (message.length > MESSAGE_MAX) {
    throw validationFailed('message', `message is longer than ${MESSAGE_MAX} characters.`);
  }
  return message;
}

/** The credit limit the vendor set, and the customer's requests for more. */
export class FakeCredit {
  /** The limit's currency, or null when the vendor set none. */
  currency: string | null = 'USD';
  /** The limit in minor units, or null when the vendor set none. */
  limit: number | null = 1_000_000;
  readonly #requests: CreditRequest[] = [];
  #sequence = 0;
  now = '2025-12-04T10:00:00.000Z';

  /** Adds requests, as if the customer had made them earlier. */
  add(...requests: CreditRequest[]): void {
    for (const request of requests) this.#requests.push(structuredClone(request));
  }

  /** Returns `GET /v1/portal/credit`: used is what the open invoices of the limit's currency owe. */
  read(invoices: readonly Invoice[]): CreditLimit {
    const used = invoices
      .filter((invoice) => invoice.status === 'open' && invoice.currency === this.currency)
      .reduce((sum, invoice) => sum + invoice.amount_due, 0);
    return {
      object: 'credit_limit',
      currency: this.currency,
      limit: this.limit,
      used,
      available: this.limit === null ? null : Math.max(0, this.limit - used),
      requests: [...this.#requests].sort((a, b) => b.created_at.localeCompare(a.created_at)),
    };
  }

  /** Records a request as `POST /v1/portal/credit_requests` does. */
  request(request: CreateCreditRequestRequest): CreditRequest {
    if (!Number.isInteger(request.amount) || request.amount <= 0 || request.amount > MAX_AMOUNT) {
      throw validationFailed('amount', 'amount must be a positive integer of minor units.');
    }
    const reason = request.reason.trim();
    if (reason.length === 0 || reason.length > 2000) {
      throw validationFailed('reason', 'reason must have 1 to 2000 characters.');
    }
    const currency = request.currency ?? this.currency;
    if (!currency) {
      throw new DulyInvalidRequestError({
        code: 'credit_limit_currency_required',
        status: 400,
        detail: 'You have no credit limit yet, so say in which currency you want one.',
        param: 'currency',
      });
    }
    if (this.#requests.some((existing) => existing.status === 'pending')) {
      throw new DulyConflictError({
        code: 'credit_request_pending',
        status: 409,
        detail: 'A request for a higher limit is already waiting for the vendor.',
      });
    }

    this.#sequence += 1;
    const created: CreditRequest = {
      object: 'credit_request',
      id: `crq_fake${this.#sequence}`,
      customer: 'cus_1',
      currency,
      amount: request.amount,
      reason,
      status: 'pending',
      amount_approved: null,
      decision_note: null,
      livemode: false,
      created_at: this.now,
      decided_at: null,
    };
    this.#requests.push(created);
    return created;
  }

  /** Approves a request as the vendor does; the limit becomes what was granted. */
  approve(id: string, amount?: number, note?: string): void {
    const request = this.#pending(id);
    request.status = 'approved';
    request.amount_approved = amount ?? request.amount;
    request.decision_note = note ?? null;
    request.decided_at = this.now;
    this.currency = request.currency;
    this.limit = request.amount_approved;
  }

  /** Declines a request as the vendor does. */
  decline(id: string, note?: string): void {
    const request = this.#pending(id);
    request.status = 'declined';
    request.decision_note = note ?? null;
    request.decided_at = this.now;
  }

  #pending(id: string): CreditRequest {
    const request = this.#requests.find((candidate) => candidate.id === id);
    if (request?.status !== 'pending') {
      throw new Error(`Fake client: no pending credit request ${id}`);
    }
    return request;
  }
}

/** The simple email check of the fake; the API checks with zod's `z.email()`. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Returns the billing details that `PUT /v1/portal/billing_details` stores for `request`:
 * trimmed, empty text as null. Throws the API's `validation_failed` for an invalid field.
 */
export function storedBillingDetails(request: UpdateBillingDetailsRequest): BillingDetails {
  const text = (param: string, value: string | null | undefined, max: number) => {
    const trimmed = value?.trim() ?? '';
    if (trimmed.length > max) throw validationFailed(param, `${param} is longer than ${max}.`);
    return trimmed === '' ? null : trimmed;
  };
  const email = text('email', request.email, 320);
  if (email !== null && !EMAIL.test(email)) {
    throw validationFailed('email', `${email} is not an email address.`);
  }

  let address: BillingDetails['address'] = null;
  if (request.address) {
    const line1 = text('address.line1', request.address.line1, 200);
    const city = text('address.city', request.address.city, 100);
    if (line1 === null) throw validationFailed('address.line1', 'address.line1 is missing.');
    if (city === null) throw validationFailed('address.city', 'address.city is missing.');
    if (!/^[A-Z]{2}$/.test(request.address.country)) {
      throw validationFailed(
        'address.country',
        'address.country is not a two-letter country code; use one such as US.',
      );
    }
    address = {
      line1,
      line2: text('address.line2', request.address.line2, 200),
      city,
      region: text('address.region', request.address.region, 100),
      postal_code: text('address.postal_code', request.address.postal_code, 20),
      country: request.address.country,
    };
  }

  return {
    object: 'billing_details',
    contact_name: text('contact_name', request.contact_name, 200),
    email,
    phone: text('phone', request.phone, 40),
    address,
  };
}
