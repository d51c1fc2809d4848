import { formatMoney, type Payment, type Receipt, ReceiptSchema } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { keepForInspection, setVendorLetterhead } from '../documents/document-test-kit.js';
import { type ReadDocument, readPdf } from '../documents/pdf-reader.js';
import { ApiFixture, TEST_BANK_ACCOUNTS } from '../http/api-fixture.js';
import { createLogger } from '../http/logger.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
const ORIGIN = 'https://billing.example.com';
const logLines: string[] = [];
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, {
    vendorName: 'Acme Hardware Supply',
    allowedOrigins: [ORIGIN],
    logger: createLogger({ level: 'warn', write: (line) => logLines.push(line) }),
  });
  await setVendorLetterhead(db, api, 'https://acme.example/logo.png');
});
afterAll(() => db.destroy());

/** Saves a receipt under `RECEIPT_PDF_DIR` when it is set, so that a person can open it. */
function keep(name: string, bytes: Uint8Array): void {
  keepForInspection('RECEIPT_PDF_DIR', `${name}.pdf`, bytes);
}

interface PaidFixture {
  fixture: ApiFixture;
  session: string;
  payment: Payment;
  invoices: Array<{ id: string; number: string }>;
}

/** Pays new invoices of `totals` in `currency` at once with a Visa 4242. */
async function pay(
  totals: number[],
  options: { currency?: string; fixture?: ApiFixture; customerName?: string } = {},
): Promise<PaidFixture> {
  const fixture = options.fixture ?? api;
  const customer = await fixture.createCustomer({
    name: options.customerName ?? 'Birchwood Builders',
    email: 'ap@birchwood.example',
  });
  const session = await fixture.createSession(customer.id, { locale: 'en-US' });
  const card = await fixture.createCard(session);
  const series = crypto.randomUUID().slice(0, 8);
  const invoices = [];
  for (const [index, total] of totals.entries()) {
    invoices.push(
      await fixture.createInvoice(customer.id, {
        total,
        currency: options.currency ?? 'USD',
        number: `INV-${series}-${index + 1}`,
      }),
    );
  }
  const response = await fixture.pay(
    session,
    card,
    invoices.map((invoice, index) => ({ invoice: invoice.id, amount: totals[index] as number })),
  );
  expect(response.status).toBe(201);
  return { fixture, session, payment: response.body as unknown as Payment, invoices };
}

async function receiptJson(paid: PaidFixture) {
  return paid.fixture.request<Receipt & { code?: string }>(
    'GET',
    `/v1/portal/payments/${paid.payment.id}/receipt`,
    { auth: paid.session },
  );
}

async function receiptPdf(paid: PaidFixture, name: string) {
  const response = await paid.fixture.app.request(
    `/v1/portal/payments/${paid.payment.id}/receipt.pdf`,
    { headers: { Authorization: `Bearer ${paid.session}` } },
  );
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status === 200) keep(name, bytes);
  return { response, bytes };
}

/**
 * Returns every line of every page, in order, with no-break spaces as plain spaces, because
 * `Intl` puts one between a currency code and its amount.
 */
function allLines(document: ReadDocument): string[] {
  return document.pages.flatMap((page) => page.lines.map((line) => line.replaceAll('\u00a0', ' ')));
}

/** Formats an amount as the PDF prints it in US English, with plain spaces. */
function money(amount: number, currency: string): string {
  return formatMoney(amount, currency, 'en-US').replaceAll('\u00a0', ' ');
}

describe('GET /v1/portal/payments/:id/receipt', () => {
  it('describes a paid payment', async () => {
    const paid = await pay([4_000, 8_345]);
    const response = await receiptJson(paid);

    expect(response.status).toBe(200);
    const receipt = ReceiptSchema.parse(response.body);
    const paymentId = paid.payment.id;
    expect(receipt.number).toBe(
      `${paymentId.slice(4, 8)}-${paymentId.slice(8, 12)}-${paymentId.slice(12, 16)}`,
    );
    expect(receipt).toMatchObject({
      object: 'receipt',
      payment: paymentId,
      status: 'succeeded',
      amount: 12_345,
      amount_refunded: 0,
      currency: 'USD',
      method_details: { type: 'card', brand: 'visa', last4: '4242' },
      paid_at: paid.payment.succeeded_at,
      vendor: {
        name: 'Acme Hardware Supply',
        email: 'billing@acme.example',
        address_lines: ['100 Industrial Way', 'Springfield, IL 62701'],
        logo_url: 'https://acme.example/logo.png',
      },
      customer: { id: paid.payment.customer, name: 'Birchwood Builders' },
      livemode: false,
    });
    expect(receipt.customer.email).toBe('ap@birchwood.example');
    expect(receipt.paid_at).toBe('2026-03-15T12:00:00.000Z');
    expect(receipt.applications).toEqual([
      { invoice: paid.invoices[0]?.id, invoice_number: paid.invoices[0]?.number, amount: 4_000 },
      { invoice: paid.invoices[1]?.id, invoice_number: paid.invoices[1]?.number, amount: 8_345 },
    ]);
  });

  it('rejects a failed payment', async () => {
    const { session, response: failed } = await api.payNewInvoice({
      card: '4000 0000 0000 0002',
      total: 2_000,
    });
    expect(failed.status).toBe(402);
    const paymentId = failed.body.payment as string;

    const json = await api.request('GET', `/v1/portal/payments/${paymentId}/receipt`, {
      auth: session,
    });
    expect(json.status).toBe(409);
    expect(json.body.code).toBe('receipt_not_available');
    expect(json.body.detail).toBe(
      `Payment ${paymentId} failed, so no money was taken and there is no receipt.`,
    );

    const pdf = await api.request('GET', `/v1/portal/payments/${paymentId}/receipt.pdf`, {
      auth: session,
    });
    expect(pdf.status).toBe(409);
    expect(pdf.headers.get('Content-Type')).toContain('application/problem+json');
    expect(pdf.body.code).toBe('receipt_not_available');
  });

  it('rejects a pending bank debit', async () => {
    const { session, response: pending } = await api.payNewInvoice({
      bankAccount: TEST_BANK_ACCOUNTS.settles,
      total: 2_000,
    });
    expect(pending.body.status).toBe('pending');

    const json = await api.request('GET', `/v1/portal/payments/${pending.body.id}/receipt`, {
      auth: session,
    });
    expect(json.status).toBe(409);
    expect(json.body.code).toBe('receipt_not_available');
    expect(json.body.detail).toContain('is still pending');
  });

  it('hides another customer’s payment', async () => {
    const paid = await pay([1_000]);
    const stranger = await api.createCustomer({ name: 'Stranger LLC' });
    const strangerSession = await api.createSession(stranger.id);

    for (const suffix of ['receipt', 'receipt.pdf']) {
      const foreign = await api.request('GET', `/v1/portal/payments/${paid.payment.id}/${suffix}`, {
        auth: strangerSession,
      });
      const unknown = await api.request('GET', `/v1/portal/payments/pay_unknown/${suffix}`, {
        auth: strangerSession,
      });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('payment_not_found');
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('payment_not_found');
    }
  });
});

describe('GET /v1/portal/payments/:id/receipt.pdf', () => {
  it('prints what the JSON receipt says', async () => {
    const paid = await pay([4_000, 8_345]);
    const receipt = (await receiptJson(paid)).body;
    const { response, bytes } = await receiptPdf(paid, 'receipt-usd');

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/pdf');
    expect(response.headers.get('Content-Disposition')).toBe(
      `attachment; filename="acme-hardware-supply-receipt-${receipt.number}.pdf"`,
    );
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.4');

    const document = readPdf(bytes);
    const lines = allLines(document);
    expect(document.pages).toHaveLength(1);
    expect(document.info.Title).toBe(`Receipt ${receipt.number} from Acme Hardware Supply`);
    expect(lines).toContain('Acme Hardware Supply Receipt');
    expect(lines).toContain(`100 Industrial Way Receipt number ${receipt.number}`);
    expect(lines).toContain('Springfield, IL 62701 Date paid March 15, 2026');
    expect(lines).toContain('billing@acme.example Test mode: no money moved');
    expect(lines).toContain('$123.45');
    expect(lines).toContain('Paid on March 15, 2026 at 12:00 PM UTC');
    expect(lines).toContain('Birchwood Builders Visa ending in 4242');
    expect(lines).toContain(`ap@birchwood.example Payment ${receipt.payment}`);
    for (const application of receipt.applications) {
      expect(lines).toContain(`${application.invoice_number} ${money(application.amount, 'USD')}`);
    }
    expect(lines).toContain('Invoice Amount paid');
    expect(lines).toContain('Total paid $123.45');
    expect(lines).toContain('Status Paid');
    expect(lines).toContain(
      'Questions about this payment? Contact Acme Hardware Supply at billing@acme.example.',
    );
    expect(lines.at(-1)).toBe(`Acme Hardware Supply · Receipt ${receipt.number} Page 1 of 1`);
  });

  it('ends every amount on one edge', async () => {
    const paid = await pay([4_000, 8_345, 1]);
    const { bytes } = await receiptPdf(paid, 'receipt-aligned');
    const [page] = readPdf(bytes).pages;
    const amounts = (page?.runs ?? []).filter(
      (run) => /^\$[\d,]+\.\d\d$/.test(run.text) && run.size === 10,
    );
    expect(amounts.map((run) => run.text)).toEqual(['$40.00', '$83.45', '$0.01', '$123.46']);
    for (const run of amounts) expect(run.right).toBeCloseTo(612 - 54, 2);
  });

  it('prints yen without decimals', async () => {
    const paid = await pay([12_345], { currency: 'JPY' });
    const receipt = (await receiptJson(paid)).body;
    expect(receipt.amount).toBe(12_345);
    expect(receipt.currency).toBe('JPY');

    const lines = allLines(readPdf((await receiptPdf(paid, 'receipt-jpy')).bytes));
    expect(lines).toContain('¥12,345');
    expect(lines).toContain('Total paid ¥12,345');
    expect(lines.join('\n')).not.toMatch(/12,345\.\d/);
  });

  it('prints dinars with three decimals', async () => {
    const paid = await pay([18_600, 5], { currency: 'KWD' });
    const receipt = (await receiptJson(paid)).body;
    expect(receipt.amount).toBe(18_605);

    const lines = allLines(readPdf((await receiptPdf(paid, 'receipt-kwd')).bytes));
    expect(money(18_605, 'KWD')).toBe('KWD 18.605');
    expect(lines).toContain('KWD 18.605');
    expect(lines).toContain(`${receipt.applications[0]?.invoice_number} KWD 18.600`);
    expect(lines).toContain(`${receipt.applications[1]?.invoice_number} KWD 0.005`);
    expect(lines).toContain('Total paid KWD 18.605');
  });

  it('dates the payment in the vendor’s time zone', async () => {
    const pacific = await ApiFixture.create(db, {
      vendorName: 'Pacific Lumber',
      timeZone: 'America/Los_Angeles',
      now: '2026-03-15T02:30:00Z',
    });
    const paid = await pay([5_000], { fixture: pacific });
    const receipt = (await receiptJson(paid)).body;
    expect(receipt.paid_at).toBe('2026-03-15T02:30:00.000Z');

    const lines = allLines(readPdf((await receiptPdf(paid, 'receipt-pacific')).bytes));
    expect(lines).toContain(`Receipt number ${receipt.number}`);
    expect(lines).toContain('Date paid March 14, 2026');
    expect(lines).toContain('Paid on March 14, 2026 at 7:30 PM PDT');
  });

  it('shows refunds on the receipt', async () => {
    const paid = await pay([10_000]);
    const refunded = await api.request('POST', `/v1/payments/${paid.payment.id}/refunds`, {
      auth: api.vendor.secret_key,
      body: { amount: 2_550 },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(refunded.status).toBe(201);

    const receipt = (await receiptJson(paid)).body;
    expect(receipt).toMatchObject({ status: 'succeeded', amount: 10_000, amount_refunded: 2_550 });
    const lines = allLines(readPdf((await receiptPdf(paid, 'receipt-partly-refunded')).bytes));
    expect(lines).toContain('Total paid $100.00');
    expect(lines).toContain('Refunded -$25.50');
    expect(lines).toContain('Net paid $74.50');
    expect(lines).toContain('Status Partly refunded');

    await api.request('POST', `/v1/payments/${paid.payment.id}/refunds`, {
      auth: api.vendor.secret_key,
      body: {},
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    const full = (await receiptJson(paid)).body;
    expect(full).toMatchObject({ status: 'refunded', amount_refunded: 10_000 });
    const fullLines = allLines(readPdf((await receiptPdf(paid, 'receipt-refunded')).bytes));
    expect(fullLines).toContain('Net paid $0.00');
    expect(fullLines).toContain('Status Refunded');
  });

  it('shows what went to credit', async () => {
    const customer = await api.createCustomer({ name: 'Birchwood Builders' });
    const session = await api.createSession(customer.id, { locale: 'en-US' });
    const card = await api.createCard(session);
    const credit = await api.request('POST', '/v1/credit_notes', {
      auth: api.vendor.secret_key,
      body: { customer: customer.id, currency: 'USD', amount: 1_500, reason: 'Returned goods' },
    });
    expect(credit.status).toBe(201);
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });

    // Of the $141.78 asked, the credit note pays $15.00 of the invoice and the card the
    // other $85.00; the card's $41.78 above the invoice's balance goes to credit.
    const response = await api.postPayment<Payment>(session, {
      payment_method: card,
      amount: 14_178,
      currency: 'USD',
      apply_credit: true,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ amount: 12_678, credit_applied: 1_500 });
    const paid = { fixture: api, session, payment: response.body, invoices: [invoice] };

    const receipt = ReceiptSchema.parse((await receiptJson(paid)).body);
    expect(receipt.amount).toBe(12_678);
    expect(receipt.applications).toEqual([
      { invoice: invoice.id, invoice_number: invoice.number, amount: 8_500 },
    ]);
    expect(receipt.amount_to_credit).toBe(4_178);
    expect(receipt.credit_applied).toBe(1_500);

    const lines = allLines(readPdf((await receiptPdf(paid, 'receipt-credit')).bytes));
    expect(lines).toContain(`${invoice.number} $85.00`);
    expect(lines).toContain('Added to your credit balance $41.78');
    expect(lines).toContain('Total paid $126.78');
    expect(lines.join(' ')).toContain(
      'Your credit balance also paid $15.00 of these invoices with this payment',
    );
  });

  it('shows no credit line for an exact payment', async () => {
    const paid = await pay([4_000, 8_345]);

    const receipt = (await receiptJson(paid)).body;
    expect(receipt).toMatchObject({ amount_to_credit: 0, credit_applied: 0 });
    const lines = allLines(readPdf((await receiptPdf(paid, 'receipt-exact')).bytes));
    expect(lines.join(' ')).not.toContain('credit balance');
  });

  it('continues a long receipt on more pages', async () => {
    const totals = Array.from({ length: 45 }, (_, index) => 1_000 + index);
    const paid = await pay(totals);
    const receipt = (await receiptJson(paid)).body;
    const document = readPdf((await receiptPdf(paid, 'receipt-two-pages')).bytes);

    expect(document.pages).toHaveLength(2);
    const [first, second] = document.pages.map((page) =>
      page.lines.map((line) => line.replaceAll('\u00a0', ' ')),
    );
    expect(first?.at(-1)).toBe(`Acme Hardware Supply · Receipt ${receipt.number} Page 1 of 2`);
    expect(second?.[0]).toBe(`Receipt ${receipt.number} (continued)`);
    expect(second?.[1]).toBe('Invoice Amount paid');
    expect(second?.at(-1)).toBe(`Acme Hardware Supply · Receipt ${receipt.number} Page 2 of 2`);
    const printed = allLines(document).filter((line) => line.startsWith('INV-'));
    expect(printed).toEqual(
      receipt.applications.map(
        (application) => `${application.invoice_number} ${money(application.amount, 'USD')}`,
      ),
    );
    expect(allLines(document)).toContain(`Total paid ${money(receipt.amount, 'USD')}`);
  });

  it('prints unencodable characters as question marks', async () => {
    logLines.length = 0;
    const paid = await pay([1_000], { customerName: 'Łukasz Żak 東京' });
    const lines = allLines(readPdf((await receiptPdf(paid, 'receipt-replaced')).bytes));

    expect(lines).toContain('?ukasz ?ak ?? Visa ending in 4242');
    const warnings = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warnings).toEqual([
      expect.objectContaining({
        level: 'warn',
        payment: paid.payment.id,
        characters: 'ŁŻ東京',
      }),
    ]);
  });

  it('exposes the file name to the widget’s origin', async () => {
    const paid = await pay([1_000]);
    const response = await api.app.request(`/v1/portal/payments/${paid.payment.id}/receipt.pdf`, {
      headers: { Authorization: `Bearer ${paid.session}`, Origin: ORIGIN },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('Content-Disposition');
  });
});

describe('GET /v1/payments/:id/receipt', () => {
  it('gives the vendor the same receipt', async () => {
    const paid = await pay([2_500]);
    const portal = (await receiptJson(paid)).body;
    const vendor = await api.request<Receipt>('GET', `/v1/payments/${paid.payment.id}/receipt`, {
      auth: api.vendor.secret_key,
    });
    expect(vendor.status).toBe(200);
    expect(vendor.body).toEqual(portal);
  });

  it('prints the PDF in the requested locale', async () => {
    const paid = await pay([123_456]);
    const response = await api.app.request(
      `/v1/payments/${paid.payment.id}/receipt.pdf?locale=de-DE`,
      { headers: { Authorization: `Bearer ${api.vendor.secret_key}` } },
    );
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    keep('receipt-de', bytes);

    const lines = allLines(readPdf(bytes));
    expect(lines).toContain('1.234,56 $');
    expect(lines).toContain('Springfield, IL 62701 Date paid 15. März 2026');
  });

  it('rejects a malformed locale', async () => {
    const paid = await pay([1_000]);
    const response = await api.request(
      `GET`,
      `/v1/payments/${paid.payment.id}/receipt.pdf?locale=not_a_locale!`,
      {
        auth: api.vendor.secret_key,
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_parameter');
    expect(response.body.param).toBe('locale');
  });

  it('hides another vendor’s payment', async () => {
    const other = await ApiFixture.create(db, { vendorName: 'Other Receipts Vendor' });
    const paid = await pay([1_000], { fixture: other });
    for (const suffix of ['receipt', 'receipt.pdf']) {
      const response = await api.request('GET', `/v1/payments/${paid.payment.id}/${suffix}`, {
        auth: api.vendor.secret_key,
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('payment_not_found');
    }
  });
});
