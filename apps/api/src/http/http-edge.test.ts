import { problemIssue } from '@duly/core';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../app.js';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from './api-fixture.js';
import type { AppEnv } from './app-env.js';
import { createLogger, silentLogger } from './logger.js';
import { requestContext } from './request-id.js';
import { formatParam, parseInput } from './validation.js';

const db = connectDatabase(inject('databaseUrl'), { max: 4 });
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, {
    vendorName: 'HTTP Edge Vendor',
  });
});
afterAll(() => db.destroy());

describe('HTTP edge', () => {
  it('answers an unknown route with route_not_found', async () => {
    const response = await api.request('GET', '/v1/nowhere');

    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      type: 'https://duly.dev/problems/route_not_found',
      title: 'Route not found',
      status: 404,
      code: 'route_not_found',
    });
  });

  it('sends the problem request id as the Request-Id header', async () => {
    const response = await api.request('GET', '/v1/nowhere');

    expect(response.headers.get('Request-Id')).toMatch(/^req_[0-9A-Za-z]{20}$/);
    expect(response.body.request_id).toBe(response.headers.get('Request-Id'));
  });

  it('sends a Request-Id on successful responses too', async () => {
    const response = await api.request('GET', '/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers.get('Request-Id')).toMatch(/^req_/);
  });

  it('sends Request-Id with a thrown problem', async () => {
    const response = await api.request('GET', '/v1/portal/invoices', {
      auth: 'pst_0000000000000000000000000000000000000000000',
    });

    expect(response.status).toBe(401);
    expect(response.headers.get('Request-Id')).toMatch(/^req_/);
    expect(response.body.request_id).toBe(response.headers.get('Request-Id'));
  });

  it('adds Request-Id to a Response built by a handler', async () => {
    const app = new Hono<AppEnv>();
    app.use('*', requestContext(silentLogger));
    app.get('/raw', () => new Response('raw', { headers: { 'X-Built': 'handler' } }));

    const response = await app.request('/raw');

    expect(await response.text()).toBe('raw');
    expect(response.headers.get('X-Built')).toBe('handler');
    expect(response.headers.get('Request-Id')).toMatch(/^req_/);
  });

  it('answers malformed JSON with malformed_json', async () => {
    const response = await api.request('POST', '/v1/customers', {
      auth: api.vendor.secret_key,
      body: '{"name": "Acme",',
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('malformed_json');
  });

  it('answers a body that is not JSON with unsupported_media_type', async () => {
    const response = await api.request('POST', '/v1/customers', {
      auth: api.vendor.secret_key,
      body: 'name=Acme',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });

    expect(response.status).toBe(415);
    expect(response.body.code).toBe('unsupported_media_type');
  });

  it('answers a body over the size limit with payload_too_large', async () => {
    const response = await api.request('POST', '/v1/customers', {
      auth: api.vendor.secret_key,
      body: { name: 'x'.repeat(300 * 1024) },
    });

    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
  });

  it('limits the body of PATCH requests too', async () => {
    const response = await api.request('PATCH', '/v1/customers/cus_x', {
      auth: api.vendor.secret_key,
      body: { name: 'x'.repeat(300 * 1024) },
    });

    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
  });

  it('answers invalid fields with validation_failed and each error', async () => {
    const response = await api.request('POST', '/v1/customers', {
      auth: api.vendor.secret_key,
      body: { email: 'not an email', nickname: 'Ace' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'name' });
    expect(response.body.detail).toBe('name is required.');
    expect(response.body.errors).toEqual([
      { param: 'name', code: 'validation_failed', detail: 'name is required.' },
      expect.objectContaining({ param: 'email', code: 'validation_failed' }),
      expect.objectContaining({ param: 'nickname', code: 'validation_failed' }),
    ]);
  });

  it('hides an unexpected error behind internal_error and logs it', async () => {
    const lines: string[] = [];
    const missing = new URL(inject('databaseUrl'));
    missing.pathname = '/duly_no_such_database';
    const closed = connectDatabase(missing.toString(), { max: 1 });
    const app = createApp({
      db: closed,
      clock: api.clock,
      publicUrl: 'http://127.0.0.1:4100',
      logger: createLogger({ level: 'error', write: (line) => lines.push(line) }),
    });

    const response = await app.request('/v1/customers/cus_x', {
      headers: { Authorization: 'Bearer sk_test_abcdefghijklmnopqrstuvwxyz012345' },
    });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(500);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(body.code).toBe('internal_error');
    expect(Object.keys(body).sort()).toEqual([
      'code',
      'detail',
      'request_id',
      'status',
      'title',
      'type',
    ]);
    const logged = JSON.parse(lines[0] as string);
    expect(logged).toMatchObject({
      level: 'error',
      message: 'request failed',
      request_id: body.request_id,
    });
    expect(logged.error.message).toBeTruthy();
    expect(lines.join('')).not.toContain('abcdefghijklmnop');
    await closed.destroy();
  });
});

describe('parseInput', () => {
  const Schema = z.strictObject({
    items: z.array(
      z.strictObject({
        amount: z.number().superRefine((value, ctx) => {
          if (value === 0)
            ctx.addIssue(problemIssue('amount_zero', 'The amount must be greater than zero.'));
        }),
      }),
    ),
  });

  it('uses the problem code of a custom issue', () => {
    expect(() => parseInput(Schema, { items: [{ amount: 1 }, { amount: 0 }] })).toThrow(
      expect.objectContaining({
        code: 'amount_zero',
        status: 400,
        param: 'items[1].amount',
        message: 'The amount must be greater than zero.',
      }),
    );
  });

  it('falls back to validation_failed for an unknown problem code', () => {
    const Odd = z
      .string()
      .superRefine((_value, ctx) => ctx.addIssue(problemIssue('no_such_code', 'Odd.')));
    expect(() => parseInput(Odd, 'x')).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('writes nested paths as the API names fields', () => {
    expect(formatParam(['invoices', 0, 'amount'])).toBe('invoices[0].amount');
    expect(formatParam(['card', 'number'])).toBe('card.number');
    expect(formatParam([])).toBe('');
  });
});

describe('logger', () => {
  it('never writes card numbers, tokens or secret fields', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', write: (line) => lines.push(line) });

    logger.info('charging 4242 4242 4242 4242 for pst_abcDEF123', {
      card: { number: '4000000000000002' },
      authorization: 'Bearer sk_test_abc123',
      note: 'key sk_live_Zyx987 and card 5555-5555-5555-4444',
      invoice: 'inv_123',
    });

    const text = lines.join('\n');
    for (const secret of [
      '4242',
      '4000000000000002',
      'pst_abc',
      'sk_test_abc',
      'sk_live_Zyx',
      '5555-5555',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 'info', invoice: 'inv_123' });
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (line) => lines.push(line) });

    logger.info('quiet');
    logger.warn('loud');

    expect(lines.map((line) => JSON.parse(line).message)).toEqual(['loud']);
  });
});
