import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS } from '../schemas/statement.js';
import { ageOpenItems, agingBucket, daysPastDue, emptyAgingTotals } from './aging.js';

describe('agingBucket', () => {
  it('puts each edge day in its bucket', () => {
    const cases: Array<[number, string]> = [
      [-30, 'current'],
      [0, 'current'],
      [1, '1_30'],
      [30, '1_30'],
      [31, '31_60'],
      [60, '31_60'],
      [61, '61_90'],
      [90, '61_90'],
      [91, 'over_90'],
      [700, 'over_90'],
    ];
    for (const [days, bucket] of cases) expect(agingBucket(days), `${days} days`).toBe(bucket);
  });

  it('rejects fractional days', () => {
    expect(() => agingBucket(1.5)).toThrow('Days past due must be a whole number; received 1.5.');
  });
});

describe('daysPastDue', () => {
  it('counts from the due date to the as-of date', () => {
    expect(daysPastDue('2013-11-30', '2013-11-30')).toBe(0);
    expect(daysPastDue('2013-12-05', '2013-11-30')).toBe(-5);
    expect(daysPastDue('2013-10-31', '2013-11-30')).toBe(30);
    expect(daysPastDue('2012-02-28', '2012-03-01')).toBe(2);
  });
});

describe('ageOpenItems', () => {
  it('sums open amounts per bucket', () => {
    const totals = ageOpenItems(
      [
        { dueDate: '2013-12-15', amountOpen: 1_000 },
        { dueDate: '2013-11-30', amountOpen: 250 },
        { dueDate: '2013-11-29', amountOpen: 3 },
        { dueDate: '2013-10-31', amountOpen: 40 },
        { dueDate: '2013-10-30', amountOpen: 500 },
        { dueDate: '2013-09-01', amountOpen: 7 },
        { dueDate: '2013-08-01', amountOpen: 9_999 },
      ],
      '2013-11-30',
    );
    expect(totals).toEqual({
      current: 1_250,
      '1_30': 43,
      '31_60': 500,
      '61_90': 7,
      over_90: 9_999,
    });
  });

  it('lists every bucket when nothing is open', () => {
    expect(ageOpenItems([], '2013-11-30')).toEqual(emptyAgingTotals());
    expect(Object.keys(emptyAgingTotals())).toEqual([...AGING_BUCKETS]);
  });
});
