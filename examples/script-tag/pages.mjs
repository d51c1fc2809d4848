import { BRAND } from './brand.mjs';
import { label } from './customer-directory.mjs';

/**
 * Renders the billing page of the vendor's site: its own header and navigation, the demo's
 * customer picker, and the Duly portal for the chosen customer, loaded by script tag.
 */
export function billingPage({ apiUrl, session, customers, current, links }) {
  const portal = `
    <duly-portal id="portal" session="${escapeHtml(session.token)}" api="${escapeHtml(apiUrl)}"
      data-customer="${escapeHtml(current.customer.id)}"
      data-features="${escapeHtml(session.features.join(','))}"></duly-portal>
    <script type="module" src="${escapeHtml(apiUrl)}/duly.js"></script>
    <script type="module">${PORTAL_HOOKS}</script>`;
  return layout({
    title: 'Billing',
    customers,
    current,
    main: `
      <nav class="crumbs" aria-label="Breadcrumb"><a href="#">Account</a> / Billing</nav>
      <div class="heading">
        <h1>Billing &amp; payments</h1>
        <p>Review your invoices and pay open balances by card or bank account. Card payments post to your account at once; bank payments take a few days.</p>
      </div>
      <div id="notice" class="notice" role="status" hidden></div>
      <div class="columns">
        <section class="card portal-card" aria-label="Invoices and payments">${portal}</section>
        ${sidebar(current, links)}
      </div>`,
  });
}

/**
 * Renders the demo's list of the webhook events the site received from Duly, newest first.
 * `entries` are `{ event, receivedAt }`; `rejected` counts deliveries whose signature failed.
 */
export function eventsPage({ entries, rejected, configured }) {
  const rows = entries
    .map(({ event, receivedAt }) => {
      const objectId = eventObjectId(event);
      return `
          <tr>
            <td><time datetime="${escapeHtml(receivedAt.toISOString())}">${escapeHtml(formatTime(receivedAt))}</time></td>
            <td><code>${escapeHtml(event.type)}</code></td>
            <td>${typeof objectId === 'string' ? `<code>${escapeHtml(objectId)}</code>` : '—'}</td>
            <td><code>${escapeHtml(event.id)}</code></td>
          </tr>`;
    })
    .join('');
  const status = configured
    ? `Each delivery to <code>POST /webhooks/duly</code> is checked with <code>constructWebhookEvent</code> from <code>@duly/sdk/server</code>; ${rejected === 1 ? '1 delivery was' : `${rejected} deliveries were`} refused for a bad signature.`
    : 'The site has no webhook signing secret (<code>DULY_WEBHOOK_SECRET</code>), so it refuses every delivery.';
  const table =
    entries.length === 0
      ? '<p class="empty">No events yet. Pay an invoice or change a subscription, then reload this page.</p>'
      : `
        <div class="table-scroll">
          <table class="events">
            <thead><tr><th scope="col">Received</th><th scope="col">Type</th><th scope="col">Object</th><th scope="col">Event</th></tr></thead>
            <tbody>${rows}</tbody>
          </table>
        </div>`;
  return layout({
    title: 'Webhook events',
    customers: [],
    main: `
      <nav class="crumbs" aria-label="Breadcrumb"><a href="/">Billing</a> / Webhook events</nav>
      <div class="heading">
        <h1>Webhook events</h1>
        <p>The events Duly sent to this site's backend, newest first (the latest 100, kept in memory). <a href="/events">Reload</a></p>
      </div>
      <section class="card">
        <p class="events-status">${status}</p>
        ${table}
      </section>`,
  });
}

/** Renders the page shown when the site cannot show the portal, with what to do about it. */
export function problemPage({ title, detail, customers = [], current }) {
  return layout({
    title,
    customers,
    current,
    main: `
      <div class="heading"><h1>Billing &amp; payments</h1></div>
      <section class="card problem" role="alert">
        <h2>${escapeHtml(title)}</h2>
        <p>${escapeHtml(detail)}</p>
      </section>`,
  });
}

// Runs in the browser. The widget requests a new session through `fetchSession` when the
// old one expires. The vendor's backend mints it, so the secret key never leaves the server.
const PORTAL_HOOKS = `
const portal = document.getElementById('portal');
const notice = document.getElementById('notice');
portal.fetchSession = async () => {
  const response = await fetch('/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      customer: portal.dataset.customer,
      features: portal.dataset.features.split(',').filter(Boolean),
    }),
  });
  if (!response.ok) throw new Error('The billing session could not be renewed (' + response.status + ').');
  return (await response.json()).token;
};
portal.addEventListener('duly-payment-succeeded', () => {
  notice.textContent = 'Thank you: your payment was received.';
  notice.hidden = false;
});
`;

function layout({ title, customers, current, main }) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} · ${escapeHtml(BRAND.name)}</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <style>${STYLES}</style>
</head>
<body>
  ${demoBar(customers, current)}
  <header class="site-header">
    <div class="wrap header-row">
      <a class="logo" href="/">${LOGO_SVG}<span>${escapeHtml(BRAND.name)}</span></a>
      <nav class="main-nav" aria-label="Main">
        <a href="#">Shop</a><a href="#">Orders</a><a href="/" aria-current="page">Billing</a><a href="#">Support</a>
      </nav>
      ${current ? `<div class="account">${escapeHtml(current.customer.name)}</div>` : ''}
    </div>
  </header>
  <main class="wrap">${main}</main>
  <footer class="site-footer">
    <div class="wrap">${escapeHtml(BRAND.name)} · ${escapeHtml(BRAND.tagline)}</div>
  </footer>
</body>
</html>
`;
}

function demoBar(customers, current) {
  if (customers.length === 0) return '';
  const options = customers
    .map(({ customer, open, overdue }) => {
      const selected = customer.id === current?.customer.id ? ' selected' : '';
      const counts = `${open} open${overdue > 0 ? `, ${overdue} overdue` : ''}`;
      return `<option value="${escapeHtml(customer.id)}"${selected}>${escapeHtml(label(customer))}: ${counts}</option>`;
    })
    .join('');
  return `
  <form class="demo-bar" method="get" action="/">
    <div class="wrap demo-row">
      <strong>Demo</strong>
      <label for="customer-picker">Signed in as</label>
      <select id="customer-picker" name="customer">${options}</select>
      <button type="submit">Switch customer</button>
      <span class="demo-hint">A real site takes the customer from its own login.</span>
      <a class="demo-link" href="/events">Webhook events</a>
    </div>
  </form>`;
}

function sidebar(current, links) {
  const { customer } = current;
  return `
    <aside class="side">
      ${links ? hostedLinks(links) : ''}
      <section class="card">
        <h2>Your account</h2>
        <dl>
          <dt>Company</dt><dd>${escapeHtml(customer.name)}</dd>
          ${customer.external_id ? `<dt>Account number</dt><dd>${escapeHtml(customer.external_id)}</dd>` : ''}
          ${customer.email ? `<dt>Billing email</dt><dd>${escapeHtml(customer.email)}</dd>` : ''}
        </dl>
      </section>
      <section class="card">
        <h2>Questions about an invoice?</h2>
        <p>Our accounts team answers Monday to Friday, 8 am to 6 pm.</p>
        <p><a href="tel:${escapeHtml(BRAND.phone)}">${escapeHtml(BRAND.phone)}</a><br>
        <a href="mailto:${escapeHtml(BRAND.email)}">${escapeHtml(BRAND.email)}</a></p>
      </section>
    </aside>`;
}

/** Renders the demo's links to the pages Duly hosts, for vendors that link out instead of embedding. */
function hostedLinks({ portalUrl, firstOpen }) {
  const payLink = firstOpen
    ? `<li><a href="${escapeHtml(firstOpen.payLink.url)}" target="_blank" rel="noopener">Pay link</a>
          for invoice ${escapeHtml(firstOpen.invoice.number)}, ${escapeHtml(formatAmount(firstOpen.invoice.amount_payable, firstOpen.invoice.currency))}
          <span class="demo-note">expires ${escapeHtml(firstOpen.payLink.expires_at.slice(0, 10))}</span></li>`
    : '<li>No open invoice, so no pay link.</li>';
  return `
      <section class="card demo-card" aria-labelledby="hosted-heading">
        <h2 id="hosted-heading">Demo: hosted pages</h2>
        <p>What a vendor sends customers who are not signed in, such as in an email.</p>
        <ul>
          <li><a href="${escapeHtml(portalUrl)}" target="_blank" rel="noopener">Open as a hosted page</a>
            <span class="demo-note">this portal, served by Duly</span></li>
          ${payLink}
        </ul>
        <p><a href="/events">Webhook events</a> this site received</p>
      </section>`;
}

/** Formats minor units in the currency's own number of decimals, as the widget does. */
function formatAmount(minor, currency) {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/**
 * Returns the id of the object an event is about. Most events carry the object itself; a few
 * carry only the facts of a change, such as `invoice.paid` with its `invoice` and `payment`.
 */
function eventObjectId(event) {
  const object = event.data?.object ?? {};
  return [object.id, object.invoice, object.subscription, object.payment, object.customer].find(
    (value) => typeof value === 'string',
  );
}

function formatTime(date) {
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

/** Escapes text for HTML content and double-quoted attributes. */
function escapeHtml(value) {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The vendor's logo mark, also served as the site's icon. */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
  <rect width="32" height="32" rx="7" fill="#0f4c5c"/>
  <path d="M8 22V10h3v5h10v-5h3v12h-3v-4.5H11V22z" fill="#f4d35e"/>
</svg>`;

const STYLES = `
:root {
  --ink: #1c2530; --muted: #5b6675; --line: #dde3ea; --paper: #f5f7f9;
  --brand: #0f4c5c; --accent: #f4d35e;
  --duly-color-primary: #0f4c5c; --duly-radius: 8px;
  color-scheme: light;
}
* { box-sizing: border-box; }
body {
  margin: 0; color: var(--ink); background: var(--paper);
  min-height: 100vh; display: flex; flex-direction: column;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
a { color: var(--brand); }
.wrap { max-width: 1120px; margin: 0 auto; padding: 0 20px; }
.demo-bar { background: #fff8d6; border-bottom: 1px solid #eadb8a; font-size: 13px; }
.demo-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 8px 20px; }
.demo-bar select { max-width: 100%; padding: 4px 6px; font: inherit; }
.demo-bar button { padding: 4px 10px; font: inherit; cursor: pointer; }
.demo-hint { color: #6b5d12; }
.site-header { background: var(--brand); color: #fff; }
.header-row { display: flex; align-items: center; gap: 32px; min-height: 64px; flex-wrap: wrap; }
.logo { display: flex; align-items: center; gap: 10px; color: #fff; text-decoration: none;
  font-weight: 700; font-size: 18px; letter-spacing: .2px; }
.logo svg rect { fill: #0a3642; }
.main-nav { display: flex; gap: 4px; flex: 1; }
.main-nav a { color: #d8e6ea; text-decoration: none; padding: 8px 12px; border-radius: 6px; }
.main-nav a:hover { background: rgba(255,255,255,.08); color: #fff; }
.main-nav a[aria-current="page"] { color: #fff; box-shadow: inset 0 -3px 0 var(--accent); border-radius: 0; }
.account { font-size: 14px; color: #d8e6ea; }
main.wrap { padding-top: 16px; padding-bottom: 48px; flex: 1; width: 100%; }
.crumbs { font-size: 13px; color: var(--muted); }
.crumbs a { color: var(--muted); }
.heading h1 { margin: 6px 0 4px; font-size: 26px; }
.heading p { margin: 0 0 20px; color: var(--muted); }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) 280px; gap: 20px; align-items: start; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 20px; }
.portal-card { padding: 8px; min-height: 320px; }
.side { display: grid; gap: 20px; }
.side h2 { font-size: 15px; margin: 0 0 10px; }
.side p { margin: 0 0 8px; color: var(--muted); font-size: 14px; }
dl { margin: 0; font-size: 14px; }
dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
dd { margin: 2px 0 12px; overflow-wrap: anywhere; }
dd:last-child { margin-bottom: 0; }
.notice { background: #e6f4ea; border: 1px solid #a8d5b5; color: #1d5b2f; padding: 12px 16px;
  border-radius: 8px; margin-bottom: 16px; }
.problem h2 { margin-top: 0; }
.demo-link { margin-left: auto; color: #6b5d12; }
.demo-card { background: #fffbe8; border-color: #eadb8a; }
.demo-card ul { margin: 0 0 10px; padding-left: 18px; font-size: 14px; }
.demo-card li { margin-bottom: 6px; overflow-wrap: anywhere; }
.demo-note { display: block; color: var(--muted); font-size: 12px; }
.events-status { margin-top: 0; color: var(--muted); font-size: 14px; }
.empty { color: var(--muted); }
.table-scroll { overflow-x: auto; }
table.events { width: 100%; border-collapse: collapse; font-size: 14px; }
.events th, .events td { text-align: left; padding: 8px 10px 8px 0; border-bottom: 1px solid var(--line);
  vertical-align: top; }
.events th { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.events td { overflow-wrap: anywhere; }
@media (max-width: 520px) {
  .events thead { display: none; }
  .events tr { display: block; padding: 8px 0; border-bottom: 1px solid var(--line); }
  .events td { display: block; border: 0; padding: 2px 0; }
}
.site-footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; padding: 20px 0; }
@media (max-width: 860px) {
  .columns { grid-template-columns: 1fr; }
  .header-row { gap: 12px; padding-top: 8px; padding-bottom: 8px; }
}
`;
