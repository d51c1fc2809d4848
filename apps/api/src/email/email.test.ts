import { addDays, type EmailMessage, type EmailSettings } from '@duly/core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { silentLogger } from '../http/logger.js';
import { newId } from '../ids.js';
import { createJobRunner, type JobRunnerSettings } from '../jobs/background-jobs.js';
import { RecordingProvider } from '../jobs/job-test-kit.js';
import { hashSecret, newSecretKey } from '../secrets.js';
import { createMigratedDatabase, type TestDatabase } from '../testing/test-database.js';
import { SmtpTestServer } from './smtp-test-server.js';

const SMTP_PORT = 4580;
const SMTP_LOGIN = { username: 'duly-mailer', password: 'smtp-secret-9f2' };
const PUBLIC_URL = 'http://127.0.0.1:4581';

let database: TestDatabase;
/** The fixture's pool, also the first runner's; the second runner has a pool of its own. */
let db: PostgresDb;
let otherDb: PostgresDb;
let api: ApiFixture;
let smtp: SmtpTestServer;

beforeAll(async () => {
  // Job runners sweep every vendor's rows, so this file gets a database of its own.
  database = await createMigratedDatabase(inject('databaseUrl'), 'duly_email');
  db = connectDatabase(database.url, { max: 10 });
  otherDb = connectDatabase(database.url, { max: 10 });
  api = await ApiFixture.create(db, {
    now: '2026-07-01T15:00:00Z',
    vendorName: 'Mailing Supply Co.',
    timeZone: 'America/New_York',
    publicUrl: PUBLIC_URL,
  });
  smtp = await SmtpTestServer.start(SMTP_PORT, SMTP_LOGIN);
});
afterAll(async () => {
  await smtp.stop();
  await db.destroy();
  await otherDb.destroy();
  await database.drop();
});

/** Returns settings that reach the test server, with every kind off unless `fields` turns it on. */
function settingsFor(fields: Record<string, unknown> = {}) {
  return {
    smtp_host: '127.0.0.1',
    smtp_port: SMTP_PORT,
    smtp_secure: false,
    smtp_username: SMTP_LOGIN.username,
    smtp_password: SMTP_LOGIN.password,
    from_address: 'billing@mailing.example',
    from_name: 'Mailing Supply Billing',
    reply_to: 'accounts@mailing.example',
    send_receipts: false,
    send_invoices: false,
    send_reminders: false,
    ...fields,
  };
}

function patchSettings(body: unknown) {
  return api.request<EmailSettings & { code?: string; param?: string }>(
    'PATCH',
    '/v1/email_settings',
    { auth: api.vendor.secret_key, body },
  );
}

async function setSettings(fields: Record<string, unknown> = {}) {
  const response = await patchSettings(settingsFor(fields));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

function jobRunner(pool: PostgresDb, settings: JobRunnerSettings = {}) {
  return createJobRunner(
    {
      db: pool,
      clock: api.clock,
      logger: silentLogger,
      providers: new Map([['sandbox', new RecordingProvider()]]),
      sandboxAchDelayMs: 60_000,
      publicUrl: PUBLIC_URL,
    },
    { retryBaseMs: 60_000, ...settings },
  );
}

async function emailsOf(query: string): Promise<EmailMessage[]> {
  const page = await api.vendorCall<{ data: EmailMessage[] }>(
    'GET',
    `/v1/emails?${query}`,
    undefined,
    200,
  );
  return page.data;
}

/** Creates a customer with a fresh address, so each test reads only its own mail. */
async function customerWithEmail(fields: Record<string, unknown> = {}) {
  const email = `ap-${crypto.randomUUID().slice(0, 8)}@customer.example`;
  const customer = await api.createCustomer({ email, ...fields });
  return { id: customer.id, email };
}

/** Finds the pay link URL in a message's plain text. */
function payUrlIn(text: string | undefined): string {
  const match = /http:\/\/127\.0\.0\.1:4581\/pay\/(plt_\w+)/.exec(text ?? '');
  if (match === null) throw new Error(`No pay link in the message text:\n${text}`);
  return match[0];
}

beforeEach(async () => {
  await setSettings();
});

describe('email settings', () => {
  it('never returns the SMTP password', async () => {
    await setSettings({ send_receipts: true });
    const settings = await api.vendorCall<Record<string, unknown>>(
      'GET',
      '/v1/email_settings',
      undefined,
      200,
    );
    expect(settings).toMatchObject({
      object: 'email_settings',
      smtp_host: '127.0.0.1',
      smtp_port: SMTP_PORT,
      smtp_username: SMTP_LOGIN.username,
      has_password: true,
      send_receipts: true,
      reminder_days: [-3, 0, 3, 7, 14],
    });
    expect(JSON.stringify(settings)).not.toContain(SMTP_LOGIN.password);
    const events = await db
      .selectFrom('event')
      .select('data')
      .where('type', '=', 'email_settings.updated')
      .execute();
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(SMTP_LOGIN.password);
  });

  it('rejects bad settings with problem codes', async () => {
    const before = await api.vendorCall('GET', '/v1/email_settings', undefined, 200);
    const cases: Array<[unknown, number, string, string]> = [
      [{ from_address: 'not-an-address' }, 400, 'validation_failed', 'from_address'],
      [{ reply_to: 'a@' }, 400, 'validation_failed', 'reply_to'],
      [{ smtp_port: 70_000 }, 400, 'validation_failed', 'smtp_port'],
      [{ smtp_host: 'smtp example.com' }, 400, 'validation_failed', 'smtp_host'],
      [{ reminder_days: [3, 3] }, 400, 'validation_failed', 'reminder_days'],
      [{ reminder_days: [400] }, 400, 'validation_failed', 'reminder_days[0]'],
      [{ send_invoices: 'yes' }, 400, 'validation_failed', 'send_invoices'],
      [{ smtp_pasword: 'x' }, 400, 'validation_failed', 'smtp_pasword'],
      [
        { smtp_host: null, send_reminders: true },
        409,
        'email_settings_incomplete',
        'send_reminders',
      ],
      [
        { from_address: null, send_receipts: true },
        409,
        'email_settings_incomplete',
        'send_receipts',
      ],
    ];
    for (const [body, status, code, param] of cases) {
      const response = await patchSettings(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.code, JSON.stringify(body)).toBe(code);
      expect(response.body.param, JSON.stringify(body)).toBe(param);
    }
    const after = await api.vendorCall('GET', '/v1/email_settings', undefined, 200);
    expect(after).toEqual(before);
  });

  it('rejects private SMTP hosts in live mode', async () => {
    const liveKey = newSecretKey(true);
    await db
      .insertInto('api_key')
      .values({
        id: newId('key'),
        vendor_id: api.vendor.id,
        livemode: true,
        secret_hash: hashSecret(liveKey),
        secret_last4: liveKey.slice(-4),
        created_at: api.clock.now(),
        revoked_at: null,
      })
      .execute();
    for (const host of [
      'localhost',
      '127.0.0.1',
      '10.1.2.3',
      '192.168.0.10',
      '[::1]',
      '169.254.169.254',
    ]) {
      const response = await api.request<{ code: string; param: string }>(
        'PATCH',
        '/v1/email_settings',
        { auth: liveKey, body: { smtp_host: host } },
      );
      expect(response.status, host).toBe(400);
      expect(response.body.param, host).toBe('smtp_host');
    }
    const publicHost = await api.request<EmailSettings>('PATCH', '/v1/email_settings', {
      auth: liveKey,
      body: { smtp_host: 'smtp.mailing.example', smtp_port: 465, smtp_secure: true },
    });
    expect(publicHost.status).toBe(200);
    expect(publicHost.body).toMatchObject({ livemode: true, smtp_host: 'smtp.mailing.example' });
    // The test mode's settings are separate and keep the local test server.
    const testMode = await api.vendorCall<EmailSettings>(
      'GET',
      '/v1/email_settings',
      undefined,
      200,
    );
    expect(testMode).toMatchObject({ livemode: false, smtp_host: '127.0.0.1' });
  });

  it('sends a test email through the settings', async () => {
    const response = await api.request<EmailMessage>('POST', '/v1/email_settings/test', {
      auth: api.vendor.secret_key,
      body: { to: 'owner@mailing.example' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ object: 'email', kind: 'test', status: 'sent' });
    const [mail] = smtp.mailTo('owner@mailing.example');
    expect(mail?.subject).toBe('Duly test email for Mailing Supply Co.');
    expect(mail?.from?.value[0]).toEqual({
      address: 'billing@mailing.example',
      name: 'Mailing Supply Billing',
    });
    expect(mail?.replyTo?.value[0]?.address).toBe('accounts@mailing.example');
    expect(mail?.messageId).toBe(response.body.provider_message_id);
  });

  it('reports a wrong SMTP password as email_delivery_failed', async () => {
    await setSettings({ smtp_password: 'wrong-password' });
    const response = await api.request<{ code: string; detail: string }>(
      'POST',
      '/v1/email_settings/test',
      { auth: api.vendor.secret_key, body: { to: 'owner@mailing.example' } },
    );
    expect(response.status).toBe(502);
    expect(response.body.code).toBe('email_delivery_failed');
    expect(response.body.detail).toContain('Invalid username or password');
    const [failed] = await emailsOf('kind=test&status=failed');
    expect(failed?.error).toContain('Invalid username or password');
  });

  it('rejects a test email to a bad address', async () => {
    const response = await api.request<{ code: string; param: string }>(
      'POST',
      '/v1/email_settings/test',
      { auth: api.vendor.secret_key, body: { to: 'owner' } },
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'to' });
  });
});

describe('customer emails', () => {
  it('sends a receipt after a payment', async () => {
    await setSettings({ send_receipts: true });
    const customer = await customerWithEmail({ name: 'Ridge & Sons' });
    const invoice = await api.createInvoice(customer.id, { total: 12_345, number: 'INV-R-1' });
    const session = await api.createSession(customer.id);
    const card = await api.createCard(session);
    const paid = await api.pay(session, card, [{ invoice: invoice.id, amount: 12_345 }]);
    expect(paid.status).toBe(201);

    const poll = await jobRunner(db).runOnce();

    expect(poll.done).toBe(1);
    const mails = smtp.mailTo(customer.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toMatch(/^Receipt [\w-]+ from Mailing Supply Co\.: \$123\.45 paid$/);
    expect(mail?.text).toContain('Thank you: your payment of $123.45 to Mailing Supply Co.');
    expect(mail?.text).toContain('Invoices paid: INV-R-1.');
    expect(mail?.html).toContain('Ridge &amp; Sons');
    const [listed] = await emailsOf(`customer=${customer.id}`);
    expect(listed).toMatchObject({
      kind: 'receipt',
      status: 'sent',
      payment: paid.body.id,
      to: customer.email,
      attempts: 1,
    });
  });

  it('sends a receipt for an offline payment', async () => {
    await setSettings({ send_receipts: true });
    const customer = await customerWithEmail();
    const invoice = await api.createInvoice(customer.id, { total: 50_000, number: 'INV-O-1' });
    const recorded = await api.request<{ id: string }>('POST', '/v1/payments', {
      auth: api.vendor.secret_key,
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: {
        customer: customer.id,
        currency: 'USD',
        amount: 50_000,
        method: 'check',
        reference: '1042',
        received_on: '2026-07-01',
        invoices: [{ invoice: invoice.id, amount: 50_000 }],
      },
    });
    expect(recorded.status).toBe(201);

    await jobRunner(db).runOnce();

    const mails = smtp.mailTo(customer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain('Invoices paid: INV-O-1.');
    const [listed] = await emailsOf(`customer=${customer.id}`);
    expect(listed).toMatchObject({ kind: 'receipt', status: 'sent', payment: recorded.body.id });
  });

  it('sends a new invoice with a pay link', async () => {
    await setSettings({ send_invoices: true });
    const customer = await customerWithEmail({ name: '<b>Bold</b> Builders', locale: 'es-MX' });
    const invoice = await api.createInvoice(customer.id, {
      total: 250_000,
      number: 'INV-P-1',
      due_date: '2026-07-31',
    });

    await jobRunner(db).runOnce();

    const [mail] = smtp.mailTo(customer.email);
    expect(mail?.subject).toBe(
      // Spanish as written in Mexico names the dollar by its code, with a no-break space.
      'Factura INV-P-1 de Mailing Supply Co.: USD\u00a02,500.00, vence el 31 de julio de 2026',
    );
    const url = payUrlIn(mail?.text);
    expect(mail?.html).toContain(`<a href="${url}">Ver y pagar la factura</a>`);
    expect(mail?.html).toContain('&lt;b&gt;Bold&lt;/b&gt; Builders');
    expect(mail?.html).not.toContain('<b>Bold</b>');
    const token = url.slice(url.lastIndexOf('/') + 1);
    const link = await db
      .selectFrom('pay_link')
      .selectAll()
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirstOrThrow();
    expect(link).toMatchObject({ invoice_id: invoice.id, customer_id: customer.id });
    expect(link.revoked_at).toBeNull();
    expect(link.expires_at.getTime()).toBeGreaterThan(api.clock.now().getTime());
    const [listed] = await emailsOf(`invoice=${invoice.id}`);
    expect(listed).toMatchObject({ kind: 'invoice', status: 'sent', subject: mail?.subject });
  });

  it('formats amounts in the invoice currency', async () => {
    await setSettings({ send_invoices: true });
    const customer = await customerWithEmail();
    await api.createInvoice(customer.id, {
      number: 'INV-JPY-1',
      currency: 'JPY',
      total: 123_456,
      due_date: '2026-07-31',
    });

    await jobRunner(db).runOnce();

    const [mail] = smtp.mailTo(customer.email);
    expect(mail?.subject).toBe(
      'Invoice INV-JPY-1 from Mailing Supply Co.: ¥123,456 due July 31, 2026',
    );
  });

  it('queues nothing while a kind is off', async () => {
    const customer = await customerWithEmail();
    const invoice = await api.createInvoice(customer.id);
    const session = await api.createSession(customer.id);
    const card = await api.createCard(session);
    await api.pay(session, card, [{ invoice: invoice.id, amount: invoice.amount_due }]);

    await jobRunner(db).runOnce();

    expect(await emailsOf(`customer=${customer.id}`)).toEqual([]);
    expect(smtp.mailTo(customer.email)).toEqual([]);
    const events = await db
      .selectFrom('event')
      .select('type')
      .where('object_id', '=', invoice.id)
      .execute();
    expect(events.map((event) => event.type)).toContain('invoice.created');
  });

  it('retries a message the SMTP server rejects', async () => {
    await setSettings({ send_invoices: true });
    const customer = await customerWithEmail();
    const invoice = await api.createInvoice(customer.id, { number: 'INV-T-1' });
    smtp.rejectNext = 2;
    const runner = jobRunner(db, { retryBaseMs: 60_000 });

    const first = await runner.runOnce();
    expect(first.retried).toBe(1);
    const [queued] = await emailsOf(`invoice=${invoice.id}`);
    expect(queued).toMatchObject({ status: 'queued', attempts: 1 });
    expect(queued?.error).toContain('Mailbox busy');
    api.clock.advance(60_000);
    expect((await runner.runOnce()).retried).toBe(1);
    api.clock.advance(120_000);
    expect((await runner.runOnce()).done).toBe(1);

    const mails = smtp.mailTo(customer.email);
    expect(mails).toHaveLength(1);
    const [sent] = await emailsOf(`invoice=${invoice.id}`);
    expect(sent).toMatchObject({ status: 'sent', attempts: 3, error: null });
    // Each attempt issued a link; only the one in the delivered mail still works.
    const links = await db
      .selectFrom('pay_link')
      .select(['token_hash', 'revoked_at'])
      .where('invoice_id', '=', invoice.id)
      .execute();
    const delivered = hashSecret(payUrlIn(mails[0]?.text).split('/').at(-1) as string);
    expect(links).toHaveLength(3);
    expect(links.filter((link) => link.revoked_at === null)).toEqual([
      { token_hash: delivered, revoked_at: null },
    ]);
  });

  it('marks a message failed after its last attempt', async () => {
    await setSettings({ send_invoices: true });
    const customer = await customerWithEmail();
    const invoice = await api.createInvoice(customer.id);
    smtp.rejectNext = 4;
    const runner = jobRunner(db, { retryBaseMs: 1000 });
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await runner.runOnce();
      api.clock.advance(3_600_000);
    }
    expect(smtp.rejectNext).toBe(0);
    const [failed] = await emailsOf(`invoice=${invoice.id}`);
    expect(failed).toMatchObject({ status: 'failed', attempts: 4 });
    expect(failed?.error).toContain('451');
    expect(smtp.mailTo(customer.email)).toEqual([]);
  });

  it('skips an invoice email once the invoice is paid', async () => {
    await setSettings({ send_invoices: true });
    const customer = await customerWithEmail();
    const invoice = await api.createInvoice(customer.id);
    const session = await api.createSession(customer.id);
    const card = await api.createCard(session);
    await api.pay(session, card, [{ invoice: invoice.id, amount: invoice.amount_due }]);

    await jobRunner(db).runOnce();

    const [skipped] = await emailsOf(`invoice=${invoice.id}`);
    expect(skipped).toMatchObject({ status: 'skipped', error: 'The invoice is paid.' });
    expect(smtp.mailTo(customer.email)).toEqual([]);
  });

  it('skips a receipt the payment lost', async () => {
    await setSettings({ send_receipts: true });
    const customer = await customerWithEmail();
    const invoice = await api.createInvoice(customer.id);
    const session = await api.createSession(customer.id);
    const card = await api.createCard(session);
    const paid = await api.pay(session, card, [
      { invoice: invoice.id, amount: invoice.amount_due },
    ]);
    // What a bank return does to a payment before its receipt went out.
    await db
      .updateTable('payment')
      .set({ status: 'failed', failure_code: 'R01', failed_at: api.clock.now() })
      .where('id', '=', paid.body.id as string)
      .execute();

    await jobRunner(db).runOnce();

    const [skipped] = await emailsOf(`customer=${customer.id}`);
    expect(skipped?.status).toBe('skipped');
    expect(skipped?.error).toMatch(/receipt/i);
    expect(smtp.mailTo(customer.email)).toEqual([]);
  });

  it('skips a message whose kind was turned off', async () => {
    await setSettings({ send_invoices: true });
    const customer = await customerWithEmail();
    const invoice = await api.createInvoice(customer.id);
    await setSettings({ send_invoices: false });

    await jobRunner(db).runOnce();

    const [skipped] = await emailsOf(`invoice=${invoice.id}`);
    expect(skipped?.status).toBe('skipped');
    expect(skipped?.error).toContain('send_invoices off');
    expect(smtp.mailTo(customer.email)).toEqual([]);
  });

  it('rejects bad list filters', async () => {
    const cases: Array<[string, string, string]> = [
      ['kind=newsletter', 'validation_failed', 'kind'],
      ['status=bounced', 'validation_failed', 'status'],
      ['invoice=cus_1', 'validation_failed', 'invoice'],
      ['cursor=not-a-cursor', 'invalid_cursor', 'cursor'],
    ];
    for (const [query, code, param] of cases) {
      const response = await api.request<{ code: string; param: string }>(
        'GET',
        `/v1/emails?${query}`,
        { auth: api.vendor.secret_key },
      );
      expect(response.status, query).toBe(400);
      expect(response.body.code, query).toBe(code);
      expect(response.body.param, query).toBe(param);
    }
  });

  it('pages through emails newest first', async () => {
    const page = await api.vendorCall<{ data: EmailMessage[]; next_cursor: string }>(
      'GET',
      '/v1/emails?limit=2',
      undefined,
      200,
    );
    expect(page.data).toHaveLength(2);
    expect(page.next_cursor).toEqual(expect.any(String));
    const next = await api.vendorCall<{ data: EmailMessage[] }>(
      'GET',
      `/v1/emails?limit=2&cursor=${page.next_cursor}`,
      undefined,
      200,
    );
    const ids = [...page.data, ...next.data].map((email) => email.id);
    expect(new Set(ids).size).toBe(ids.length);
    const times = [...page.data, ...next.data].map((email) => email.created_at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('marks a message failed when its job fails', async () => {
    await setSettings({ send_invoices: true });
    const customer = await customerWithEmail();
    const invoice = await api.createInvoice(customer.id);
    // A runner without the API's public address cannot issue the pay link.
    const runner = createJobRunner(
      {
        db,
        clock: api.clock,
        logger: silentLogger,
        providers: new Map([['sandbox', new RecordingProvider()]]),
        sandboxAchDelayMs: 60_000,
      },
      { maxAttempts: 2, retryBaseMs: 1000 },
    );

    expect((await runner.runOnce()).retried).toBe(1);
    api.clock.advance(1000);
    expect((await runner.runOnce()).failed).toBe(1);
    await runner.runOnce();

    const [failed] = await emailsOf(`invoice=${invoice.id}`);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toContain('created without publicUrl');
    expect(smtp.mailTo(customer.email)).toEqual([]);
  });

  it('does not resend a message whose sender stopped', async () => {
    await setSettings({ send_invoices: true });
    const customer = await customerWithEmail();
    const invoice = await api.createInvoice(customer.id);
    // A runner that stopped between marking the message and recording the SMTP reply.
    await db
      .updateTable('email_message')
      .set({ status: 'sending', attempts: 1 })
      .where('invoice_id', '=', invoice.id)
      .execute();

    await jobRunner(db).runOnce();

    const [failed] = await emailsOf(`invoice=${invoice.id}`);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toContain('not sent again');
    expect(smtp.mailTo(customer.email)).toEqual([]);
  });
});

describe('payment reminders', () => {
  it('sends each reminder once, day by day', async () => {
    await setSettings({ send_reminders: true, reminder_days: [-3, 0, 3, 7] });
    const dueDate = '2026-08-10';
    const open = await customerWithEmail();
    const paidLater = await customerWithEmail();
    const disputed = await customerWithEmail();
    const openInvoice = await api.createInvoice(open.id, {
      number: 'INV-D-1',
      total: 98_765,
      issue_date: '2026-07-01',
      due_date: dueDate,
    });
    const paidInvoice = await api.createInvoice(paidLater.id, {
      issue_date: '2026-07-01',
      due_date: dueDate,
    });
    const disputedInvoice = await api.createInvoice(disputed.id, {
      issue_date: '2026-07-01',
      due_date: dueDate,
    });
    const disputeSession = await api.createSession(disputed.id);
    const dispute = await api.request('POST', `/v1/portal/invoices/${disputedInvoice.id}/threads`, {
      auth: disputeSession,
      body: { kind: 'dispute', reason: 'not_received', message: 'We never got the goods.' },
    });
    expect(dispute.status).toBe(201);

    // Reminders of other tests' invoices go out on some of these days too.
    const ours = [open.email, paidLater.email, disputed.email];
    const first = jobRunner(db);
    const second = jobRunner(otherDb);
    const sentByDay = new Map<string, string[]>();
    // Noon in New York each day from five days before the due date to ten days after.
    for (let offset = -5; offset <= 10; offset += 1) {
      const day = addDays(dueDate, offset);
      api.clock.set(`${day}T16:00:00Z`);
      if (offset === -2) {
        const session = await api.createSession(paidLater.id);
        const card = await api.createCard(session);
        const paid = await api.pay(session, card, [
          { invoice: paidInvoice.id, amount: paidInvoice.amount_due },
        ]);
        expect(paid.status).toBe(201);
      }
      const before = smtp.received.length;
      await Promise.all([first.runOnce(), second.runOnce(), first.runOnce(), second.runOnce()]);
      const lines = smtp.received
        .slice(before)
        .map((mail) => `${[mail.to].flat()[0]?.text} ${mail.subject}`)
        .filter((line) => ours.some((address) => line.startsWith(address)));
      sentByDay.set(day, lines.sort());
    }

    const expected = new Map<string, string[]>();
    for (let offset = -5; offset <= 10; offset += 1) expected.set(addDays(dueDate, offset), []);
    expected.set(
      '2026-08-07',
      [
        `${open.email} Reminder: invoice INV-D-1 is due on August 10, 2026 ($987.65)`,
        `${paidLater.email} Reminder: invoice ${paidInvoice.number} is due on August 10, 2026 ($100.00)`,
      ].sort(),
    );
    expected.set('2026-08-10', [`${open.email} Invoice INV-D-1 is due today ($987.65)`]);
    expected.set('2026-08-13', [`${open.email} Invoice INV-D-1 is overdue ($987.65)`]);
    expected.set('2026-08-17', [`${open.email} Invoice INV-D-1 is overdue ($987.65)`]);
    expect(sentByDay).toEqual(expected);

    for (const mail of smtp.mailTo(open.email)) {
      expect(mail.text, mail.subject).toMatch(
        /Pay the invoice: http:\/\/127\.0\.0\.1:4581\/pay\/plt_/,
      );
      expect(mail.html, mail.subject).toContain(
        `<a href="${payUrlIn(mail.text)}">Pay the invoice</a>`,
      );
    }
    const reminders = await emailsOf(`invoice=${openInvoice.id}&kind=reminder`);
    expect(
      reminders.map((email) => email.reminder_day).sort((a, b) => (a ?? 0) - (b ?? 0)),
    ).toEqual([-3, 0, 3, 7]);
    expect(reminders.every((email) => email.status === 'sent' && email.attempts === 1)).toBe(true);
    expect(await emailsOf(`invoice=${disputedInvoice.id}`)).toEqual([]);
    expect(smtp.mailTo(disputed.email)).toEqual([]);
  });

  it('sends no reminder on the issue date', async () => {
    await setSettings({ send_reminders: true, reminder_days: [-3, 0] });
    const customer = await customerWithEmail();
    // Issued on its due date, as a subscription's invoice is: the invoice email is enough.
    await api.createInvoice(customer.id, { issue_date: '2026-10-05', due_date: '2026-10-05' });
    const early = await api.createInvoice(customer.id, {
      issue_date: '2026-10-04',
      due_date: '2026-10-05',
    });
    const runner = jobRunner(db);

    api.clock.set('2026-10-05T16:00:00Z');
    await runner.runOnce();
    await runner.runOnce();

    const reminders = await emailsOf(`customer=${customer.id}&kind=reminder`);
    expect(reminders.map((email) => [email.invoice, email.reminder_day])).toEqual([[early.id, 0]]);
  });

  it('counts reminder days in the vendor time zone', async () => {
    await setSettings({ send_reminders: true, reminder_days: [0] });
    const customer = await customerWithEmail();
    await api.createInvoice(customer.id, { issue_date: '2026-07-01', due_date: '2026-09-01' });
    const runner = jobRunner(db);

    // 02:00 UTC on the due date is still the evening before in New York.
    api.clock.set('2026-09-01T02:00:00Z');
    await runner.runOnce();
    expect(smtp.mailTo(customer.email)).toEqual([]);
    api.clock.set('2026-09-01T04:30:00Z');
    await runner.runOnce();
    expect(smtp.mailTo(customer.email).map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/is due today/),
    ]);
  });
});
