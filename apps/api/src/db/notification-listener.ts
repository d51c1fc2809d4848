import type { Sql } from 'postgres';

/** Callbacks of one subscription to a PostgreSQL notification channel. */
export interface ChannelSubscriber {
  /** Receives the payload of each `NOTIFY` on the channel. */
  notify(payload: string): void;
  /**
   * Runs each time the channel's `LISTEN` is in place: after the first connect and after
   * every reconnect. Notifications sent while the connection was down are lost.
   */
  listening(): void;
  /** Runs when the connection that listened on the channel closes. */
  dropped(): void;
}

/** Connection events that the listener's postgres.js client reports. */
export interface ListenerClientEvents {
  onnotify(channel: string, payload: string): void;
  onclose(): void;
}

/** Milliseconds between attempts to listen again after a failed attempt. */
const RETRY_DELAY_MS = 1000;

/**
 * Receives PostgreSQL notifications on one dedicated connection, opened on the first
 * subscription. Unlike postgres.js's own `sql.listen`, it calls `dropped` on subscribers
 * when that connection closes, so that state kept up to date by notifications can stop
 * being trusted until `LISTEN` is in place again.
 */
export class NotificationListener {
  readonly #openClient: (events: ListenerClientEvents) => Sql;
  #client: Sql | undefined;
  readonly #subscribers = new Map<string, Set<ChannelSubscriber>>();
  /** Channels whose `LISTEN` is in place on the current connection. */
  readonly #listening = new Set<string>();
  /** Increments whenever the connection closes, so a `LISTEN` sent before then is stale. */
  #connection = 0;
  #relistening = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(openClient: (events: ListenerClientEvents) => Sql) {
    this.#openClient = openClient;
  }

  /**
   * Adds `subscriber` to `channel` and returns the function that removes it. The
   * subscriber's `listening` runs once `LISTEN` is in place, at once when it already is.
   */
  subscribe(channel: string, subscriber: ChannelSubscriber): () => void {
    if (this.#closed) throw new Error(`Cannot listen on ${channel}: the database is closed.`);

    let subscribers = this.#subscribers.get(channel);
    if (subscribers === undefined) {
      subscribers = new Set();
      this.#subscribers.set(channel, subscribers);
    }
    subscribers.add(subscriber);

    if (this.#listening.has(channel)) subscriber.listening();
    else void this.#listenToAll();
    return () => {
      subscribers.delete(subscriber);
    };
  }

  /** Closes the connection; subscribers get no more callbacks. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#listening.clear();
    await this.#client?.end({ timeout: 0 });
  }

  /**
   * Sends `LISTEN` for every channel that lacks one, retrying after failures until all
   * are in place or the listener closes. Only one run is active at a time.
   */
  async #listenToAll(): Promise<void> {
    if (this.#relistening || this.#closed) return;
    this.#relistening = true;
    try {
      for (;;) {
        const pending = [...this.#subscribers.keys()].filter((name) => !this.#listening.has(name));
        if (pending.length === 0 || this.#closed) return;

        const connection = this.#connection;
        try {
          for (const channel of pending)
            await this.#openedClient().unsafe(listenStatement(channel));
        } catch {
          // The connection failed or closed; its onclose starts the reconnect and the
          // next round sends LISTEN again.
          await this.#pause();
          continue;
        }
        // A LISTEN acknowledged by a connection that has closed since is not in place.
        if (connection !== this.#connection || this.#closed) continue;

        for (const channel of pending) {
          this.#listening.add(channel);
          for (const subscriber of this.#subscribers.get(channel) ?? []) subscriber.listening();
        }
      }
    } finally {
      this.#relistening = false;
    }
  }

  #openedClient(): Sql {
    this.#client ??= this.#openClient({
      onnotify: (channel, payload) => this.#deliver(channel, payload),
      onclose: () => this.#connectionClosed(),
    });
    return this.#client;
  }

  #deliver(channel: string, payload: string): void {
    if (!this.#listening.has(channel)) return;
    for (const subscriber of this.#subscribers.get(channel) ?? []) subscriber.notify(payload);
  }

  #connectionClosed(): void {
    this.#connection += 1;
    if (this.#closed) return;

    const dropped = [...this.#listening];
    this.#listening.clear();
    for (const channel of dropped) {
      for (const subscriber of this.#subscribers.get(channel) ?? []) subscriber.dropped();
    }
    void this.#listenToAll();
  }

  #pause(): Promise<void> {
    return new Promise((resolve) => {
      this.#retryTimer = setTimeout(resolve, RETRY_DELAY_MS);
      // A server stays up through its HTTP server; this retry alone should not.
      this.#retryTimer.unref();
    });
  }
}

/** `LISTEN "channel"`, with the channel quoted as an identifier. */
function listenStatement(channel: string): string {
  return `LISTEN "${channel.replaceAll('"', '""')}"`;
}
