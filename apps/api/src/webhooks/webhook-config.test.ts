import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

describe('webhook settings', () => {
  it('reads the retry schedule and timeout', () => {
    const config = loadConfig({
      DULY_WEBHOOK_BACKOFF_MS: '100,200,400',
      DULY_WEBHOOK_TIMEOUT_MS: '2500',
    });
    expect(config.webhookRetryScheduleMs).toEqual([100, 200, 400]);
    expect(config.webhookTimeoutMs).toBe(2_500);
  });

  it('defaults to the built-in schedule', () => {
    const config = loadConfig({});
    expect(config.webhookRetryScheduleMs).toBeUndefined();
    expect(config.webhookTimeoutMs).toBe(10_000);
  });

  it('rejects a malformed schedule', () => {
    expect(() => loadConfig({ DULY_WEBHOOK_BACKOFF_MS: '1 minute' })).toThrow(ConfigError);
    expect(() => loadConfig({ DULY_WEBHOOK_BACKOFF_MS: '100,,200' })).toThrow(
      /DULY_WEBHOOK_BACKOFF_MS="100,,200": must be whole numbers of milliseconds/,
    );
    expect(() => loadConfig({ DULY_WEBHOOK_TIMEOUT_MS: '0' })).toThrow(/at least 1 millisecond/);
  });
});
