import { describe, expect, it } from 'vitest';
import { DulyNotFoundError } from '../errors.js';
import { problem } from '../testing/stub-server.js';
import { stubbedServerClients } from '../testing/stubbed-server-clients.js';

const { clientAnswering, clientReplying } = stubbedServerClients();

describe('pay links', () => {
  it('creates a link for an invoice', async () => {
    const link = { object: 'pay_link', id: 'pl_1', token: 'plt_x', url: 'https://api/pay/plt_x' };
    const { duly, requests } = await clientAnswering(201, link);

    const result = await duly.payLinks.create(
      { invoice: 'inv_1', expires_in: 3600, max_uses: 2 },
      { idempotencyKey: 'link-1' },
    );

    expect(result).toEqual(link);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('/v1/pay_links');
    expect(requests[0]?.headers.authorization).toBe('Bearer sk_test_abc');
    expect(requests[0]?.headers['idempotency-key']).toBe('link-1');
    expect(requests[0]?.body).toEqual({ invoice: 'inv_1', expires_in: 3600, max_uses: 2 });
  });

  it('lists the links of an invoice', async () => {
    const { duly, requests } = await clientAnswering(200, { object: 'list', data: [] });

    await duly.payLinks.list({ invoice: 'inv_1', limit: 10 });

    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url).toBe('/v1/pay_links?invoice=inv_1&limit=10');
  });

  it('retrieves and revokes by id', async () => {
    const { duly, requests } = await clientAnswering(200, { id: 'pl_1/2' });

    await duly.payLinks.retrieve('pl_1/2');
    await duly.payLinks.revoke('pl_1/2');

    expect(requests[0]?.url).toBe('/v1/pay_links/pl_1%2F2');
    expect(requests[1]?.method).toBe('POST');
    expect(requests[1]?.url).toBe('/v1/pay_links/pl_1%2F2/revoke');
  });

  it('throws the typed error of a problem', async () => {
    const { duly } = await clientReplying(problem(404, 'pay_link_not_found'));

    const error = await duly.payLinks.retrieve('pl_9').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DulyNotFoundError);
    expect((error as DulyNotFoundError).code).toBe('pay_link_not_found');
  });
});
