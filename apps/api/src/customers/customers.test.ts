import type { Customer, List } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 4 });
let api: ApiFixture;
let other: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Customer List Vendor' });
  other = await ApiFixture.create(db, { vendorName: 'Other Vendor' });
  for (const [name, external_id] of [
    ['Cedar Bakery', 'C-3'],
    ['Acme Hardware', 'C-1'],
    ['Birch Dental', 'C-2'],
  ]) {
    await api.createCustomer({ name, external_id });
  }
  await other.createCustomer({ name: 'Aardvark Ltd', external_id: 'C-1' });
});
afterAll(() => db.destroy());

function listCustomers(query: string) {
  return api.request<List<Customer>>('GET', `/v1/customers${query}`, {
    auth: api.vendor.secret_key,
  });
}

describe('GET /v1/customers', () => {
  it('pages the vendor’s customers by name', async () => {
    const first = await listCustomers('?limit=2');
    expect(first.status).toBe(200);
    const firstPage = first.body;
    expect(firstPage.data.map((customer) => customer.name)).toEqual([
      'Acme Hardware',
      'Birch Dental',
    ]);
    expect(firstPage.next_cursor).toEqual(expect.any(String));

    const second = await listCustomers(`?limit=2&cursor=${firstPage.next_cursor}`);
    const secondPage = second.body;
    expect(secondPage.data.map((customer) => customer.name)).toEqual(['Cedar Bakery']);
    expect(secondPage.next_cursor).toBeNull();
  });

  it('finds a customer by external id', async () => {
    const response = await listCustomers('?external_id=C-2');
    const page = response.body;
    expect(page.data).toHaveLength(1);
    expect(page.data[0]?.name).toBe('Birch Dental');
  });

  it('rejects a cursor it did not return', async () => {
    const response = await listCustomers('?cursor=bm90LWEtY3Vyc29y');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_cursor', param: 'cursor' });
  });

  it('rejects a limit above 100', async () => {
    const response = await listCustomers('?limit=101');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'limit' });
  });
});
