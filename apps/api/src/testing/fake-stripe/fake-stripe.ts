import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import type { StripeSettings } from '../../config.js';
import { randomToken } from '../../ids.js';
import { type DisputeStatus, openDispute, updateDispute } from './disputes.js';
import { type FormParams, parseFormParams } from './form-params.js';
import { clearDebit, finishNextAction, returnDebit } from './payment-intents.js';
import { createPaymentMethod, resolvePaymentMethod } from './payment-methods.js';
import { settleRefund } from './refunds.js';
import { matchRoute } from './router.js';
import { confirmSetupIntent } from './setup-intents.js';
import { FakeStripeError, FakeStripeStore, type StripeObject, stripeId } from './store.js';
import { type BankOutcome, findTestBankAccount, findTestCard } from './test-instruments.js';
import { type DeliveryOptions, deliverEvent, type WebhookTarget } from './webhook-delivery.js';

/** One API request the fake received, for tests that check what the API sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  params: FormParams;
  idempotencyKey: string | undefined;
  status: number;
}

export interface FakeStripeOptions {
  /** The keys the fake accepts and signs with; random test-mode keys when left out. */
  secretKey?: string;
  publishableKey?: string;
  webhookSecret?: string;
}

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
}

/**
 * A local stand-in for Stripe's API, for tests: an HTTP server on 127.0.0.1 that the
 * official `stripe` SDK talks to (through `settings.apiUrl`), serving the endpoints Duly
 * uses with Stripe's request and response shapes and Stripe's test-card behaviour. It also
 * plays the parts that happen away from the API: the browser (Stripe.js), the bank and the
 * card network, and Stripe's webhook sender. Events are recorded, not sent, until a test
 * delivers them (twice or out of order if it likes) or calls `deliverTo`.
 */
export class FakeStripe {
  readonly requests: RecordedRequest[] = [];
  readonly settings: StripeSettings;
  readonly #server: http.Server;
  readonly #store: FakeStripeStore;
  readonly #idempotent = new Map<string, StoredResponse>();
  #autoTarget: WebhookTarget | undefined;
  #dropResponses = 0;
  #deliveries: Promise<void> = Promise.resolve();
  readonly #deliveryErrors: unknown[] = [];

  private constructor(server: http.Server, url: string, options: FakeStripeOptions) {
    this.#server = server;
    this.#store = new FakeStripeStore(url);
    this.settings = {
      secretKey: options.secretKey ?? `sk_test_${randomToken(24)}`,
      publishableKey: options.publishableKey ?? `pk_test_${randomToken(24)}`,
      webhookSecret: options.webhookSecret ?? `whsec_${randomToken(32)}`,
      apiUrl: url,
    };
    this.#store.onEvent((event) => this.#autoDeliver(event));
  }

  /** Starts the fake on a free port of 127.0.0.1. */
  static async start(options: FakeStripeOptions = {}): Promise<FakeStripe> {
    let fake: FakeStripe | undefined;
    const server = http.createServer((request, response) => {
      fake?.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeStripe(server, `http://127.0.0.1:${port}`, options);
    return fake;
  }

  get url(): string {
    return this.settings.apiUrl as string;
  }

  /** Every event so far, oldest first. */
  get events(): readonly Stripe.Event[] {
    return this.#store.events;
  }

  /** Returns the newest event of `type` about `objectId` (about any object when left out). */
  lastEvent(type: string, objectId?: string): Stripe.Event {
    const events = this.#store.events.filter(
      (event) =>
        event.type === type &&
        (objectId === undefined || (event.data.object as { id: string }).id === objectId),
    );
    const event = events.at(-1);
    if (event === undefined) {
      throw new Error(`The fake sent no ${type} event${objectId ? ` about ${objectId}` : ''}.`);
    }
    return event;
  }

  /** Returns a copy of a stored object (`pi_`, `ch_`, `re_`, `du_`, `seti_`, `cus_`, `pm_`). */
  object(id: string): StripeObject {
    const store = this.#store;
    const maps = [
      store.paymentIntents,
      store.charges,
      store.refunds,
      store.disputes,
      store.setupIntents,
      store.customers,
      store.paymentMethods,
      store.bankAccounts,
      store.mandates,
    ];
    for (const map of maps) {
      const found = map.get(id);
      if (found !== undefined) return structuredClone(found);
    }
    throw new Error(`No object ${id} found in the fake.`);
  }

  /** Returns copies of the PaymentIntents in the fake, oldest first. */
  paymentIntents(): StripeObject[] {
    return [...this.#store.paymentIntents.values()].map((intent) => structuredClone(intent));
  }

  // --- What Stripe.js does in the browser ---

  /**
   * Makes a PaymentMethod, as `stripe.createPaymentMethod` does from the Payment Element:
   * from a test card number (`4242 4242 4242 4242`), a test token (`pm_card_visa`) or a
   * test bank account number (`000123456789`).
   */
  createPaymentMethod(numberOrToken: string): string {
    if (numberOrToken.startsWith('pm_')) {
      return resolvePaymentMethod(this.#store, numberOrToken).id;
    }
    if (findTestBankAccount(numberOrToken) !== undefined) {
      const params = {
        type: 'us_bank_account',
        us_bank_account: { routing_number: '110000000', account_number: numberOrToken },
      };
      return createPaymentMethod(this.#store, params).id;
    }
    if (findTestCard(numberOrToken) === undefined) {
      throw new Error(`${numberOrToken} is not one of Stripe's test cards.`);
    }
    return createPaymentMethod(this.#store, { type: 'card', card: { number: numberOrToken } }).id;
  }

  /** Confirms a SetupIntent with a card, as `stripe.confirmSetup` does. */
  confirmSetupIntent(setupIntentId: string, paymentMethod: string): StripeObject {
    return structuredClone(
      confirmSetupIntent(this.#store, setupIntentId, { payment_method: paymentMethod }),
    );
  }

  /** Completes (or fails) the 3-D Secure challenge of a PaymentIntent, as the customer does. */
  finishNextAction(paymentIntentId: string, result: 'succeeded' | 'failed' = 'succeeded') {
    return this.#capture(() => finishNextAction(this.#store, paymentIntentId, result));
  }

  // --- What the bank and the card network do ---

  /**
   * Makes a bank account token (`btok_...`) such as Plaid's processor call returns, for one
   * of Stripe's test account numbers. Debits of the account end as that test account's do.
   */
  createBankAccountToken(
    accountNumber = '000123456789',
    holder: { name?: string; type?: 'individual' | 'company'; bankName?: string } = {},
  ): string {
    const account = findTestBankAccount(accountNumber);
    if (account === undefined) throw new Error(`${accountNumber} is not a Stripe test account.`);
    const token = stripeId('btok');
    this.#store.bankAccountTokens.set(token, {
      accountNumber,
      routingNumber: account.routingNumber,
      accountHolderName: holder.name ?? 'Jenny Rosen',
      accountHolderType: holder.type ?? 'individual',
      bankName: holder.bankName ?? 'STRIPE TEST BANK',
      outcome: account.outcome,
      used: false,
    });
    return token;
  }

  /** Settles a pending debit as its test account does, or as `outcome` sets. */
  clearDebit(paymentIntentId: string, outcome?: BankOutcome) {
    return this.#capture(() => clearDebit(this.#store, paymentIntentId, outcome));
  }

  /** Returns a debit that had succeeded, with Stripe's failure code, as the bank does. */
  returnDebit(paymentIntentId: string, failureCode: string = 'insufficient_funds') {
    return this.#capture(() => returnDebit(this.#store, paymentIntentId, failureCode));
  }

  /** Opens a dispute on a card payment; the first event is `charge.dispute.created`. */
  openDispute(paymentIntentId: string, options: { amount?: number; reason?: string } = {}) {
    return this.#capture(() => openDispute(this.#store, paymentIntentId, options));
  }

  /** Moves a dispute on, such as to `won` or `lost`. */
  updateDispute(disputeId: string, status: DisputeStatus) {
    return this.#capture(() => updateDispute(this.#store, disputeId, status));
  }

  /** Settles a pending (bank) refund. */
  settleRefund(refundId: string, result: 'succeeded' | 'failed' = 'succeeded') {
    return this.#capture(() => settleRefund(this.#store, refundId, result));
  }

  /**
   * Makes the next `count` requests run but lose their responses: the connection closes
   * before any reply, as when a network fails after Stripe acted. The SDK retries a closed
   * connection once with the same idempotency key, so `count` 2 makes a call fail.
   */
  dropResponses(count: number): void {
    this.#dropResponses += count;
  }

  // --- Stripe's webhook sender ---

  /** Signs and sends one event to `target`, returning the API's response. */
  deliver(event: Stripe.Event, target: WebhookTarget, options?: DeliveryOptions) {
    return deliverEvent(event, target, this.settings.webhookSecret, options);
  }

  /**
   * Sends every event from now on to `target`, one at a time in order, as Stripe would.
   * `flush()` waits for those sent so far and throws if any got a status other than 2xx.
   */
  deliverTo(target: WebhookTarget | undefined): void {
    this.#autoTarget = target;
  }

  async flush(): Promise<void> {
    await this.#deliveries;
    const errors = this.#deliveryErrors.splice(0);
    if (errors.length > 0) {
      throw new AggregateError(errors, `${errors.length} webhook deliveries failed.`);
    }
  }

  async close(): Promise<void> {
    await this.#deliveries;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.#server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  #autoDeliver(event: Stripe.Event): void {
    const target = this.#autoTarget;
    if (target === undefined) return;
    this.#deliveries = this.#deliveries.then(async () => {
      try {
        const response = await this.deliver(event, target);
        if (!response.ok) {
          throw new Error(`${event.type} ${event.id}: ${response.status} ${await response.text()}`);
        }
      } catch (error) {
        this.#deliveryErrors.push(error);
      }
    });
  }

  /** Runs a state change and returns the events it sent, oldest first. */
  #capture(change: () => unknown): Stripe.Event[] {
    const before = this.#store.events.length;
    change();
    return this.#store.events.slice(before);
  }

  /** Handles one HTTP request. Public for the server callback only. */
  async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', this.url);
    const method = request.method ?? 'GET';
    const idempotencyKey = header(request, 'idempotency-key');
    const answer = this.#answer(
      method,
      url,
      body,
      header(request, 'authorization'),
      idempotencyKey,
    );
    this.requests.push({
      method,
      path: url.pathname,
      params: method === 'POST' ? parseFormParams(body) : parseFormParams(url.search.slice(1)),
      idempotencyKey,
      status: answer.status,
    });
    if (this.#dropResponses > 0) {
      this.#dropResponses -= 1;
      request.socket.destroy();
      return;
    }
    response.writeHead(answer.status, {
      'Content-Type': 'application/json',
      'Request-Id': `req_${randomToken(14)}`,
      ...(answer.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
    });
    response.end(answer.body);
  }

  #answer(
    method: string,
    url: URL,
    body: string,
    authorization: string | undefined,
    idempotencyKey: string | undefined,
  ): { status: number; body: string; replayed?: boolean } {
    const matched = matchRoute(method, url.pathname);
    if (matched === undefined) {
      return errorAnswer(
        new FakeStripeError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${url.pathname}).`,
        }),
      );
    }
    const key = authorization?.replace(/^Bearer /, '');
    const allowed =
      key === this.settings.secretKey ||
      (matched.route.publishable === true && key === this.settings.publishableKey);
    if (!allowed) {
      return {
        status: 401,
        body: JSON.stringify({
          error: {
            type: 'invalid_request_error',
            message: `Invalid API Key provided: ${(key ?? '').slice(0, 8)}***`,
          },
        }),
      };
    }

    const storeKey = idempotencyKey === undefined ? undefined : `${key}:${idempotencyKey}`;
    const fingerprint = createHash('sha256')
      .update(`${method} ${url.pathname} ${body}`)
      .digest('hex');
    if (method === 'POST' && storeKey !== undefined) {
      const stored = this.#idempotent.get(storeKey);
      if (stored !== undefined && stored.fingerprint === fingerprint) {
        return { status: stored.status, body: stored.body, replayed: true };
      }
      if (stored !== undefined) {
        return errorAnswer(
          new FakeStripeError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          }),
        );
      }
    }

    const params = parseFormParams(method === 'POST' ? body : url.search.slice(1));
    let answer: { status: number; body: string };
    try {
      answer = {
        status: 200,
        body: JSON.stringify(matched.route.handler(this.#store, params, matched.ids)),
      };
    } catch (error) {
      if (!(error instanceof FakeStripeError)) throw error;
      answer = errorAnswer(error);
    }
    // Stripe keeps the result of a request that ran (a success or a decline), not of one
    // rejected before running.
    if (
      method === 'POST' &&
      storeKey !== undefined &&
      (answer.status === 200 || answer.status === 402)
    ) {
      this.#idempotent.set(storeKey, { fingerprint, ...answer });
    }
    return answer;
  }
}

function errorAnswer(error: FakeStripeError): { status: number; body: string } {
  return { status: error.status, body: JSON.stringify({ error: error.body }) };
}

function header(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
