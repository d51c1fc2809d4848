import { describe, expect, it } from 'vitest';
import { invoiceList } from './stripe-provider.js';

describe('invoiceList', () => {
  it('joins a few invoice ids', () => {
    expect(invoiceList(['inv_a', 'inv_b'])).toBe('inv_a,inv_b');
  });

  it('fits many ids in 500 characters and counts the rest', () => {
    const ids = Array.from({ length: 40 }, (_, index) => `inv_${String(index).padStart(20, '0')}`);

    const value = invoiceList(ids);

    expect(value.length).toBeLessThanOrEqual(500);
    const [kept, rest] = value.split(',+');
    const keptIds = kept?.split(',') ?? [];
    expect(keptIds).toEqual(ids.slice(0, keptIds.length));
    expect(rest).toBe(`${ids.length - keptIds.length} more`);
  });
});
