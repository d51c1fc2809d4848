import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redaction.js';

describe('redactSecrets', () => {
  it('redacts fields named like secrets', () => {
    expect(
      redactSecrets({
        smtp: { host: 'smtp.example.com', password: 'hunter2' },
        signing_secret: 'abc',
        api_token: 42,
        reset_token: null,
      }),
    ).toEqual({
      smtp: { host: 'smtp.example.com', password: '[redacted]' },
      signing_secret: '[redacted]',
      api_token: '[redacted]',
      reset_token: null,
    });
  });

  it('redacts issued secrets inside strings', () => {
    const text =
      'keys sk_live_Ab12Cd34Ef56 sk_test_Zz99 pst_Q1w2E3 plt_R4t5Y6 whsec_U7i8O9, not sk_other_1';

    expect(redactSecrets([text])).toEqual([
      'keys sk_live_[redacted] sk_test_[redacted] pst_[redacted] plt_[redacted] whsec_[redacted], not sk_other_1',
    ]);
  });

  it('keeps ids and plain values', () => {
    const body = { key: 'key_4fQz8Lm2Np6Rt0Vx3Yb7', expires_in_seconds: 600, force: true };

    expect(redactSecrets(body)).toEqual(body);
  });
});
