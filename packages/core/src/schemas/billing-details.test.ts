import { describe, expect, it } from 'vitest';
import { isCountryCode, UpdateBillingDetailsRequestSchema } from './billing-details.js';

describe('isCountryCode', () => {
  it('accepts countries', () => {
    for (const code of ['US', 'DE', 'JP', 'KW', 'XK']) expect(isCountryCode(code), code).toBe(true);
  });

  it('rejects unknown and non-country codes', () => {
    for (const code of ['ZZ', 'XX', 'AA', 'EU', 'UN', 'us', 'USA', '']) {
      expect(isCountryCode(code), code).toBe(false);
    }
  });
});

describe('UpdateBillingDetailsRequestSchema', () => {
  it('rejects an address in an unknown country', () => {
    const result = UpdateBillingDetailsRequestSchema.safeParse({
      address: { line1: '1 Main St', city: 'Springfield', country: 'ZZ' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['address', 'country']);
  });
});
