import { describe, expect, it } from 'vitest';
import { prorate } from './proration.js';

const at = (iso: string) => new Date(iso);

describe('prorate', () => {
  it('credits and charges an upgrade mid-month', () => {
    // December has 2,678,400 s; 16 days (1,382,400 s) are left on the 16th at midnight.
    // 10,000 x 1,382,400 / 2,678,400 = 5,161.29 -> 5,161; 25,000 x ... = 12,903.23 -> 12,903.
    expect(
      prorate({
        periodStart: at('2026-12-01T00:00:00Z'),
        periodEnd: at('2027-01-01T00:00:00Z'),
        changeAt: at('2026-12-16T00:00:00Z'),
        from: { unitAmount: 10_000, quantity: 1 },
        to: { unitAmount: 25_000, quantity: 1 },
      }),
    ).toEqual({
      secondsLeft: 1_382_400,
      periodSeconds: 2_678_400,
      credit: 5_161,
      charge: 12_903,
      net: 7_742,
    });
  });

  it('owes the customer on a downgrade', () => {
    // 10 days of 30 left: 4,999 x 1/3 = 1,666.33 -> 1,666; 1,999 x 1/3 = 666.33 -> 666.
    expect(
      prorate({
        periodStart: at('2026-11-01T00:00:00Z'),
        periodEnd: at('2026-12-01T00:00:00Z'),
        changeAt: at('2026-11-21T00:00:00Z'),
        from: { unitAmount: 4_999, quantity: 1 },
        to: { unitAmount: 1_999, quantity: 1 },
      }),
    ).toMatchObject({ credit: 1_666, charge: 666, net: -1_000 });
  });

  it('prorates yearly yen quantities', () => {
    // 2026 has 31,536,000 s; noon of July 2 leaves exactly half. 1,001 x 3 / 2 = 1,501.5 -> 1,502
    // (half up); 1,001 x 5 / 2 = 2,502.5 -> 2,503.
    expect(
      prorate({
        periodStart: at('2026-01-01T00:00:00Z'),
        periodEnd: at('2027-01-01T00:00:00Z'),
        changeAt: at('2026-07-02T12:00:00Z'),
        from: { unitAmount: 1_001, quantity: 3 },
        to: { unitAmount: 1_001, quantity: 5 },
      }),
    ).toEqual({
      secondsLeft: 15_768_000,
      periodSeconds: 31_536_000,
      credit: 1_502,
      charge: 2_503,
      net: 1_001,
    });
  });

  it('prorates whole and empty periods', () => {
    const period = {
      periodStart: at('2026-12-01T00:00:00Z'),
      periodEnd: at('2027-01-01T00:00:00Z'),
      from: { unitAmount: 10_000, quantity: 2 },
      to: { unitAmount: 12_000, quantity: 2 },
    };
    expect(prorate({ ...period, changeAt: period.periodStart })).toMatchObject({
      credit: 20_000,
      charge: 24_000,
    });
    expect(prorate({ ...period, changeAt: period.periodEnd })).toMatchObject({
      credit: 0,
      charge: 0,
      net: 0,
    });
  });

  it('repeats for the same instant', () => {
    const request = {
      periodStart: at('2026-12-01T00:00:00Z'),
      periodEnd: at('2027-01-01T00:00:00Z'),
      changeAt: at('2026-12-09T07:13:21.900Z'),
      from: { unitAmount: 3_333, quantity: 7 },
      to: { unitAmount: 4_444, quantity: 9 },
    };
    expect(prorate(request)).toEqual(prorate({ ...request, changeAt: new Date(request.changeAt) }));
  });

  it('rejects bad periods and amounts', () => {
    const period = {
      periodStart: at('2026-12-01T00:00:00Z'),
      periodEnd: at('2027-01-01T00:00:00Z'),
      from: { unitAmount: 100, quantity: 1 },
      to: { unitAmount: 200, quantity: 1 },
    };
    expect(() => prorate({ ...period, changeAt: at('2026-11-30T23:59:59Z') })).toThrow(
      /outside the period/,
    );
    expect(() =>
      prorate({ ...period, periodEnd: period.periodStart, changeAt: period.periodStart }),
    ).toThrow(/ends/);
    expect(() =>
      prorate({
        ...period,
        changeAt: at('2026-12-10T00:00:00Z'),
        to: { unitAmount: 1.5, quantity: 1 },
      }),
    ).toThrow(/to.unitAmount must be a whole number/);
  });
});
