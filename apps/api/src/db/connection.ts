import { Kysely, type Kysely as KyselyType, type Transaction } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres, { type Sql } from 'postgres';
import {
  type ChannelSubscriber,
  type ListenerClientEvents,
  NotificationListener,
} from './notification-listener.js';
import type { Database } from './tables.js';

export type Db = KyselyType<Database>;
export type Trx = Transaction<Database>;

/** Options of `connectDatabase`. */
export interface ConnectOptions {
  /** Connections in the pool; 10 when left out. */
  max?: number;
  /**
   * `application_name` of every connection, as `pg_stat_activity` shows it; `PGAPPNAME`, else
   * postgres.js's `postgres.js`, when left out.
   */
  applicationName?: string;
}

/** PostgreSQL type OID of `date`, read as the plain `YYYY-MM-DD` text it is. */
const DATE_OID = 1082;

/**
 * Seconds that closing the pool gives open queries to finish before their connections are
 * terminated.
 */
const CLOSE_TIMEOUT_SECONDS = 5;

/**
 * Opens a Kysely pool on `url`. Dates stay `YYYY-MM-DD` strings: parsing them into `Date`
 * would place them at UTC midnight and shift them in other time zones. Notifications
 * (`PostgresDb.listen`) arrive on one more connection, opened on the first subscription.
 */
export function connectDatabase(url: string, options: ConnectOptions = {}): PostgresDb {
  const shared = {
    onnotice: () => {},
    ...(options.applicationName === undefined
      ? {}
      : { connection: { application_name: options.applicationName } }),
  };
  const client = postgres(url, {
    ...shared,
    max: options.max ?? 10,
    types: {
      date: {
        to: DATE_OID,
        from: [DATE_OID],
        serialize: (value: string) => value,
        parse: (value: string) => value,
      },
    },
  });

  const openListenerClient = (events: ListenerClientEvents) => {
    // NOTE: `onnotify` is missing from postgres.js's typings. postgres.js 3.4.10's own
    // `sql.listen` receives notifications through this option (src/index.js).
    const listenerOptions: postgres.Options<Record<string, never>> & {
      onnotify: ListenerClientEvents['onnotify'];
    } = {
      ...shared,
      max: 1,
      // postgres.js closes a pool connection after 30 to 60 minutes by default, which would
      // drop the LISTEN and empty every cache that depends on it.
      max_lifetime: null,
      fetch_types: false,
      onnotify: events.onnotify,
      onclose: events.onclose,
    };
    return postgres(url, listenerOptions);
  };
  return new PostgresDb(client, new NotificationListener(openListenerClient));
}

/**
 * A Kysely database over a postgres.js pool that also receives PostgreSQL notifications,
 * and whose `destroy()` finishes in bounded time.
 */
export class PostgresDb extends Kysely<Database> {
  readonly #client: Sql;
  readonly #notifications: NotificationListener;

  constructor(client: Sql, notifications: NotificationListener) {
    super({ dialect: new PostgresJSDialect({ postgres: client }) });
    this.#client = client;
    this.#notifications = notifications;
  }

  /**
   * Subscribes to `NOTIFY` on `channel` and returns the function that unsubscribes. See
   * `ChannelSubscriber` for when each callback runs.
   */
  listen(channel: string, subscriber: ChannelSubscriber): () => void {
    return this.#notifications.subscribe(channel, subscriber);
  }

  /**
   * Closes the notification connection and the pool, waiting up to
   * `CLOSE_TIMEOUT_SECONDS` for open queries, then terminating their connections. Without
   * the timeout, postgres.js 3.4.10 leaves `end()` pending forever when the pool closes
   * while queries are in flight, because Kysely's dialect runs every query on a reserved
   * connection. NOTE: a few queries still in flight when the connections are terminated
   * may never settle (seen with postgres.js 3.4.10), so close the pool only after the
   * server has stopped sending it queries.
   */
  override async destroy(): Promise<void> {
    await this.#notifications.close();
    await this.#client.end({ timeout: CLOSE_TIMEOUT_SECONDS });
    // Kysely's driver calls end() again, which returns the pending close of the call above.
    await super.destroy();
  }
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
