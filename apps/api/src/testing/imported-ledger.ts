import type { Db } from '../db/index.js';
import { ApiFixture, type FixtureOptions } from '../http/api-fixture.js';
import { importLedger } from '../ledger-import/index.js';
import { referenceLedgerPath } from '../ledger-import/reference-ledger.js';

/**
 * Creates an `ApiFixture` whose vendor holds the reference ledger as it stood at the end of
 * `asOf`, a `YYYY-MM-DD` date. The import runs at the fixture clock's `options.now`.
 */
export async function createImportedLedgerFixture(
  db: Db,
  asOf: string,
  options: FixtureOptions = {},
): Promise<ApiFixture> {
  const api = await ApiFixture.create(db, options);
  await importLedger(db, api.clock, {
    file: referenceLedgerPath(),
    vendorId: api.vendor.id,
    asOf,
  });
  return api;
}

/**
 * Reads the id of the vendor's imported customer whose `external_id` is `externalId`, the
 * CSV's `customerID`. Throws when the vendor has no such customer.
 */
export async function importedCustomerId(
  db: Db,
  vendorId: string,
  externalId: string,
): Promise<string> {
  const row = await db
    .selectFrom('customer')
    .select('id')
    .where('vendor_id', '=', vendorId)
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();
  return row.id;
}
