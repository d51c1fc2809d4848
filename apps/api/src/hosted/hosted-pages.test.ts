import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;

const PUBLIC_URL = 'http://127.0.0.1:4541';

beforeAll(async () => {
  api = await ApiFixture.create(db, {
    publicUrl: PUBLIC_URL,
    vendorName: 'Acme <Supply> & "Co"',
    allowedOrigins: ['https://billing.example.com', 'http://127.0.0.1:4542'],
  });
  await db
    .updateTable('vendor')
    .set({ logo_url: 'https://cdn.example.com/acme.png', primary_color: '#0a5fff' })
    .where('id', '=', api.vendor.id)
    .execute();
});
afterAll(() => db.destroy());

async function payLink(fields: Record<string, unknown> = {}) {
  const customer = await api.createCustomer();
  const invoice = await api.createInvoice(customer.id);
  const link = await api.vendorCall<{ id: string; token: string }>(
    'POST',
    '/v1/pay_links',
    { invoice: invoice.id, ...fields },
    201,
  );
  return { customer, invoice, link };
}

async function getPage(path: string) {
  const response = await api.app.request(path);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Splits a Content-Security-Policy into its directives by name. */
function directives(policy: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('hosted pay page', () => {
  it('serves the page with a strict policy', async () => {
    const { link } = await payLink();
    const page = await getPage(`/pay/${link.token}`);

    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(page.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(page.headers.get('Cache-Control')).toBe('no-store');

    const policy = directives(page.headers.get('Content-Security-Policy'));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'https://cdn.example.com']);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual([
      'https://billing.example.com',
      'http://127.0.0.1:4542',
    ]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    const styles = policy.get('style-src') ?? [];
    expect(styles[0]).toBe("'self'");
    expect(styles[1]).toMatch(/^'nonce-[A-Za-z0-9+/=]{24}'$/);
    expect(page.headers.get('Content-Security-Policy')).not.toContain('unsafe');
  });

  it('brands the page with escaped vendor details', async () => {
    const { link } = await payLink();
    const page = await getPage(`/pay/${link.token}`);

    expect(page.text).toContain(
      '<span class="vendor-name">Acme &lt;Supply&gt; &amp; &quot;Co&quot;</span>',
    );
    expect(page.text).toContain('<img class="logo" src="https://cdn.example.com/acme.png" alt="">');
    expect(page.text).toContain('<link rel="icon" href="https://cdn.example.com/acme.png">');
    expect(page.text).toContain('--duly-color-primary: #0a5fff;');
    expect(page.text).toContain(
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
    );
    expect(page.text).toContain(`<duly-hosted-pay token="${link.token}" api="${PUBLIC_URL}"`);
    expect(page.text).toContain('<script type="module" src="/duly.js"></script>');
    // The only script element loads duly.js: nothing inline.
    expect(page.text.match(/<script/g)).toHaveLength(1);
    const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(
      page.headers.get('Content-Security-Policy') ?? '',
    )?.[1];
    expect(page.text).toContain(`<style nonce="${nonce}">`);
  });

  it('gives each page its own nonce', async () => {
    const { link } = await payLink();
    const first = await getPage(`/pay/${link.token}`);
    const second = await getPage(`/pay/${link.token}`);

    expect(first.headers.get('Content-Security-Policy')).not.toBe(
      second.headers.get('Content-Security-Policy'),
    );
  });

  it('counts no use when served', async () => {
    const { link } = await payLink({ max_uses: 1 });
    await getPage(`/pay/${link.token}`);
    await getPage(`/pay/${link.token}`);
    const read = await api.vendorCall<{ use_count: number }>(
      'GET',
      `/v1/pay_links/${link.id}`,
      undefined,
      200,
    );

    expect(read.use_count).toBe(0);
  });

  it('drops an unsafe colour and logo', async () => {
    const other = await ApiFixture.create(db, { publicUrl: PUBLIC_URL, vendorName: 'Odd Vendor' });
    await db
      .updateTable('vendor')
      .set({ logo_url: 'javascript:alert(1)', primary_color: 'red; } body { display: none' })
      .where('id', '=', other.vendor.id)
      .execute();
    const customer = await other.createCustomer();
    const invoice = await other.createInvoice(customer.id);
    const link = await other.vendorCall<{ token: string }>(
      'POST',
      '/v1/pay_links',
      { invoice: invoice.id },
      201,
    );
    const response = await other.app.request(`/pay/${link.token}`);
    const text = await response.text();

    expect(text).not.toContain('javascript:');
    expect(text).not.toContain('display: none');
    expect(text).not.toContain('<img');
    expect(directives(response.headers.get('Content-Security-Policy')).get('img-src')).toEqual([
      "'self'",
    ]);
  });

  it('shows why a link cannot be used', async () => {
    const unknown = await getPage('/pay/plt_doesNotExist');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('data-problem="pay_link_invalid"');
    expect(unknown.text).toContain('This payment link is not valid');
    expect(unknown.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");

    const { link: revoked } = await payLink();
    await api.vendorCall('POST', `/v1/pay_links/${revoked.id}/revoke`, undefined, 200);
    const revokedPage = await getPage(`/pay/${revoked.token}`);
    expect(revokedPage.status).toBe(410);
    expect(revokedPage.text).toContain('data-problem="pay_link_revoked"');
    expect(revokedPage.text).toContain('Acme &lt;Supply&gt;');

    const { link: usedUp } = await payLink({ max_uses: 1 });
    await api.request('POST', '/v1/pay_links/exchange', { body: { token: usedUp.token } });
    const usedUpPage = await getPage(`/pay/${usedUp.token}`);
    expect(usedUpPage.status).toBe(410);
    expect(usedUpPage.text).toContain('data-problem="pay_link_used_up"');

    const { link: expiring } = await payLink({ expires_in: 60 });
    api.clock.advance(60_000);
    try {
      const expiredPage = await getPage(`/pay/${expiring.token}`);
      expect(expiredPage.status).toBe(410);
      expect(expiredPage.text).toContain('data-problem="pay_link_expired"');
    } finally {
      api.clock.advance(-60_000);
    }
  });

  it('speaks the customer language', async () => {
    const customer = await api.createCustomer({ locale: 'es-MX' });
    const invoice = await api.createInvoice(customer.id);
    const link = await api.vendorCall<{ id: string; token: string }>(
      'POST',
      '/v1/pay_links',
      { invoice: invoice.id },
      201,
    );
    await api.vendorCall('POST', `/v1/pay_links/${link.id}/revoke`, undefined, 200);
    const page = await getPage(`/pay/${link.token}`);

    expect(page.text).toContain('<html lang="es">');
    expect(page.text).toContain('Este enlace de pago fue cancelado');
  });
});

describe('hosted portal page', () => {
  it('serves the portal for a session', async () => {
    const customer = await api.createCustomer();
    const token = await api.createSession(customer.id);
    const page = await getPage(`/portal/${token}`);

    expect(page.status).toBe(200);
    expect(page.text).toContain(
      `<duly-portal session="${token}" api="${PUBLIC_URL}"></duly-portal>`,
    );
    expect(page.text).toContain('<body class="wide">');
    const policy = directives(page.headers.get('Content-Security-Policy'));
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual([
      'https://billing.example.com',
      'http://127.0.0.1:4542',
    ]);
  });

  it('rejects unknown and expired sessions', async () => {
    const unknown = await getPage('/portal/pst_doesNotExist');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('data-problem="portal_link_invalid"');

    const customer = await api.createCustomer();
    const token = await api.createSession(customer.id, { expires_in: 60 });
    api.clock.advance(60_000);
    try {
      const expired = await getPage(`/portal/${token}`);
      expect(expired.status).toBe(410);
      expect(expired.text).toContain('data-problem="portal_link_expired"');
    } finally {
      api.clock.advance(-60_000);
    }
  });

  it('lets the hosted page call the portal API', async () => {
    const customer = await api.createCustomer();
    const token = await api.createSession(customer.id);
    const own = await api.request('GET', '/v1/portal/session', {
      auth: token,
      headers: { Origin: PUBLIC_URL },
    });
    expect(own.status).toBe(200);
    const stranger = await api.request<{ code: string }>('GET', '/v1/portal/session', {
      auth: token,
      headers: { Origin: 'https://elsewhere.example.net' },
    });
    expect(stranger.status).toBe(403);
    expect(stranger.body.code).toBe('origin_not_allowed');
  });
});

describe('hosted page stylesheet', () => {
  it('serves the stylesheet as CSS', async () => {
    const sheet = await getPage('/hosted/hosted-page.css');

    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(sheet.text).toContain('var(--duly-color-primary');
  });

  it('serves an icon for vendors without a logo', async () => {
    const icon = await getPage('/hosted/favicon.svg');

    expect(icon.status).toBe(200);
    expect(icon.headers.get('Content-Type')).toBe('image/svg+xml');
    expect(icon.text).toMatch(/^<svg /);
  });
});
