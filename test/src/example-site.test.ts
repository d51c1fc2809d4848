import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVendor, loadConfig, openDatabase, startServer, systemClock } from '@duly/api';
import { createTestDatabase } from '@duly/api/testing';
import { createDulyServer, type DulyServer } from '@duly/sdk/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRAND } from '../../examples/script-tag/brand.mjs';
import { createSite, WEBHOOK_PATH } from '../../examples/script-tag/site.mjs';

// The example site as `npm run demo` runs it: a webhook endpoint at its /webhooks/duly and
// links to the hosted pages. The API keeps the system clock here, unlike the other files,
// because the site checks each signature's timestamp against the real time.

let cleanups: Array<() => Promise<void>> = [];
let siteUrl: string;
let duly: DulyServer;
let customerId: string;
let invoiceId: string;

beforeAll(async () => {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: '0',
    LOG_LEVEL: 'warn',
    DULY_JOBS: 'on',
    DULY_JOBS_POLL_MS: '100',
  });
  const opened = await openDatabase(config, { max: 2 });
  cleanups.push(() => opened.close());
  const api = await startServer(config);
  cleanups.push(() => api.close());

  const site = createServer();
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => closeServer(site));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

  const vendor = await createVendor(opened.db, systemClock, {
    name: BRAND.name,
    allowedOrigins: [siteUrl],
  });
  duly = createDulyServer({ secretKey: vendor.secret_key, api: api.url });
  const endpoint = await duly.webhookEndpoints.create({
    url: `${siteUrl}${WEBHOOK_PATH}`,
    enabled_events: ['*'],
  });
  site.on(
    'request',
    createSite({ apiUrl: api.url, secretKey: vendor.secret_key, webhookSecret: endpoint.secret }),
  );

  const customer = await duly.customers.create({ name: 'Pier 9 Printing' });
  customerId = customer.id;
  const today = new Date().toISOString().slice(0, 10);
  const invoice = await duly.invoices.create({
    customer: customer.id,
    number: 'INV-1001',
    currency: 'USD',
    issue_date: today,
    due_date: today,
    status: 'open',
    lines: [{ description: 'Copy paper, 10 boxes', quantity: 1, unit_amount: 45_00 }],
  });
  invoiceId = invoice.id;
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe('example site webhooks', () => {
  it('lists a verified delivery', async () => {
    const plan = await duly.plans.create({
      name: 'Supply Club Basic',
      interval: 'month',
      currency: 'USD',
      unit_amount: 29_00,
    });

    const page = await waitForEventsPage((html) => html.includes(plan.id));
    expect(page).toContain('plan.created');
    expect(page).toContain(plan.id);
  });

  it('rejects a forged delivery', async () => {
    const body = JSON.stringify({
      object: 'event',
      id: 'evt_forgedForgedForged01',
      type: 'invoice.paid',
      created_at: new Date().toISOString(),
      livemode: false,
      data: { object: { object: 'invoice', id: invoiceId } },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', 'whsec_notTheEndpointSecret')
      .update(`${timestamp}.${body}`)
      .digest('hex');

    const response = await fetch(`${siteUrl}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Duly-Signature': `t=${timestamp},v1=${signature}`,
      },
      body,
    });

    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('signature_mismatch');
    const page = await (await fetch(`${siteUrl}/events`)).text();
    expect(page).not.toContain('evt_forgedForgedForged01');
    expect(page).toContain('1 delivery was');
  });
});

describe('example site hosted links', () => {
  it('links a working hosted portal', async () => {
    const html = await (await fetch(`${siteUrl}/?customer=${customerId}`)).text();
    const portalUrl = linkHref(html, 'Open as a hosted page');

    expect(portalUrl).toMatch(/\/portal\/pst_/);
    const response = await fetch(portalUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<duly-portal');
  });

  it('links one pay link per invoice', async () => {
    const first = linkHref(await billingPage(), 'Pay link');
    const second = linkHref(await billingPage(), 'Pay link');

    expect(first).toMatch(/\/pay\/plt_/);
    expect(second).toBe(first);
    const links = await duly.payLinks.list({ invoice: invoiceId });
    expect(links.data).toHaveLength(1);
    const response = await fetch(first);
    expect(response.status).toBe(200);
  });
});

async function billingPage(): Promise<string> {
  const response = await fetch(`${siteUrl}/?customer=${customerId}`);
  expect(response.status).toBe(200);
  return response.text();
}

/** Returns the href of the link whose text is `text`; fails the test when there is none. */
function linkHref(html: string, text: string): string {
  const match = new RegExp(`<a href="([^"]+)"[^>]*>${text}</a>`).exec(html);
  const href = match?.[1];
  if (href === undefined) throw new Error(`The page has no link "${text}".`);
  return href.replaceAll('&amp;', '&');
}

/** Polls the site's events page until `ready` accepts it; fails after 15 s. */
async function waitForEventsPage(ready: (html: string) => boolean): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const html = await (await fetch(`${siteUrl}/events`)).text();
    if (ready(html)) return html;
    if (Date.now() > deadline) throw new Error(`The events page did not list the event:\n${html}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
