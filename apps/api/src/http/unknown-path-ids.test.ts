import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from './api-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 4 });
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Unknown Id Vendor' });
});
afterAll(() => db.destroy());

// Each route names the id in its path as the parameter at fault when nothing has that id.
const CASES: [method: string, path: string, body: unknown, code: string][] = [
  ['GET', '/v1/customers/cus_unknown', undefined, 'customer_not_found'],
  ['PATCH', '/v1/customers/cus_unknown', { name: 'Renamed' }, 'customer_not_found'],
  ['GET', '/v1/pay_links/pl_unknown', undefined, 'pay_link_not_found'],
  ['POST', '/v1/pay_links/pl_unknown/revoke', {}, 'pay_link_not_found'],
  ['GET', '/v1/api_keys/key_unknown', undefined, 'api_key_not_found'],
  ['POST', '/v1/api_keys/key_unknown/revoke', {}, 'api_key_not_found'],
  ['POST', '/v1/portal_sessions/ps_unknown/revoke', {}, 'portal_session_not_found'],
  ['GET', '/v1/webhook_endpoints/we_unknown', undefined, 'webhook_endpoint_not_found'],
  ['GET', '/v1/webhook_deliveries/whd_unknown', undefined, 'webhook_delivery_not_found'],
  ['GET', '/v1/events/evt_unknown', undefined, 'event_not_found'],
  ['GET', '/v1/plans/plan_unknown', undefined, 'plan_not_found'],
  ['GET', '/v1/subscriptions/sub_unknown', undefined, 'subscription_not_found'],
];

describe('unknown ids in paths', () => {
  it.each(CASES)('%s %s names the id', async (method, path, body, code) => {
    const response = await api.request(method, path, { auth: api.vendor.secret_key, body });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code, param: 'id' });
  });
});
