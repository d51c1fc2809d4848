import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWebhook } from './webhook-sender.js';
import { WebhookReceiver } from './webhook-test-kit.js';

let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await WebhookReceiver.start(4576);
  receiver.respond = async (request) => {
    if (request.path === '/moved') return 302;
    if (request.path === '/slow') await new Promise((resolve) => setTimeout(resolve, 500));
    if (request.path === '/accepted') return 202;
    return 200;
  };
});
afterAll(() => receiver.close());

function send(url: string, timeoutMs = 2_000) {
  return sendWebhook({ url, body: '{"object":"event"}', headers: {}, timeoutMs });
}

describe('sendWebhook', () => {
  it('counts any 2xx as success', async () => {
    const outcome = await send(`${receiver.url}/accepted`);
    expect(outcome.succeeded).toBe(true);
    expect(outcome.responseStatus).toBe(202);
    expect(outcome.error).toBeNull();
  });

  it('fails on a redirect', async () => {
    const outcome = await send(`${receiver.url}/moved`);
    expect(outcome.succeeded).toBe(false);
    expect(outcome.responseStatus).toBe(302);
    expect(outcome.error).toMatch(/HTTP 302; expected a 2xx/);
    expect(receiver.requestsTo('/moved')).toHaveLength(1);
  });

  it('fails after the timeout', async () => {
    const outcome = await send(`${receiver.url}/slow`, 100);
    expect(outcome.succeeded).toBe(false);
    expect(outcome.responseStatus).toBeNull();
    expect(outcome.error).toBe(
      'No response within 100 ms; the endpoint must respond before the timeout.',
    );
    expect(outcome.durationMs).toBeGreaterThanOrEqual(90);
  });

  it('fails on a refused connection', async () => {
    // Nothing listens on this port of the range the webhook tests use.
    const outcome = await send('http://127.0.0.1:4577/hooks');
    expect(outcome.succeeded).toBe(false);
    expect(outcome.responseStatus).toBeNull();
    expect(outcome.error).toMatch(/^The request failed before a response: .*ECONNREFUSED/);
  });
});
