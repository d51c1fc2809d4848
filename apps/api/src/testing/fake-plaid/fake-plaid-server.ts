import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakePlaidError, missingFields, newRequestId, type PlaidErrorBody } from './plaid-error.js';
import {
  type FakeBankAccountToken,
  type FakeItem,
  type LinkSuccess,
  PlaidSandbox,
} from './plaid-sandbox.js';
import type { RequestBody } from './request-fields.js';
import { rejectUnknownFields } from './request-fields.js';
import { WebhookSigningKey } from './webhook-signer.js';

export interface FakePlaidOptions {
  /** The credentials the fake accepts, `fake_client_id` and `fake_secret` by default. */
  clientId?: string;
  secret?: string;
  /** Clock for token expiry and key dates, the system time by default. */
  now?: () => Date;
  /** Port on 127.0.0.1 to listen on, 0 (a free port) by default. */
  port?: number;
}

/** A failure to return on the next call of one endpoint, in Plaid's error shape. */
export interface ScriptedFailure {
  status: number;
  error_type: string;
  error_code: string;
  error_message: string;
  display_message?: string | null;
}

/** A webhook delivery ready to send: the exact body bytes and the headers Plaid sets. */
export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

export interface SignWebhookOptions {
  /** The JWT's `iat`, the fake's current time by default. */
  issuedAt?: Date;
  /**
   * Signing key: `current` (the default), `previous` (the one before the last rotation), or
   * `unpublished`, a key whose id `/webhook_verification_key/get` does not find.
   */
  key?: 'current' | 'previous' | 'unpublished';
}

/**
 * A local stand-in for Plaid's API, for tests and demos: the official `plaid` SDK talks to
 * it through `basePath`. It speaks Plaid's wire format for the endpoints Duly calls: JSON
 * POSTs, credentials in the body or the `PLAID-CLIENT-ID`/`PLAID-SECRET` headers,
 * `request_id` in every response, Plaid's error bodies and statuses. It also lets a test
 * finish Link and sign webhooks the way Plaid does.
 */
export class FakePlaid {
  readonly #sandbox: PlaidSandbox;
  readonly #failures = new Map<string, ScriptedFailure[]>();
  readonly #now: () => Date;

  private constructor(
    readonly url: string,
    readonly clientId: string,
    readonly secret: string,
    private readonly server: Server,
    sandbox: PlaidSandbox,
    now: () => Date,
  ) {
    this.#sandbox = sandbox;
    this.#now = now;
  }

  /** Starts the fake on 127.0.0.1 and resolves once it listens. */
  static async start(options: FakePlaidOptions = {}): Promise<FakePlaid> {
    const now = options.now ?? (() => new Date());
    const sandbox = new PlaidSandbox(now);
    const clientId = options.clientId ?? 'fake_client_id';
    const secret = options.secret ?? 'fake_secret';
    let fake: FakePlaid | undefined;
    const server = createServer((request, response) => {
      (fake as FakePlaid).#handle(request, response).catch((error: unknown) => {
        response.destroy(error instanceof Error ? error : undefined);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    fake = new FakePlaid(`http://127.0.0.1:${port}`, clientId, secret, server, sandbox, now);
    return fake;
  }

  /** Every `/link/token/create` request body received, without the credentials. */
  get linkTokenRequests(): readonly RequestBody[] {
    return this.#sandbox.linkTokenRequests;
  }

  /** Finishes Plaid Link for a sandbox login, as `PlaidSandbox.completeLink` describes. */
  completeLink(options: { linkToken?: string; institutionId?: string } = {}): LinkSuccess {
    return this.#sandbox.completeLink(options);
  }

  /** Makes a public token older than its thirty minutes. */
  expirePublicToken(publicToken: string): void {
    this.#sandbox.expirePublicToken(publicToken);
  }

  /** Returns the item as the fake stores it, or undefined when no such item was linked. */
  item(itemId: string): FakeItem | undefined {
    return this.#sandbox.item(itemId);
  }

  /** Puts an item in an error state such as `ITEM_LOGIN_REQUIRED`, so that calls on it fail. */
  setItemError(itemId: string, errorCode: string): void {
    const item = this.#sandbox.item(itemId);
    if (item === undefined) throw new Error(`No item ${itemId}.`);
    item.errorCode = errorCode;
  }

  /** Finds the account and item behind a Stripe bank account token that the fake made. */
  bankAccountToken(token: string): FakeBankAccountToken | undefined {
    return this.#sandbox.bankAccountToken(token);
  }

  /** Makes the next call of `path` fail with `failure` in place of its result. */
  failNext(path: string, failure: ScriptedFailure): void {
    const queue = this.#failures.get(path) ?? [];
    queue.push(failure);
    this.#failures.set(path, queue);
  }

  /** Expires the current webhook key and starts signing with a new one, as Plaid rotates. */
  rotateWebhookKey(): void {
    const keys = this.#sandbox.webhookKeys;
    const current = keys[keys.length - 1] as WebhookSigningKey;
    current.publicKey.expired_at = Math.floor(this.#now().getTime() / 1000);
    keys.push(new WebhookSigningKey(this.#now()));
  }

  /**
   * Serializes `payload` as Plaid does (indented JSON) and signs the exact bytes into a
   * `Plaid-Verification` header, so a receiver that re-serializes before hashing fails.
   */
  signedWebhook(payload: object, options: SignWebhookOptions = {}): SignedWebhook {
    const body = JSON.stringify(payload, null, 2);
    const keys = this.#sandbox.webhookKeys;
    const key =
      options.key === 'unpublished'
        ? new WebhookSigningKey(this.#now())
        : options.key === 'previous'
          ? keys[keys.length - 2]
          : keys[keys.length - 1];
    if (key === undefined)
      throw new Error('There is no previous webhook key. Call rotateWebhookKey first.');
    return {
      body,
      headers: {
        'Content-Type': 'application/json',
        'Plaid-Verification': key.sign(body, options.issuedAt ?? this.#now()),
      },
    };
  }

  /** POSTs a signed webhook to `url`, as Plaid delivers it, and returns the response. */
  async sendWebhook(url: string, payload: object, options: SignWebhookOptions = {}) {
    const { body, headers } = this.signedWebhook(payload, options);
    return fetch(url, { method: 'POST', headers, body });
  }

  /** Stops listening and closes open connections. */
  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const raw = await readBody(request);
    try {
      const result = this.#route(request, raw);
      send(response, 200, { ...result, request_id: requestId });
    } catch (error) {
      if (!(error instanceof FakePlaidError)) throw error;
      send(response, error.status, error.toBody(requestId));
    }
  }

  #route(request: IncomingMessage, raw: string): object {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const endpoint = this.#sandbox.endpoints[path];
    if (request.method !== 'POST' || endpoint === undefined) {
      throw new FakePlaidError(404, 'INVALID_REQUEST', 'NOT_FOUND', 'not found');
    }
    const body = parseBody(request, raw);
    this.#authenticate(request, body);
    const failure = this.#failures.get(path)?.shift();
    if (failure !== undefined) {
      throw new FakePlaidError(
        failure.status,
        failure.error_type,
        failure.error_code,
        failure.error_message,
        failure.display_message ?? null,
      );
    }
    rejectUnknownFields(body, endpoint.fields);
    return endpoint.handle(body);
  }

  /** Takes the credentials out of the body or the headers and checks them. */
  #authenticate(request: IncomingMessage, body: RequestBody): void {
    const clientId = body.client_id ?? request.headers['plaid-client-id'];
    const secret = body.secret ?? request.headers['plaid-secret'];
    delete body.client_id;
    delete body.secret;
    const missing = [
      ...(clientId === undefined ? ['client_id'] : []),
      ...(secret === undefined ? ['secret'] : []),
    ];
    if (missing.length > 0) throw missingFields(missing);
    if (clientId !== this.clientId || secret !== this.secret) {
      throw new FakePlaidError(
        400,
        'INVALID_INPUT',
        'INVALID_API_KEYS',
        'invalid client_id or secret provided',
      );
    }
  }
}

/** Starts a fake Plaid API on 127.0.0.1; see `FakePlaid`. */
export function startFakePlaid(options: FakePlaidOptions = {}): Promise<FakePlaid> {
  return FakePlaid.start(options);
}

function parseBody(request: IncomingMessage, raw: string): RequestBody {
  const contentType = request.headers['content-type'] ?? '';
  let parsed: unknown;
  try {
    if (!contentType.toLowerCase().startsWith('application/json')) throw new Error('not JSON');
    parsed = JSON.parse(raw);
  } catch {
    throw new FakePlaidError(
      400,
      'INVALID_REQUEST',
      'INVALID_BODY',
      'body could not be parsed as JSON',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FakePlaidError(400, 'INVALID_REQUEST', 'INVALID_BODY', 'body must be a JSON object');
  }
  return parsed as RequestBody;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: object | PlaidErrorBody): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}
