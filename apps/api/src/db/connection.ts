import { Kysely, type Kysely as KyselyType, type Transaction } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import type { Database } from './tables.js';

export type Db = KyselyType<Database>;
export type Trx = Transaction<Database>;

/** Options of `connectDatabase`. */
export interface ConnectOptions {
  /** Connections in the pool; 10 when left out. */
  max?: number;
}

/** PostgreSQL type OID of `date`, read as the plain `YYYY-MM-DD` text it is. */
const DATE_OID = 1082;

/**
 * Opens a Kysely pool on `url`. Dates stay `YYYY-MM-DD` strings: parsing them into `Date`
 * would place them at UTC midnight and shift them in other time zones.
 */
export function connectDatabase(url: string, options: ConnectOptions = {}): Db {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    types: {
      date: {
        to: DATE_OID,
        from: [DATE_OID],
        serialize: (value: string) => value,
        parse: (value: string) => value,
      },
    },
  });
  return new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: client }) });
}

/**
 * Reads a `bigint` money column, which postgres.js returns as a string, as an exact
 * JavaScript integer. Throws if the value would not be exact, which the 10^15 bound on
 * amounts rules out for stored money.
 */
export function toAmount(value: string | number | bigint): number {
  const amount = Number(value);
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Money value ${value} is not an exact integer.`);
  }
  return amount;
}
