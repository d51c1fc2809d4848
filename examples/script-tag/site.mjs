import { createDulyServer } from '@duly/sdk/server';
import { createCustomerDirectory, pickDefault } from './customer-directory.mjs';
import { createHostedLinks } from './hosted-links.mjs';
import { billingPage, eventsPage, LOGO_SVG, problemPage } from './pages.mjs';
import { createWebhookInbox } from './webhook-inbox.mjs';

const MAX_BODY_BYTES = 10_000;

/** The path Duly's webhook deliveries are posted to. */
export const WEBHOOK_PATH = '/webhooks/duly';

/**
 * Creates the request handler of the example vendor site. `apiUrl` is the Duly API that
 * both this backend and the customer's browser reach, and `secretKey` is the vendor's key.
 * `webhookSecret` is the signing secret of the webhook endpoint that points at
 * `WEBHOOK_PATH`. Without it, the site rejects every delivery.
 *
 * @param {{ apiUrl: string, secretKey: string, webhookSecret?: string }} options
 */
export function createSite({ apiUrl, secretKey, webhookSecret }) {
  const duly = createDulyServer({ secretKey, api: apiUrl });
  const directory = createCustomerDirectory(duly);
  const hosted = createHostedLinks({ duly, apiUrl });
  const inbox = createWebhookInbox({ secret: webhookSecret });

  async function showBillingPage(url, response) {
    const customers = await directory.list();
    const requested = url.searchParams.get('customer');
    const current = requested
      ? await findCustomer(duly, customers, requested)
      : pickDefault(customers);
    if (current === undefined) {
      const detail = requested
        ? `There is no customer ${requested}. Pick one from the list above.`
        : 'No customer has an open invoice yet. Import a ledger or create invoices, then reload.';
      return send(
        response,
        404,
        'text/html',
        problemPage({ title: 'No customer', detail, customers }),
      );
    }

    // `?features=pay,statements` shows the portal of a vendor that offers only those
    // features. The API rejects unknown names.
    const features = parseFeatures(url.searchParams.get('features'));
    const session = await duly.portalSessions.create({ customer: current.customer.id, features });
    const links = {
      portalUrl: hosted.portalUrl(session),
      firstOpen: await hosted.firstOpenInvoice(current.customer.id),
    };
    send(response, 200, 'text/html', billingPage({ apiUrl, session, customers, current, links }));
  }

  async function receiveWebhook(request, response) {
    const { status, body } = await inbox.receive(request);
    sendJson(response, status, body);
  }

  function showEvents(response) {
    send(
      response,
      200,
      'text/html',
      eventsPage({
        entries: inbox.recent(),
        rejected: inbox.rejected,
        configured: inbox.configured,
      }),
    );
  }

  // A real site takes the customer from its own login session. The demo takes the id
  // that the page sends, because its "login" is the customer picker.
  async function renewSession(request, response) {
    const body = await readJson(request);
    if (typeof body?.customer !== 'string') {
      return sendJson(response, 400, { error: 'Send {"customer": "cus_..."} as JSON.' });
    }
    const session = await duly.portalSessions.create({
      customer: body.customer,
      features: Array.isArray(body.features) ? body.features : undefined,
    });
    sendJson(response, 200, { token: session.token, expires_at: session.expires_at });
  }

  return async function handleRequest(request, response) {
    const url = new URL(request.url ?? '/', 'http://localhost');
    try {
      if (request.method === 'GET' && url.pathname === '/health') {
        return sendJson(response, 200, { status: 'ok' });
      }
      if (request.method === 'GET' && url.pathname === '/favicon.svg') {
        return send(response, 200, 'image/svg+xml', LOGO_SVG);
      }
      if (request.method === 'GET' && url.pathname === '/') {
        return await showBillingPage(url, response);
      }
      if (request.method === 'POST' && url.pathname === '/session') {
        return await renewSession(request, response);
      }
      if (request.method === 'POST' && url.pathname === WEBHOOK_PATH) {
        return await receiveWebhook(request, response);
      }
      if (request.method === 'GET' && url.pathname === '/events') {
        return showEvents(response);
      }
      send(response, 404, 'text/plain', 'Not found\n');
    } catch (error) {
      console.error(`${request.method} ${url.pathname} failed:`, error);
      const detail = describeFailure(error, apiUrl);
      // A request the API rejected as invalid (an unknown customer) keeps its status; any
      // other failure is the upstream API's, so it is a 502.
      const status = error?.status === 400 || error?.status === 404 ? error.status : 502;
      if (url.pathname === '/session' || url.pathname === WEBHOOK_PATH) {
        return sendJson(response, status, { error: detail });
      }
      send(response, status, 'text/html', problemPage({ title: 'Billing is unavailable', detail }));
    }
  };
}

function parseFeatures(list) {
  if (list === null) return undefined;
  return list.split(',').filter((feature) => feature !== '');
}

async function findCustomer(duly, customers, id) {
  const listed = customers.find((entry) => entry.customer.id === id);
  if (listed) return listed;
  try {
    // A customer that has paid everything is no longer in the picker's list.
    return { customer: await duly.customers.retrieve(id), open: 0, overdue: 0 };
  } catch (error) {
    if (error?.status === 404) return undefined;
    throw error;
  }
}

function describeFailure(error, apiUrl) {
  if (error?.name === 'DulyConnectionError') {
    return `The Duly API at ${apiUrl} could not be reached. Start it, or set DULY_API_URL.`;
  }
  if (error?.status === 401) {
    return 'The Duly API rejected the secret key. Set DULY_SECRET_KEY to a key of this vendor.';
  }
  if (error?.status === 400 || error?.status === 404) return error.message;
  return `The Duly API failed: ${error?.message ?? String(error)}`;
}

function send(response, status, type, body) {
  response.writeHead(status, {
    'Content-Type': `${type}; charset=utf-8`,
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function sendJson(response, status, value) {
  send(response, status, 'application/json', JSON.stringify(value));
}

async function readJson(request) {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > MAX_BODY_BYTES) return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
