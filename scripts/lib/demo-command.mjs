import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BRAND } from '../../examples/script-tag/brand.mjs';
import { seedSubscriptions } from './demo-subscriptions.mjs';
import { ensureWebhookEndpoint } from './demo-webhooks.mjs';
import { startMailCatcher } from './mail-catcher.mjs';
import { findLedgerFile, repoRoot } from './paths.mjs';
import { run, runQuietly } from './processes.mjs';
import { installAndBuild, resolvePnpm } from './workspace.mjs';

const DEFAULT_API_PORT = 4400;
const DEFAULT_SITE_PORT = 4410;
const DEFAULT_MAIL_PORT = 4425;
/** The ledger is imported as of this date, then shifted so that it becomes today. */
const LEDGER_AS_OF = '2013-11-30';

const CLI = path.join(repoRoot, 'apps', 'api', 'dist', 'cli', 'main.js');
const API_MAIN = path.join(repoRoot, 'apps', 'api', 'dist', 'main.js');
const SITE_MAIN = path.join(repoRoot, 'examples', 'script-tag', 'server.mjs');
/** Built by `installAndBuild`, so it is imported only after that. */
const SERVER_SDK = path.join(repoRoot, 'packages', 'sdk', 'dist', 'server', 'index.js');
/** The example site's path for webhooks: WEBHOOK_PATH of examples/script-tag/site.mjs. */
const SITE_WEBHOOK_PATH = '/webhooks/duly';

/**
 * Installs and builds, then starts the API on the embedded PostgreSQL, creates the demo
 * vendor and imports the ledger (both only on the first run), starts the example site and
 * prints its address. Resolves with the exit code once everything it started has stopped.
 */
export async function runDemo() {
  const code = await installAndBuild(await resolvePnpm());
  if (code !== 0) return code;

  const dataDir = path.resolve(repoRoot, process.env.DULY_DATA_DIR ?? '.duly');
  const stateFile = path.join(dataDir, 'demo.json');
  const apiPort = Number(process.env.PORT ?? DEFAULT_API_PORT);
  const sitePort = Number(process.env.DULY_EXAMPLE_PORT ?? DEFAULT_SITE_PORT);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  // Browsers send the origin as typed, so the vendor allows the site under both names.
  const siteOrigins = [`http://localhost:${sitePort}`, `http://127.0.0.1:${sitePort}`];
  const siteOrigin = siteOrigins[0];
  for (const [name, port] of [
    ['PORT (the API)', apiPort],
    ['DULY_EXAMPLE_PORT (the example site)', sitePort],
  ]) {
    if (!(await isPortFree(port))) {
      console.error(
        `Port ${port} is in use. Stop what listens there, or set ${name} to another port.`,
      );
      return 1;
    }
  }

  // The demo always runs on the embedded PostgreSQL in the data folder, so it never
  // writes demo data into a server that DATABASE_URL points at.
  // The API logs every request at `info`; the demo shows warnings and errors unless the
  // caller sets LOG_LEVEL.
  const env = {
    ...process.env,
    PORT: String(apiPort),
    DULY_PUBLIC_URL: apiUrl,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // Seconds rather than days, so a returned bank debit shows while the widget is open.
    DULY_SANDBOX_ACH_DELAY_MS: process.env.DULY_SANDBOX_ACH_DELAY_MS ?? '15000',
  };
  delete env.DATABASE_URL;

  const children = new ChildProcesses();
  const stop = () => children.stopAll();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  try {
    console.log(`\nStarting the API on ${apiUrl} (embedded PostgreSQL in ${dataDir})`);
    const api = children.start('api', process.execPath, [API_MAIN], env);
    await waitForHealth(`${apiUrl}/health`, api);

    let state = await prepareDemoVendor({ stateFile, apiUrl, siteOrigins, env });
    const mailFolder = await catchDemoMail(apiUrl, state.secret_key, dataDir, children);
    const { createDulyServer } = await import(pathToFileURL(SERVER_SDK).href);
    const duly = createDulyServer({ secretKey: state.secret_key, api: apiUrl });

    // The API delivers to 127.0.0.1, which is where the site listens.
    const webhookUrl = `http://127.0.0.1:${sitePort}${SITE_WEBHOOK_PATH}`;
    const endpoint = await ensureWebhookEndpoint(duly, webhookUrl, state.webhook_endpoint);
    state = { ...state, webhook_endpoint: endpoint };
    writeState(stateFile, state);

    console.log(`\nStarting the example site on ${siteOrigin}`);
    const site = children.start('site', process.execPath, [SITE_MAIN], {
      ...env,
      PORT: String(sitePort),
      DULY_API_URL: apiUrl,
      DULY_SECRET_KEY: state.secret_key,
      DULY_WEBHOOK_SECRET: endpoint.secret,
    });
    await waitForHealth(`http://127.0.0.1:${sitePort}/health`, site);

    // After the site is up, so the events of the seeding reach its events page.
    if (state.subscriptions_seeded_at === undefined) {
      console.log('\nCreating plans and subscriptions');
      const seeded = await seedSubscriptions(duly);
      for (const { subscription, customerName } of seeded) {
        const note = subscription.cancel_at_period_end ? ', cancels at the period end' : '';
        console.log(`  ${customerName}: ${subscription.id}${note}`);
      }
      state = {
        ...state,
        subscriptions_seeded_at: new Date().toISOString(),
        subscription_customers: seeded.map(({ customerName }) => customerName),
      };
      writeState(stateFile, state);
    }

    console.log(`\nDuly demo is running. Open ${siteOrigin} in a browser.`);
    printWhereToLook({ state, siteOrigin, webhookUrl, apiUrl });
    console.log('Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined,');
    console.log('  4000 0025 0000 3155 asks for 3-D Secure.');
    console.log('Test bank accounts (routing 110000000): 000123456789 settles; 000222222227,');
    console.log(
      `  000111111113 and 000111111116 are returned R01, R02, R03 after ${Number(env.DULY_SANDBOX_ACH_DELAY_MS) / 1000} s.`,
    );
    if (mailFolder !== undefined) {
      console.log(
        `Emails to customers (receipts, invoices, reminders) are saved in ${mailFolder}.`,
      );
    }
    console.log('Press Ctrl-C to stop.');
  } catch (error) {
    // A Ctrl-C during start-up ends the children, which makes the step in progress fail.
    if (children.stopping) return 130;
    console.error(`\n${error instanceof Error ? error.message : String(error)}`);
    await children.stopAll();
    return 1;
  }

  const exitCode = await children.waitForAll();
  console.log('\nThe demo stopped.');
  return exitCode;
}

/** Prints where the demo shows subscriptions, webhooks and the hosted pages. */
function printWhereToLook({ state, siteOrigin, webhookUrl, apiUrl }) {
  const [first, ...others] = state.subscription_customers ?? [];
  if (first !== undefined) {
    console.log(`Subscriptions tab: ${first}, the customer the site opens first, is mid-way`);
    console.log(
      '  through a monthly period, so Change plan previews a proration; pausing is allowed.',
    );
    if (others.length > 0) {
      console.log(
        `  Also subscribed: ${others.join(', ')} (the first of them cancels at the period end).`,
      );
    }
  }
  console.log(`Webhook events the site received: ${siteOrigin}/events (endpoint ${webhookUrl}).`);
  console.log('Hosted pages: the billing page links "Open as a hosted page" (the portal at');
  console.log(
    `  ${apiUrl}/portal/...) and a "Pay link" for the first open invoice (${apiUrl}/pay/...).`,
  );
}

/**
 * Returns the demo vendor from the state file when its key still works and it allows the
 * site's origins, else creates a new one. Imports the ledger once per vendor.
 */
async function prepareDemoVendor({ stateFile, apiUrl, siteOrigins, env }) {
  let state = readState(stateFile);
  const sameOrigins = state?.site_origins?.join(' ') === siteOrigins.join(' ');
  if (state && (!sameOrigins || !(await keyWorks(apiUrl, state.secret_key)))) {
    console.log('The vendor in demo.json no longer fits this database or site; creating another.');
    state = undefined;
  }

  if (state === undefined) {
    const originOptions = siteOrigins.flatMap((origin) => ['--allowed-origin', origin]);
    const output = await runQuietly(
      process.execPath,
      [
        CLI,
        'vendor',
        'create',
        '--name',
        BRAND.name,
        '--email',
        BRAND.email,
        ...BRAND.address.flatMap((line) => ['--address-line', line]),
        ...originOptions,
      ],
      { cwd: repoRoot, env },
    );
    const vendor = JSON.parse(output);
    state = { vendor_id: vendor.id, secret_key: vendor.secret_key, site_origins: siteOrigins };
    writeState(stateFile, state);
    console.log(`Created the demo vendor ${vendor.id} (${BRAND.name}).`);
  } else {
    console.log(`Using the demo vendor ${state.vendor_id} from ${stateFile}.`);
  }

  if (state.ledger_imported_at === undefined) {
    const ledgerFile = findLedgerFile();
    console.log(`\nImporting ${ledgerFile} as of ${LEDGER_AS_OF}, shifted to today`);
    const args = [
      CLI,
      'import-ledger',
      ledgerFile,
      '--vendor',
      state.vendor_id,
      '--as-of',
      LEDGER_AS_OF,
      '--shift-to-today',
    ];
    const { code } = await run(process.execPath, args, { cwd: repoRoot, env });
    if (code !== 0) throw new Error(`The ledger import failed (exit code ${code}).`);
    state = { ...state, ledger_imported_at: new Date().toISOString() };
    writeState(stateFile, state);
  }
  return state;
}

/**
 * Starts a local mail catcher and points the demo vendor's email settings at it, with
 * every kind of email on. Returns the folder the mail goes to, or undefined when the
 * catcher could not start: the demo then runs without email.
 */
async function catchDemoMail(apiUrl, secretKey, dataDir, children) {
  const port = Number(process.env.DULY_DEMO_MAIL_PORT ?? DEFAULT_MAIL_PORT);
  const folder = path.join(dataDir, 'mail');
  try {
    children.onStop(await startMailCatcher({ port, folder }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(
      `The mail catcher failed to start on port ${port} (${reason}); the demo sends no email. Set DULY_DEMO_MAIL_PORT to a free port.`,
    );
    return undefined;
  }
  const response = await fetch(`${apiUrl}/v1/email_settings`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      smtp_host: '127.0.0.1',
      smtp_port: port,
      from_address: BRAND.email,
      from_name: BRAND.name,
      send_receipts: true,
      send_invoices: true,
      send_reminders: true,
    }),
  });
  if (!response.ok) {
    throw new Error(
      `PATCH /v1/email_settings failed with status ${response.status}: ${await response.text()}`,
    );
  }
  return folder;
}

function readState(stateFile) {
  if (!existsSync(stateFile)) return undefined;
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch {
    return undefined;
  }
}

function writeState(stateFile, state) {
  mkdirSync(path.dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

async function keyWorks(apiUrl, secretKey) {
  const response = await fetch(`${apiUrl}/v1/invoices?limit=1`, {
    headers: { Authorization: `Bearer ${secretKey}` },
  });
  await response.body?.cancel();
  if (response.status === 401) return false;
  if (!response.ok) throw new Error(`GET /v1/invoices failed with status ${response.status}.`);
  return true;
}

/** Polls `url` until it responds with 200; rejects when `child` exits first or after 60 s. */
async function waitForHealth(url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${child.label} exited before it was ready (exit code ${child.exitCode}).`);
    }
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not respond within 60 s.`);
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * The demo's long-running children. Each runs in its own process group, so a Ctrl-C in
 * the terminal reaches only this script, which then stops them one by one: the site
 * first, then the API, which stops the embedded PostgreSQL it started.
 */
class ChildProcesses {
  #children = [];
  #onStop = [];
  #stopping = false;

  start(label, command, args, env) {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit', detached: true });
    child.label = label;
    child.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 0)));
    child.exited.then((code) => {
      if (this.#stopping) return;
      console.error(`\nThe ${label} stopped (exit code ${code}); stopping the demo.`);
      this.stopAll();
    });
    this.#children.push(child);
    return child;
  }

  /** Adds a function that `stopAll` calls after the children have exited. */
  onStop(stop) {
    this.#onStop.push(stop);
  }

  get stopping() {
    return this.#stopping;
  }

  async stopAll() {
    if (this.#stopping) return;
    this.#stopping = true;
    for (const child of [...this.#children].reverse()) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await child.exited;
    }
    for (const stop of this.#onStop) await stop();
  }

  /** Resolves when every child has exited: 0 after Ctrl-C, else the first failure's code. */
  async waitForAll() {
    const codes = await Promise.all(this.#children.map((child) => child.exited));
    return codes.find((code) => code !== 0 && code !== null) ?? 0;
  }
}
