import { describe, expect, it } from 'vitest';
import { type AllocatableInvoice, allocateOldestFirst, compareOldestFirst } from './allocation.js';

// Four open invoices of one imported customer (6708-DPYTF as of 2013-11-30), listed out of
// order on purpose: allocation must sort them itself.
const OPEN: AllocatableInvoice[] = [
  { id: 'inv_c', number: '1474447710', due_date: '2013-12-07', payable: 6_692 },
  { id: 'inv_a', number: '9982796720', due_date: '2013-11-17', payable: 7_961 },
  { id: 'inv_d', number: '839756390', due_date: '2013-12-25', payable: 7_618 },
  { id: 'inv_b', number: '8111779828', due_date: '2013-11-23', payable: 9_324 },
];

describe('allocateOldestFirst', () => {
  it('fills the oldest invoices and pays the last one partly', () => {
    expect(allocateOldestFirst(OPEN, 20_000)).toEqual({
      applications: [
        { invoice: 'inv_a', amount: 7_961 },
        { invoice: 'inv_b', amount: 9_324 },
        { invoice: 'inv_c', amount: 2_715 },
      ],
      excess: 0,
    });
  });

  it('pays every invoice exactly when the amount is the open balance', () => {
    const result = allocateOldestFirst(OPEN, 31_595);
    expect(result.applications.map((line) => line.invoice)).toEqual([
      'inv_a',
      'inv_b',
      'inv_c',
      'inv_d',
    ]);
    expect(result.applications.map((line) => line.amount)).toEqual([7_961, 9_324, 6_692, 7_618]);
    expect(result.excess).toBe(0);
  });

  it('returns what is above the open balance as excess', () => {
    const result = allocateOldestFirst(OPEN, 40_000);
    expect(result.applications.reduce((sum, line) => sum + line.amount, 0)).toBe(31_595);
    expect(result.excess).toBe(8_405);
  });

  it('pays part of the oldest invoice when the amount is small', () => {
    expect(allocateOldestFirst(OPEN, 1)).toEqual({
      applications: [{ invoice: 'inv_a', amount: 1 }],
      excess: 0,
    });
  });

  it('skips invoices with nothing payable', () => {
    const pending = OPEN.map((invoice) =>
      invoice.id === 'inv_a' ? { ...invoice, payable: 0 } : invoice,
    );
    expect(allocateOldestFirst(pending, 10_000).applications).toEqual([
      { invoice: 'inv_b', amount: 9_324 },
      { invoice: 'inv_c', amount: 676 },
    ]);
  });

  it('splits whole yen as 333 then 667 on one invoice', () => {
    const invoice = { id: 'inv_jpy', number: 'JP-1', due_date: '2026-04-01', payable: 1_000 };
    const first = allocateOldestFirst([invoice], 333);
    expect(first).toEqual({ applications: [{ invoice: 'inv_jpy', amount: 333 }], excess: 0 });
    const second = allocateOldestFirst([{ ...invoice, payable: 667 }], 667);
    expect(second).toEqual({ applications: [{ invoice: 'inv_jpy', amount: 667 }], excess: 0 });
  });

  it('returns the whole amount as excess when nothing is open', () => {
    expect(allocateOldestFirst([], 5_000)).toEqual({ applications: [], excess: 5_000 });
  });

  it('leaves the input list in its order', () => {
    const copy = [...OPEN];
    allocateOldestFirst(OPEN, 5_000);
    expect(OPEN).toEqual(copy);
  });

  it.each([-1, 1.5, Number.NaN])('rejects an amount of %s', (amount) => {
    expect(() => allocateOldestFirst(OPEN, amount)).toThrow(RangeError);
  });

  it('rejects a negative payable', () => {
    const broken = [{ ...OPEN[0], payable: -5 } as AllocatableInvoice];
    expect(() => allocateOldestFirst(broken, 100)).toThrow(/payable of inv_c/);
  });
});

describe('compareOldestFirst', () => {
  it('orders by due date before number', () => {
    const late = { id: 'inv_1', number: 'A-1', due_date: '2026-05-01' };
    const early = { id: 'inv_2', number: 'Z-9', due_date: '2026-04-30' };
    expect([late, early].sort(compareOldestFirst)).toEqual([early, late]);
  });

  it('compares the digits of numbers as numbers on the same due date', () => {
    const ten = { id: 'inv_1', number: 'INV-10', due_date: '2026-04-30' };
    const nine = { id: 'inv_2', number: 'INV-9', due_date: '2026-04-30' };
    const imported = { id: 'inv_3', number: '839756390', due_date: '2026-04-30' };
    const longer = { id: 'inv_4', number: '1474447710', due_date: '2026-04-30' };
    expect([ten, nine].sort(compareOldestFirst).map((invoice) => invoice.number)).toEqual([
      'INV-9',
      'INV-10',
    ]);
    expect([longer, imported].sort(compareOldestFirst).map((invoice) => invoice.number)).toEqual([
      '839756390',
      '1474447710',
    ]);
  });

  it('falls back to the id when date and number tie', () => {
    const a = { id: 'inv_a', number: '7', due_date: '2026-04-30' };
    const b = { id: 'inv_b', number: '7', due_date: '2026-04-30' };
    expect(compareOldestFirst(b, a)).toBeGreaterThan(0);
    expect(compareOldestFirst(a, a)).toBe(0);
  });
});
