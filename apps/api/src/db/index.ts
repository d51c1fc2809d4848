export { connectDatabase, type Db, PostgresDb, type Trx, toAmount } from './connection.js';
export { dropDatabase, ensureDatabase } from './create-database.js';
export { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded.js';
export { migrateToLatest } from './migrate.js';
export type { ChannelSubscriber } from './notification-listener.js';
export type * from './tables.js';
