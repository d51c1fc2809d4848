import type { ApiFixture } from '../http/api-fixture.js';

/**
 * Sends `POST /v1/invoices` for `customerId`: a USD invoice for one 1.00 line with a random
 * number, issued 2026-03-01 and due 2026-03-31, with `fields` laid over it. Returns the
 * response whatever its status. Test-only; nothing in the API imports it.
 */
export function postInvoiceFor(
  api: ApiFixture,
  customerId: string,
  fields: Record<string, unknown>,
) {
  return api.request('POST', '/v1/invoices', {
    auth: api.vendor.secret_key,
    body: {
      customer: customerId,
      number: `INV-${crypto.randomUUID()}`,
      currency: 'USD',
      issue_date: '2026-03-01',
      due_date: '2026-03-31',
      lines: [{ description: 'Bolts', quantity: 1, unit_amount: 100 }],
      ...fields,
    },
  });
}
