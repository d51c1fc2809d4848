import { type Kysely, sql } from 'kysely';

/**
 * Vendors, keys, customers, invoices, payments and their applications, credit notes,
 * payment notices, invoice threads, credit requests, portal sessions, idempotency keys and
 * the event log. Money columns are `bigint` minor units; the CHECK
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
      -- Printed on receipts and documents.
      email text,
      address_lines text[] NOT NULL DEFAULT '{}',
      -- Which payment provider charges this vendor's customers: 'sandbox' or 'stripe'.
      payment_provider text NOT NULL DEFAULT 'sandbox',
      -- The reasons a customer picks from when paying an invoice partly.
      short_pay_reasons text[] NOT NULL DEFAULT ARRAY[
        'Pricing disagreement', 'Goods damaged or missing', 'Service not received',
        'Tax exemption', 'Other'],
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE api_key (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      secret_hash text NOT NULL UNIQUE,
      secret_last4 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      -- Set when the key is rolled: it keeps working until then, for the grace period.
      expires_at timestamptz,
      -- The key that replaced this one in a roll.
      rolled_to text REFERENCES api_key (id)
    );
    CREATE INDEX api_key_vendor ON api_key (vendor_id, livemode);

    CREATE TABLE customer (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      external_id text,
      name text NOT NULL,
      email text,
      locale text,
      metadata jsonb NOT NULL DEFAULT '{}',
      default_payment_method_id text,
      -- The customer's id at each provider that keeps customers, such as {"stripe": "cus_..."}.
      provider_refs jsonb NOT NULL DEFAULT '{}',
      -- The most the customer may owe in one currency; no limit when null.
      credit_limit bigint CHECK (credit_limit >= 0),
      credit_limit_currency char(3),
      -- Contact, email for invoices and address, as the customer keeps them in the portal.
      billing_details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (vendor_id, livemode, external_id),
      CHECK ((credit_limit IS NULL) = (credit_limit_currency IS NULL))
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
      -- True while a dispute is open, or when the imported ledger says the customer disputes it.
      disputed boolean NOT NULL DEFAULT false,
      -- The customer's "I sent a payment" notice awaiting the vendor, at most one at a time.
      payment_notice_id text,
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

    -- Taxes on top of the lines: the invoice's total is its lines plus its taxes.
    CREATE TABLE invoice_tax (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      invoice_id text NOT NULL REFERENCES invoice (id),
      position integer NOT NULL,
      description text NOT NULL,
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
      bank_name text,
      account_holder_type text CHECK (account_holder_type IN ('individual', 'company')),
      -- False for a method made for one payment that the customer did not ask to keep.
      saved boolean NOT NULL DEFAULT true,
      -- Set when the method can never be charged again, such as 'R02' (account closed).
      disabled_reason text,
      -- What else the provider needs to charge or unlink it, such as Plaid's item id.
      provider_data jsonb NOT NULL DEFAULT '{}',
      -- The provider's own reference: a Stripe PaymentMethod id, or for the sandbox the
      -- outcome of the test card (never the card number).
      provider_ref text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      detached_at timestamptz
    );
    CREATE INDEX payment_method_customer ON payment_method (customer_id);
    -- Plaid's webhooks name an item; this finds the bank accounts linked through it.
    CREATE INDEX payment_method_plaid_item ON payment_method ((provider_data->>'plaid_item_id'));

    -- An authorization the customer accepted to debit a bank account: once, or for autopay.
    CREATE TABLE mandate (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      customer_id text NOT NULL REFERENCES customer (id),
      payment_method_id text NOT NULL REFERENCES payment_method (id),
      kind text NOT NULL CHECK (kind IN ('one_off', 'autopay')),
      text text NOT NULL,
      accepted_at timestamptz NOT NULL,
      ip_address text NOT NULL,
      user_agent text NOT NULL
    );

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
      source text NOT NULL CHECK (source IN ('portal', 'autopay', 'import', 'vendor')),
      amount_refunded bigint NOT NULL DEFAULT 0,
      -- Received but applied to no invoice yet: the customer's credit balance once succeeded.
      amount_unapplied bigint NOT NULL DEFAULT 0,
      -- Credit balance the same request applied to the invoices besides this payment.
      credit_applied bigint NOT NULL DEFAULT 0 CHECK (credit_applied >= 0),
      -- Why the customer paid an invoice partly: one of the vendor's reasons, and its words.
      short_pay_reason text,
      short_pay_note text,
      -- Money that came outside the portal (cheque, wire, ACH credit, cash), as the vendor
      -- recorded it.
      offline_method text CHECK (offline_method IN ('check', 'wire', 'ach_credit', 'cash', 'other')),
      offline_reference text,
      received_on date,
      -- What the customer must do to finish the payment, such as a 3-D Secure challenge.
      next_action jsonb,
      mandate_id text REFERENCES mandate (id),
      chargeback_status text CHECK (chargeback_status IN
        ('needs_response', 'under_review', 'won', 'lost')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      succeeded_at timestamptz,
      failed_at timestamptz,
      CHECK (status <> 'failed' OR failure_code IS NOT NULL),
      CHECK (amount_refunded BETWEEN 0 AND amount),
      CHECK (amount_unapplied BETWEEN 0 AND amount),
      CHECK (status <> 'refunded' OR amount_refunded = amount),
      CHECK (status = 'requires_action' OR next_action IS NULL)
    );
    CREATE INDEX payment_customer_created ON payment (customer_id, created_at DESC, id DESC);
    -- Webhooks find the payment by the provider's id.
    CREATE UNIQUE INDEX payment_provider_ref ON payment (provider, provider_ref);
    -- The few payments still in flight, which the clearing job scans on every poll.
    CREATE INDEX payment_in_flight ON payment (provider, method_type)
      WHERE status IN ('pending', 'requires_action');
    -- The vendor API's list across customers.
    CREATE INDEX payment_vendor_created ON payment (vendor_id, livemode, created_at DESC, id DESC);

    CREATE TABLE payment_application (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      payment_id text NOT NULL REFERENCES payment (id),
      invoice_id text NOT NULL REFERENCES invoice (id),
      amount bigint NOT NULL CHECK (amount > 0),
      -- The part taken back off the invoice by refunds, a return or a lost chargeback.
      amount_reversed bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (payment_id, invoice_id),
      CHECK (amount_reversed BETWEEN 0 AND amount)
    );
    CREATE INDEX payment_application_invoice ON payment_application (invoice_id);

    -- Credit the vendor gives a customer (a price adjustment, a return), applied to invoices
    -- as a payment would be; what is not applied is the customer's credit balance.
    CREATE TABLE credit_note (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      customer_id text NOT NULL REFERENCES customer (id),
      number text NOT NULL,
      currency char(3) NOT NULL,
      amount bigint NOT NULL CHECK (amount > 0),
      amount_remaining bigint NOT NULL,
      reason text NOT NULL,
      status text NOT NULL CHECK (status IN ('issued', 'void')),
      issued_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      voided_at timestamptz,
      UNIQUE (vendor_id, livemode, number),
      CHECK (amount_remaining BETWEEN 0 AND amount),
      CHECK (status <> 'void' OR amount_remaining = amount)
    );
    CREATE INDEX credit_note_customer ON credit_note (customer_id, currency, issued_on);
    -- The portal's and the vendor API's lists, newest first.
    CREATE INDEX credit_note_customer_created ON credit_note (customer_id, created_at DESC, id DESC);
    CREATE INDEX credit_note_vendor_created ON credit_note
      (vendor_id, livemode, created_at DESC, id DESC);

    CREATE TABLE credit_note_application (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      credit_note_id text NOT NULL REFERENCES credit_note (id),
      invoice_id text NOT NULL REFERENCES invoice (id),
      amount bigint NOT NULL CHECK (amount > 0),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX credit_note_application_note ON credit_note_application (credit_note_id);
    CREATE INDEX credit_note_application_invoice ON credit_note_application (invoice_id);

    -- The customer's word that it sent money outside the portal, until the vendor confirms
    -- (and records the payment) or rejects it.
    CREATE TABLE payment_notice (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      customer_id text NOT NULL REFERENCES customer (id),
      status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
      currency char(3) NOT NULL,
      amount bigint NOT NULL CHECK (amount > 0),
      method text NOT NULL CHECK (method IN ('check', 'wire', 'ach_credit', 'cash', 'other')),
      reference text,
      sent_on date NOT NULL,
      payment_id text REFERENCES payment (id),
      rejection_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      CHECK (status <> 'confirmed' OR payment_id IS NOT NULL),
      CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL)
    );
    CREATE INDEX payment_notice_customer ON payment_notice (customer_id, created_at DESC);
    CREATE INDEX payment_notice_vendor_status ON payment_notice (vendor_id, livemode, status, created_at);
    -- The vendor API's list of notices in every status, newest first.
    CREATE INDEX payment_notice_vendor_created ON payment_notice
      (vendor_id, livemode, created_at DESC, id DESC);

    CREATE TABLE payment_notice_invoice (
      payment_notice_id text NOT NULL REFERENCES payment_notice (id),
      invoice_id text NOT NULL REFERENCES invoice (id),
      amount bigint NOT NULL CHECK (amount > 0),
      PRIMARY KEY (payment_notice_id, invoice_id)
    );

    -- A question about an invoice or a dispute of it, with its messages.
    CREATE TABLE invoice_thread (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      customer_id text NOT NULL REFERENCES customer (id),
      invoice_id text NOT NULL REFERENCES invoice (id),
      kind text NOT NULL CHECK (kind IN ('question', 'dispute')),
      status text NOT NULL CHECK (status IN ('open', 'answered', 'resolved')),
      reason text,
      amount_disputed bigint CHECK (amount_disputed > 0),
      resolution text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      CHECK (kind = 'dispute' OR (reason IS NULL AND amount_disputed IS NULL)),
      CHECK (status <> 'resolved' OR (resolution IS NOT NULL AND resolved_at IS NOT NULL))
    );
    CREATE INDEX invoice_thread_invoice ON invoice_thread (invoice_id, created_at);
    -- Thread lists, latest activity first: the customer's, and the vendor's by status or all.
    CREATE INDEX invoice_thread_customer ON invoice_thread (customer_id, updated_at, id);
    CREATE INDEX invoice_thread_vendor
      ON invoice_thread (vendor_id, livemode, status, updated_at, id);
    CREATE INDEX invoice_thread_vendor_all ON invoice_thread (vendor_id, livemode, updated_at, id);
    -- At most one unresolved dispute per invoice.
    CREATE UNIQUE INDEX invoice_thread_open_dispute ON invoice_thread (invoice_id)
      WHERE kind = 'dispute' AND status <> 'resolved';

    CREATE TABLE thread_message (
      id text PRIMARY KEY,
      -- Insertion order: messages written in the same millisecond still read in order.
      seq bigint GENERATED ALWAYS AS IDENTITY,
      thread_id text NOT NULL REFERENCES invoice_thread (id),
      author text NOT NULL CHECK (author IN ('customer', 'vendor')),
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX thread_message_thread ON thread_message (thread_id, seq);

    -- A customer's request for a higher credit limit, which the vendor approves or declines.
    CREATE TABLE credit_request (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      customer_id text NOT NULL REFERENCES customer (id),
      currency char(3) NOT NULL,
      amount bigint NOT NULL CHECK (amount > 0),
      reason text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'approved', 'declined')),
      amount_approved bigint CHECK (amount_approved > 0),
      decision_note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      CHECK (status <> 'approved' OR amount_approved IS NOT NULL)
    );
    CREATE INDEX credit_request_customer ON credit_request (customer_id, created_at DESC);
    CREATE INDEX credit_request_vendor ON credit_request (vendor_id, livemode, status, created_at);
    -- At most one request waiting per customer.
    CREATE UNIQUE INDEX credit_request_pending ON credit_request (customer_id)
      WHERE status = 'pending';

    CREATE TABLE refund (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      payment_id text NOT NULL REFERENCES payment (id),
      amount bigint NOT NULL CHECK (amount > 0),
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'canceled')),
      reason text,
      provider text NOT NULL,
      provider_ref text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- Set once the refund's amount came off the invoices; a refund is applied at most once.
      applied_at timestamptz,
      UNIQUE (provider, provider_ref)
    );
    CREATE INDEX refund_payment ON refund (payment_id);

    -- A card network's reversal of a card payment (Stripe calls it a dispute).
    CREATE TABLE chargeback (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      payment_id text NOT NULL REFERENCES payment (id),
      amount bigint NOT NULL CHECK (amount > 0),
      reason text NOT NULL,
      status text NOT NULL CHECK (status IN ('needs_response', 'under_review', 'won', 'lost')),
      provider text NOT NULL,
      provider_ref text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (provider, provider_ref)
    );

    -- Provider webhook events already handled, so a redelivery changes nothing.
    CREATE TABLE provider_event (
      provider text NOT NULL,
      event_id text NOT NULL,
      type text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (provider, event_id)
    );

    CREATE TABLE autopay (
      customer_id text PRIMARY KEY REFERENCES customer (id),
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'paused', 'off')),
      payment_method_id text REFERENCES payment_method (id),
      mandate_id text REFERENCES mandate (id),
      -- Invoices due from this day on (vendor's time zone) are charged; older ones are not.
      enabled_on date,
      paused_reason text,
      paused_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status <> 'active' OR (payment_method_id IS NOT NULL AND enabled_on IS NOT NULL))
    );

    -- Work the API's job runners share, the database being the queue: a runner claims rows
    -- with FOR UPDATE SKIP LOCKED and holds them by a lease, so a runner that dies leaves
    -- its rows to another once the lease ends.
    CREATE TABLE job (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL,
      -- Makes a job unique within its kind, such as 'inv_...:2026-12-04' for one autopay charge.
      key text NOT NULL,
      vendor_id text REFERENCES vendor (id),
      payload jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
      run_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_error text,
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, key)
    );
    CREATE INDEX job_due ON job (run_at) WHERE status IN ('queued', 'running');

    CREATE TABLE portal_session (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      customer_id text NOT NULL REFERENCES customer (id),
      token_hash text NOT NULL UNIQUE,
      locale text NOT NULL,
      allowed_origin text,
      -- The tabs and actions the customer gets; every feature when null.
      features text[],
      -- Set on sessions a pay link made: the one invoice the session may see and pay.
      invoice_id text REFERENCES invoice (id),
      pay_link_id text,
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

    -- A link to pay one invoice on the hosted page, /pay/<token>. Exchanged for a portal
    -- session limited to the invoice; expires at a time or after a number of uses.
    CREATE TABLE pay_link (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      customer_id text NOT NULL REFERENCES customer (id),
      invoice_id text NOT NULL REFERENCES invoice (id),
      token_hash text NOT NULL UNIQUE,
      -- Null: unlimited uses until it expires.
      max_uses integer CHECK (max_uses IS NULL OR max_uses > 0),
      use_count integer NOT NULL DEFAULT 0 CHECK (max_uses IS NULL OR use_count <= max_uses),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX pay_link_invoice ON pay_link (invoice_id);

    -- Email: each vendor's SMTP server and the kinds of email it sends (one row per mode),
    -- and every message queued, with a unique key so that each goes out at most once.
    CREATE TABLE email_settings (
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      smtp_host text,
      smtp_port integer CHECK (smtp_port BETWEEN 1 AND 65535),
      -- True: TLS from the first byte (port 465). False: STARTTLS when the server offers it.
      smtp_secure boolean NOT NULL DEFAULT false,
      smtp_username text,
      -- Kept readable because the SMTP login needs it; the API never returns it.
      smtp_password text,
      from_address text,
      from_name text,
      reply_to text,
      send_receipts boolean NOT NULL DEFAULT false,
      send_invoices boolean NOT NULL DEFAULT false,
      send_reminders boolean NOT NULL DEFAULT false,
      -- Days relative to the due date: -3 is three days before it, 7 a week after.
      reminder_days integer[] NOT NULL DEFAULT '{-3,0,3,7,14}',
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (vendor_id, livemode)
    );

    CREATE TABLE email_message (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      kind text NOT NULL CHECK (kind IN ('receipt', 'invoice', 'reminder', 'test')),
      customer_id text REFERENCES customer (id),
      invoice_id text REFERENCES invoice (id),
      payment_id text REFERENCES payment (id),
      -- The reminder's day relative to the due date; null for other kinds.
      step integer,
      -- What the message is about, once: the payment, the invoice, or invoice and step.
      -- Null for test messages, which may repeat.
      dedupe_key text,
      to_address text NOT NULL,
      subject text,
      status text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
      attempts integer NOT NULL DEFAULT 0,
      provider_message_id text,
      error text,
      pay_link_id text REFERENCES pay_link (id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      sent_at timestamptz,
      UNIQUE (vendor_id, livemode, kind, dedupe_key)
    );
    CREATE INDEX email_message_vendor_created ON email_message (vendor_id, livemode, created_at);
    CREATE INDEX email_message_invoice ON email_message (invoice_id);
    -- Lets each job poll find the few unfinished messages without reading the sent ones.
    CREATE INDEX email_message_unfinished ON email_message (id)
      WHERE status IN ('queued', 'sending');
    -- Outgoing webhooks. An endpoint receives the events whose type is in enabled_events
    -- ('*' for all), signed with its secret, which is kept in clear because signing needs it.
    -- After a roll, previous_secret also signs until previous_secret_expires_at.
    CREATE TABLE webhook_endpoint (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      url text NOT NULL,
      description text,
      enabled_events text[] NOT NULL CHECK (cardinality(enabled_events) > 0),
      status text NOT NULL CHECK (status IN ('enabled', 'disabled')),
      secret text NOT NULL,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- The fan-out of every event reads this, so it covers the lookup by vendor and mode.
    CREATE INDEX webhook_endpoint_vendor ON webhook_endpoint (vendor_id, livemode)
      WHERE status = 'enabled';

    -- One event to send to one endpoint, and the queue of its attempts: the delivery job
    -- scheduler queues attempt (attempts + 1) when next_attempt_at has come and sets
    -- queued_attempt to it, so each attempt becomes one job whatever the number of runners.
    CREATE TABLE webhook_delivery (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      endpoint_id text NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
      event_id text NOT NULL REFERENCES event (id),
      -- The delivery this one sends again, for a replay; null for the fan-out's own.
      replay_of text REFERENCES webhook_delivery (id) ON DELETE SET NULL,
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      queued_attempt integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      last_attempt_at timestamptz,
      last_response_status integer,
      last_error text,
      last_duration_ms integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX webhook_delivery_once ON webhook_delivery (endpoint_id, event_id)
      WHERE replay_of IS NULL;
    CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at)
      WHERE status = 'pending';
    CREATE INDEX webhook_delivery_vendor ON webhook_delivery (vendor_id, livemode, created_at);
    CREATE INDEX webhook_delivery_event ON webhook_delivery (event_id);

    -- Every attempt of a delivery, for the list of attempts a vendor reads when debugging.
    CREATE TABLE webhook_attempt (
      delivery_id text NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
      attempt integer NOT NULL,
      started_at timestamptz NOT NULL,
      response_status integer,
      error text,
      duration_ms integer NOT NULL,
      PRIMARY KEY (delivery_id, attempt)
    );

    -- Subscriptions: the vendor's plans, customers' subscriptions to them, the vendor's rules
    -- for them, and the invoices each subscription issued.
    CREATE TABLE plan (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      name text NOT NULL,
      description text,
      interval text NOT NULL CHECK (interval IN ('month', 'year')),
      currency char(3) NOT NULL,
      unit_amount bigint NOT NULL CHECK (unit_amount >= 0),
      active boolean NOT NULL DEFAULT true,
      metadata jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX plan_vendor_created ON plan (vendor_id, livemode, created_at DESC, id DESC);

    CREATE TABLE subscription (
      id text PRIMARY KEY,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      customer_id text NOT NULL REFERENCES customer (id),
      plan_id text NOT NULL REFERENCES plan (id),
      quantity integer NOT NULL CHECK (quantity > 0),
      status text NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'paused', 'canceled')),
      -- Periods are whole months or years from the anchor, so Jan 31 renews on Feb 28 and
      -- then on Mar 31; current_period_end is the anchor plus periods_from_anchor intervals.
      billing_anchor timestamptz NOT NULL,
      periods_from_anchor integer NOT NULL,
      current_period_start timestamptz NOT NULL,
      current_period_end timestamptz NOT NULL,
      trial_end timestamptz,
      cancel_at_period_end boolean NOT NULL DEFAULT false,
      canceled_at timestamptz,
      cancellation_reason text,
      cancellation_comment text,
      paused_at timestamptz,
      -- A downgrade that waits for the period end.
      scheduled_plan_id text REFERENCES plan (id),
      scheduled_quantity integer CHECK (scheduled_quantity > 0),
      scheduled_effective_at timestamptz,
      latest_invoice_id text REFERENCES invoice (id),
      -- While past_due: when the renewal's payment failed, which the retry days count from.
      past_due_since timestamptz,
      -- Invoices issued so far, which numbers the next one.
      invoice_count integer NOT NULL DEFAULT 0,
      metadata jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (current_period_end > current_period_start),
      CHECK ((scheduled_plan_id IS NULL) = (scheduled_effective_at IS NULL)),
      CHECK ((scheduled_plan_id IS NULL) = (scheduled_quantity IS NULL))
    );
    CREATE INDEX subscription_vendor_created
      ON subscription (vendor_id, livemode, created_at DESC, id DESC);
    CREATE INDEX subscription_customer_created ON subscription (customer_id, created_at DESC, id DESC);
    CREATE INDEX subscription_renewal_due ON subscription (current_period_end)
      WHERE status IN ('trialing', 'active', 'past_due');
    -- The payment watcher reads the latest invoice of every active or past_due subscription
    -- on each poll of the job runners.
    CREATE INDEX subscription_collecting ON subscription (latest_invoice_id)
      WHERE status IN ('active', 'past_due');

    CREATE TABLE subscription_invoice (
      invoice_id text PRIMARY KEY REFERENCES invoice (id),
      subscription_id text NOT NULL REFERENCES subscription (id),
      reason text NOT NULL CHECK (reason IN
        ('subscription_create', 'subscription_cycle', 'subscription_update', 'subscription_unpause')),
      period_start timestamptz NOT NULL,
      period_end timestamptz NOT NULL
    );
    CREATE INDEX subscription_invoice_subscription ON subscription_invoice (subscription_id);

    -- One row per vendor and mode once the vendor changes a default.
    CREATE TABLE subscription_settings (
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      pause_allowed boolean NOT NULL,
      downgrade_timing text NOT NULL CHECK (downgrade_timing IN ('now', 'period_end')),
      retry_days integer[] NOT NULL,
      after_last_retry text NOT NULL CHECK (after_last_retry IN ('cancel', 'stay_past_due')),
      cancellation_reasons text[] NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (vendor_id, livemode)
    );

    -- Keys and audit: each vendor API call that changed something, or was rejected trying
    -- to, with the key that made it. Events name the request that recorded them, so an
    -- entry lists what the call changed. Entries are only ever added: the trigger rejects
    -- updates, deletes and truncation.
    ALTER TABLE event ADD COLUMN request_id text;
    CREATE INDEX event_request ON event (request_id) WHERE request_id IS NOT NULL;

    CREATE TABLE audit_entry (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      id text NOT NULL UNIQUE,
      vendor_id text NOT NULL REFERENCES vendor (id),
      livemode boolean NOT NULL,
      api_key_id text NOT NULL REFERENCES api_key (id),
      request_id text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      status integer NOT NULL,
      object_id text,
      -- The JSON request body with secrets replaced by "[redacted]".
      request_body jsonb,
      event_ids text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_entry_tenant ON audit_entry (vendor_id, livemode, seq);
    CREATE INDEX audit_entry_object ON audit_entry (object_id, seq) WHERE object_id IS NOT NULL;

    CREATE FUNCTION audit_entry_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP;
    END
    $$;
    CREATE TRIGGER audit_entry_append_only
      BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH ROW EXECUTE FUNCTION audit_entry_reject_change();
    CREATE TRIGGER audit_entry_no_truncate
      BEFORE TRUNCATE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_reject_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE audit_entry, subscription_settings, subscription_invoice, subscription, plan, webhook_attempt, webhook_delivery, webhook_endpoint, email_message, email_settings, pay_link, job, autopay, provider_event, chargeback, refund, credit_request, thread_message,
      invoice_thread, payment_notice_invoice, payment_notice, credit_note_application,
      credit_note, invoice_tax, ledger_import, event,
      idempotency_key, portal_session, payment_application, payment, mandate, payment_method,
      invoice_line, invoice, customer, api_key, vendor;
    DROP FUNCTION audit_entry_reject_change;
  `.execute(db);
}
