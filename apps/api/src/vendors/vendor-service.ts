import { isTimeZone } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { recordEvent } from '../events.js';
import { newId } from '../ids.js';
import { hashSecret, newSecretKey } from '../secrets.js';

export interface CreateVendorInput {
  name: string;
  /** Origins allowed to embed the widget, such as `https://billing.example.com`. */
  allowedOrigins?: string[];
  /** IANA time zone that decides due dates and overdue; UTC when left out. */
  timeZone?: string;
  logoUrl?: string;
  primaryColor?: string;
  /** The provider that charges the vendor's customers: `sandbox` (the default) or `stripe`. */
  paymentProvider?: string;
  /** Printed on receipts and documents. */
  email?: string;
  addressLines?: string[];
}

/** Payment providers a vendor can choose; the server must also run the chosen one. */
export const VENDOR_PAYMENT_PROVIDERS = ['sandbox', 'stripe'] as const;

export interface CreatedVendor {
  id: string;
  name: string;
  time_zone: string;
  allowed_origins: string[];
  /** The test-mode secret key, shown once: only its hash is stored. */
  secret_key: string;
}

/** Raised for a vendor field that cannot be stored; `param` names the field. */
export class VendorInputError extends Error {
  override name = 'VendorInputError';
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Normalizes an allowed origin to the exact `scheme://host[:port]` string that browsers
 * send in the `Origin` header. Throws `VendorInputError` for anything else.
 */
export function normalizeOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new VendorInputError(
      'allowed_origins',
      `"${value}" is not a URL; expected an origin such as https://billing.example.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new VendorInputError('allowed_origins', `"${value}" must use http or https.`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new VendorInputError(
      'allowed_origins',
      `"${value}" has a path; an origin is only scheme, host and port, such as ${url.origin}.`,
    );
  }
  return url.origin;
}

/** Creates a vendor with one test-mode secret key, and records both as events. */
export async function createVendor(
  db: Db,
  clock: Clock,
  input: CreateVendorInput,
): Promise<CreatedVendor> {
  const name = input.name.trim();
  if (name === '') throw new VendorInputError('name', 'The vendor name must not be empty.');
  const timeZone = input.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) {
    throw new VendorInputError(
      'time_zone',
      `"${timeZone}" is not an IANA time zone; expected a name such as America/New_York.`,
    );
  }
  const allowedOrigins = [...new Set((input.allowedOrigins ?? []).map(normalizeOrigin))];
  const paymentProvider = input.paymentProvider ?? 'sandbox';
  if (!(VENDOR_PAYMENT_PROVIDERS as readonly string[]).includes(paymentProvider)) {
    throw new VendorInputError(
      'payment_provider',
      `"${paymentProvider}" is not a payment provider; expected one of ${VENDOR_PAYMENT_PROVIDERS.join(', ')}.`,
    );
  }
  const email = input.email?.trim() || null;
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new VendorInputError('email', `"${email}" is not an email address.`);
  }
  const addressLines = (input.addressLines ?? []).map((line) => line.trim()).filter(Boolean);

  const vendorId = newId('ven');
  const keyId = newId('key');
  const secretKey = newSecretKey(false);
  const now = clock.now();

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('vendor')
      .values({
        id: vendorId,
        name,
        time_zone: timeZone,
        allowed_origins: allowedOrigins,
        logo_url: input.logoUrl ?? null,
        primary_color: input.primaryColor ?? null,
        payment_provider: paymentProvider,
        email,
        address_lines: addressLines,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('api_key')
      .values({
        id: keyId,
        vendor_id: vendorId,
        livemode: false,
        secret_hash: hashSecret(secretKey),
        secret_last4: secretKey.slice(-4),
        created_at: now,
        revoked_at: null,
      })
      .execute();
    const base = { vendorId, livemode: false, createdAt: now };
    await recordEvent(trx, {
      ...base,
      type: 'vendor.created',
      objectId: vendorId,
      data: { id: vendorId, name, time_zone: timeZone, allowed_origins: allowedOrigins },
    });
    await recordEvent(trx, {
      ...base,
      type: 'api_key.created',
      objectId: keyId,
      data: { id: keyId, livemode: false, last4: secretKey.slice(-4) },
    });
  });

  return {
    id: vendorId,
    name,
    time_zone: timeZone,
    allowed_origins: allowedOrigins,
    secret_key: secretKey,
  };
}
