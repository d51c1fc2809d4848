import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  constructWebhookEvent,
  DulyWebhookSignatureError,
  verifyWebhookSignature,
} from './webhook-signature.js';

const SECRET = 'whsec_UnitTestSecret000000000000000';
const NOW_SECONDS = 1_780_000_000;
const BODY = JSON.stringify({
  id: 'evt_1',
  object: 'event',
  type: 'invoice.paid',
  created_at: '2026-05-28T20:26:40.000Z',
  livemode: false,
  data: { object: { id: 'inv_1', status: 'paid' } },
});

function sign(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

function header(secrets: string[], timestamp = NOW_SECONDS, body = BODY): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${sign(secret, timestamp, body)}`)].join(
    ',',
  );
}

const now = NOW_SECONDS * 1000;

async function codeOf(verify: Promise<unknown>): Promise<string> {
  try {
    await verify;
  } catch (error) {
    expect(error).toBeInstanceOf(DulyWebhookSignatureError);
    return (error as DulyWebhookSignatureError).code;
  }
  throw new Error('Expected the verification to throw.');
}

describe('verifyWebhookSignature', () => {
  it('accepts a signed body', async () => {
    const event = await constructWebhookEvent(BODY, header([SECRET]), SECRET, { now });
    expect(event.id).toBe('evt_1');
    expect(event.data.object.status).toBe('paid');
  });

  it('accepts any v1 signature', async () => {
    const signed = header(['whsec_OldSecret', SECRET]);
    await expect(verifyWebhookSignature(BODY, signed, SECRET, { now })).resolves.toBeUndefined();
  });

  it('accepts any of several secrets', async () => {
    const signed = header([SECRET]);
    await expect(
      verifyWebhookSignature(BODY, signed, ['whsec_NewSecret', SECRET], { now }),
    ).resolves.toBeUndefined();
  });

  it('rejects a changed body', async () => {
    const changed = BODY.replace('paid', 'void');
    expect(await codeOf(verifyWebhookSignature(changed, header([SECRET]), SECRET, { now }))).toBe(
      'signature_mismatch',
    );
  });

  it('rejects timestamps beyond the tolerance', async () => {
    const old = header([SECRET], NOW_SECONDS - 61);
    const future = header([SECRET], NOW_SECONDS + 61);
    const options = { now, toleranceSeconds: 60 };
    expect(await codeOf(verifyWebhookSignature(BODY, old, SECRET, options))).toBe(
      'signature_timestamp_outside_tolerance',
    );
    expect(await codeOf(verifyWebhookSignature(BODY, future, SECRET, options))).toBe(
      'signature_timestamp_outside_tolerance',
    );
  });

  it('rejects malformed headers', async () => {
    for (const malformed of ['v1=abc', `t=${NOW_SECONDS}`, `t=soon,v1=${'a'.repeat(64)}`, 'junk']) {
      expect(await codeOf(verifyWebhookSignature(BODY, malformed, SECRET, { now }))).toBe(
        'signature_header_malformed',
      );
    }
    expect(await codeOf(verifyWebhookSignature(BODY, '', SECRET, { now }))).toBe(
      'signature_header_missing',
    );
    expect(await codeOf(verifyWebhookSignature(BODY, null, SECRET, { now }))).toBe(
      'signature_header_missing',
    );
  });

  it('rejects a signed body that is no event', async () => {
    const body = '{"hello":"world"}';
    const signed = header([SECRET], NOW_SECONDS, body);
    expect(await codeOf(constructWebhookEvent(body, signed, SECRET, { now }))).toBe(
      'payload_malformed',
    );
  });

  it('throws TypeError without a secret', async () => {
    await expect(verifyWebhookSignature(BODY, header([SECRET]), [], { now })).rejects.toThrow(
      TypeError,
    );
    await expect(verifyWebhookSignature(BODY, header([SECRET]), '', { now })).rejects.toThrow(
      /signing secret/,
    );
  });
});
