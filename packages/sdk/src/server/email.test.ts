import { describe, expect, it } from 'vitest';
import { DulyApiError } from '../errors.js';
import { problem } from '../testing/stub-server.js';
import { stubbedServerClients } from '../testing/stubbed-server-clients.js';

const { clientAnswering, clientReplying } = stubbedServerClients();

describe('email settings', () => {
  it('updates settings with PATCH', async () => {
    const settings = {
      object: 'email_settings',
      smtp_host: 'smtp.example.com',
      has_password: true,
    };
    const { duly, requests } = await clientAnswering(200, settings);

    const result = await duly.emailSettings.update({
      smtp_host: 'smtp.example.com',
      smtp_password: 'secret',
      send_reminders: true,
    });

    expect(result).toEqual(settings);
    expect(requests[0]?.method).toBe('PATCH');
    expect(requests[0]?.url).toBe('/v1/email_settings');
    expect(requests[0]?.headers.authorization).toBe('Bearer sk_test_abc');
    expect(requests[0]?.body).toEqual({
      smtp_host: 'smtp.example.com',
      smtp_password: 'secret',
      send_reminders: true,
    });
  });

  it('reads settings with GET', async () => {
    const { duly, requests } = await clientAnswering(200, { object: 'email_settings' });

    await duly.emailSettings.retrieve();

    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url).toBe('/v1/email_settings');
  });

  it('surfaces a refused test email', async () => {
    const { duly, requests } = await clientReplying(problem(502, 'email_delivery_failed'));

    const error = await duly.emailSettings
      .sendTest({ to: 'owner@example.com' })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyApiError);
    expect((error as DulyApiError).code).toBe('email_delivery_failed');
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('/v1/email_settings/test');
    expect(requests[0]?.body).toEqual({ to: 'owner@example.com' });
  });
});

describe('emails', () => {
  it('lists emails with filters', async () => {
    const page = { object: 'list', data: [], next_cursor: null };
    const { duly, requests } = await clientAnswering(200, page);

    const result = await duly.emails.list({ invoice: 'inv_1', kind: 'reminder', limit: 10 });

    expect(result).toEqual(page);
    expect(requests[0]?.url).toBe('/v1/emails?invoice=inv_1&kind=reminder&limit=10');
  });
});
