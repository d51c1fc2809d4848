import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakePlaid, startFakePlaid } from './index.js';

let fake: FakePlaid;

beforeAll(async () => {
  fake = await startFakePlaid();
});
afterAll(() => fake.close());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('fake Plaid wire format', () => {
  it('accepts credentials in the body', async () => {
    const link = fake.completeLink();

    const response = await post('/item/public_token/exchange', {
      client_id: fake.clientId,
      secret: fake.secret,
      public_token: link.publicToken,
    });

    expect(response.status).toBe(200);
    expect(response.body.item_id).toBe(link.itemId);
    expect(response.body.access_token).toMatch(/^access-sandbox-/);
    expect(response.body.request_id).toMatch(/^\w{15}$/);
  });

  it('rejects missing credentials', async () => {
    const response = await post('/institutions/get_by_id', {
      institution_id: 'ins_109508',
      country_codes: ['US'],
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error_type: 'INVALID_REQUEST',
      error_code: 'MISSING_FIELDS',
      error_message: 'the following required fields are missing: client_id, secret',
      display_message: null,
    });
    expect(response.body.request_id).toMatch(/^\w{15}$/);
  });

  it('rejects unknown fields', async () => {
    const response = await post(
      '/institutions/get_by_id',
      { institution_id: 'ins_109508', country_codes: ['US'], institution_name: 'x' },
      { 'PLAID-CLIENT-ID': fake.clientId, 'PLAID-SECRET': fake.secret },
    );

    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe('UNKNOWN_FIELDS');
    expect(response.body.error_message).toContain('institution_name');
  });

  it('returns 404 for an unknown path', async () => {
    const response = await post('/transactions/sync', {});

    expect(response.status).toBe(404);
    expect(response.body.error_code).toBe('NOT_FOUND');
  });
});
