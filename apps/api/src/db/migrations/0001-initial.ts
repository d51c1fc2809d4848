import { type Kysely, sql } from 'kysely';

/**
 * Vendors, keys, customers, invoices, payments and their applications, portal sessions,
 * idempotency keys and the event log. Money columns are `bigint` minor units; the CHECK
 * constraints restate the ledger invariants so that no code path can break them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE vendor (
      id text PRIMARY KEY,
      name text NOT NULL,
      time_zone text NOT NULL DEFAULT 'UTC',
      allowed_origins text[] NOT NULL DEFAULT '{}',
      logo_url text,
      primary_color text,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE api_key (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      secret_hash text NOT NULL UNIQUE,
      secret_last4 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );

    CREATE TABLE customer (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      external_id text,
      name text NOT NULL,
      email text,
      locale text,
      metadata jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (vendor_id, livemode, external_id)
    );
    -- The vendor API's customer list, by name.
    CREATE INDEX customer_vendor_name ON customer (vendor_id, livemode, name, id);

    CREATE TABLE invoice (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      customer_id text NOT NULL REFERENCES customer (id),
      number text NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
      currency char(3) NOT NULL,
      total bigint NOT NULL CHECK (total >= 0),
      amount_due bigint NOT NULL,
      amount_pending bigint NOT NULL DEFAULT 0,
      issue_date date NOT NULL,
      due_date date NOT NULL,
      disputed boolean NOT NULL DEFAULT false,
      metadata jsonb NOT NULL DEFAULT '{}',
      paid_at timestamptz,
      voided_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (vendor_id, livemode, number),
      CHECK (amount_due BETWEEN 0 AND total),
      CHECK (amount_pending BETWEEN 0 AND amount_due),
      CHECK (status <> 'paid' OR amount_due = 0)
    );
    -- Keyset pages of one customer's invoices by status and due date; serves open (oldest
    -- first), overdue (a due-date range of open) and paid (newest first) alike.
    CREATE INDEX invoice_customer_status_due ON invoice (customer_id, status, due_date, id);
    CREATE INDEX invoice_customer_due ON invoice (customer_id, due_date, id);
    -- The vendor API's lists across customers, all statuses or one.
    CREATE INDEX invoice_vendor_due ON invoice (vendor_id, livemode, due_date, id);
    CREATE INDEX invoice_vendor_status_due ON invoice (vendor_id, livemode, status, due_date, id);

    CREATE TABLE invoice_line (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      invoice_id text NOT NULL REFERENCES invoice (id),
      position integer NOT NULL,
      description text NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      unit_amount bigint NOT NULL CHECK (unit_amount >= 0),
      amount bigint NOT NULL CHECK (amount >= 0),
      UNIQUE (invoice_id, position)
    );

    CREATE TABLE payment_method (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      customer_id text NOT NULL REFERENCES customer (id),
      provider text NOT NULL,
      type text NOT NULL CHECK (type IN ('card', 'us_bank_account')),
      brand text,
      last4 text NOT NULL,
      exp_month integer,
      exp_year integer,
      -- The provider's own reference: a Stripe PaymentMethod id, or for the sandbox the
      -- outcome of the test card (never the card number).
      provider_ref text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      detached_at timestamptz
    );
    CREATE INDEX payment_method_customer ON payment_method (customer_id);

    CREATE TABLE payment (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      customer_id text NOT NULL REFERENCES customer (id),
      status text NOT NULL CHECK (status IN
        ('requires_action', 'pending', 'succeeded', 'failed', 'canceled', 'refunded')),
      amount bigint NOT NULL CHECK (amount > 0),
      currency char(3) NOT NULL,
      failure_code text,
      failure_message text,
      payment_method_id text REFERENCES payment_method (id),
      method_type text,
      method_brand text,
      method_last4 text,
      provider text NOT NULL,
      provider_ref text,
      source text NOT NULL CHECK (source IN ('portal', 'import', 'vendor')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      succeeded_at timestamptz,
      CHECK (status <> 'failed' OR failure_code IS NOT NULL)
    );
    CREATE INDEX payment_customer_created ON payment (customer_id, created_at DESC, id DESC);

    CREATE TABLE payment_application (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      payment_id text NOT NULL REFERENCES payment (id),
      invoice_id text NOT NULL REFERENCES invoice (id),
      amount bigint NOT NULL CHECK (amount > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (payment_id, invoice_id)
    );
    CREATE INDEX payment_application_invoice ON payment_application (invoice_id);

    CREATE TABLE portal_session (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      customer_id text NOT NULL REFERENCES customer (id),
      token_hash text NOT NULL UNIQUE,
      locale text NOT NULL,
      allowed_origin text,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE idempotency_key (
      scope text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      response_status integer,
      response_body jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (scope, key)
    );

    CREATE TABLE event (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      id text NOT NULL UNIQUE,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      type text NOT NULL,
      object_id text NOT NULL,
      data jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX event_vendor_seq ON event (vendor_id, seq);

    CREATE TABLE ledger_import (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      as_of date NOT NULL,
      shift_days integer NOT NULL,
      invoice_count integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE ledger_import, event, idempotency_key, portal_session, payment_application,
      payment, payment_method, invoice_line, invoice, customer, api_key, vendor;
  `.execute(db);
}
