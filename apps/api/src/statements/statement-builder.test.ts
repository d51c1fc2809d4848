import { describe, expect, it } from 'vitest';
import { buildStatementSections } from './statement-builder.js';
import type { LedgerInvoice, StatementLedger } from './statement-ledger.js';

const AS_OF = '2013-11-30';
const receiptUrl = (paymentId: string) => `/v1/payments/${paymentId}/receipt`;

function ledger(parts: Partial<StatementLedger>): StatementLedger {
  return { invoices: [], creditNotes: [], creditPayments: [], receivedPayments: [], ...parts };
}

function invoice(fields: Partial<LedgerInvoice> & { id: string }): LedgerInvoice {
  return {
    number: fields.id.toUpperCase(),
    currency: 'USD',
    total: 10_000,
    issueDate: '2013-11-01',
    dueDate: '2013-12-01',
    disputed: false,
    voidedAt: null,
    payments: [],
    credits: [],
    ...fields,
  };
}

function build(parts: Partial<StatementLedger>, timeZone = 'UTC', asOf = AS_OF) {
  return buildStatementSections(ledger(parts), { asOf, timeZone, receiptUrl });
}

describe('buildStatementSections', () => {
  it('counts what was applied by the end of the day', () => {
    const [section] = build({
      invoices: [
        invoice({
          id: 'inv_a',
          payments: [
            { amount: 1_000, at: new Date('2013-11-30T23:59:59Z') },
            { amount: 2_000, at: new Date('2013-12-01T00:00:00Z') },
          ],
          credits: [{ amount: 500, at: new Date('2013-11-15T12:00:00Z') }],
        }),
      ],
    });
    expect(section?.invoices.map((item) => item.amount_open)).toEqual([8_500]);
  });

  it('ends the day in the vendor’s time zone', () => {
    const paidAt = new Date('2013-12-01T03:00:00Z');
    const parts = {
      invoices: [invoice({ id: 'inv_a', payments: [{ amount: 10_000, at: paidAt }] })],
    };
    expect(build(parts, 'UTC')[0]?.invoices).toHaveLength(1);
    expect(build(parts, 'America/New_York')).toEqual([]);
  });

  it('leaves out invoices issued later, voided or settled', () => {
    const sections = build({
      invoices: [
        invoice({ id: 'inv_later', issueDate: '2013-12-01' }),
        invoice({ id: 'inv_void', voidedAt: new Date('2013-11-20T10:00:00Z') }),
        invoice({ id: 'inv_void_later', voidedAt: new Date('2013-12-02T10:00:00Z') }),
        invoice({
          id: 'inv_paid',
          payments: [{ amount: 10_000, at: new Date('2013-11-29T10:00:00Z') }],
        }),
      ],
    });
    expect(sections[0]?.invoices.map((item) => item.invoice)).toEqual(['inv_void_later']);
  });

  it('ages open amounts by days past due', () => {
    const [section] = build({
      invoices: [
        invoice({ id: 'inv_current', dueDate: '2013-11-30', total: 100 }),
        invoice({ id: 'inv_1', dueDate: '2013-11-29', total: 200 }),
        invoice({ id: 'inv_31', dueDate: '2013-10-30', total: 300 }),
        invoice({ id: 'inv_61', dueDate: '2013-09-30', total: 400 }),
        invoice({ id: 'inv_91', dueDate: '2013-08-31', total: 500, issueDate: '2013-08-01' }),
      ],
    });
    expect(section?.aging).toEqual({
      current: 100,
      '1_30': 200,
      '31_60': 300,
      '61_90': 400,
      over_90: 500,
    });
    expect(section?.invoices.map((item) => [item.invoice, item.days_past_due])).toEqual([
      ['inv_91', 91],
      ['inv_61', 61],
      ['inv_31', 31],
      ['inv_1', 1],
      ['inv_current', 0],
    ]);
    expect(section?.invoices_total).toBe(1_500);
    expect(section?.balance).toBe(1_500);
  });

  it('restores credit applied after the date', () => {
    const [section] = build({
      creditNotes: [
        {
          id: 'cn_1',
          number: 'CN-1',
          currency: 'USD',
          issuedOn: '2013-11-10',
          voidedAt: null,
          amountRemaining: 1_000,
          recentApplications: [
            { amount: 3_000, at: new Date('2013-12-05T10:00:00Z') },
            { amount: 500, at: new Date('2013-11-30T10:00:00Z') },
          ],
        },
        {
          id: 'cn_later',
          number: 'CN-2',
          currency: 'USD',
          issuedOn: '2013-12-01',
          voidedAt: null,
          amountRemaining: 700,
          recentApplications: [],
        },
      ],
      creditPayments: [
        {
          id: 'pay_1',
          currency: 'USD',
          amount: 5_000,
          succeededAt: new Date('2013-11-20T10:00:00Z'),
          amountUnapplied: 0,
          reference: 'Check 1042',
          recentApplications: [{ amount: 1_200, at: new Date('2013-12-03T10:00:00Z') }],
        },
        {
          id: 'pay_later',
          currency: 'USD',
          amount: 5_000,
          succeededAt: new Date('2013-12-01T10:00:00Z'),
          amountUnapplied: 5_000,
          reference: null,
          recentApplications: [],
        },
      ],
    });
    expect(section?.credits).toEqual([
      {
        type: 'credit_note',
        id: 'cn_1',
        reference: 'CN-1',
        date: '2013-11-10',
        amount_open: 4_000,
      },
      {
        type: 'payment',
        id: 'pay_1',
        reference: 'Check 1042',
        date: '2013-11-20',
        amount_open: 1_200,
      },
    ]);
    expect(section?.credits_total).toBe(5_200);
    expect(section?.balance).toBe(-5_200);
  });

  it('lists payments of the last 30 days', () => {
    const payment = (id: string, at: string) => ({
      id,
      currency: 'USD',
      amount: 100,
      succeededAt: new Date(at),
      method: 'card',
    });
    const [section] = build({
      receivedPayments: [
        payment('pay_old', '2013-10-31T12:00:00Z'),
        payment('pay_first_day', '2013-11-01T12:00:00Z'),
        payment('pay_last_day', '2013-11-30T12:00:00Z'),
        payment('pay_after', '2013-12-01T12:00:00Z'),
      ],
    });
    expect(section?.recent_payments).toEqual([
      {
        payment: 'pay_last_day',
        date: '2013-11-30',
        amount: 100,
        method: 'card',
        receipt_url: '/v1/payments/pay_last_day/receipt',
      },
      {
        payment: 'pay_first_day',
        date: '2013-11-01',
        amount: 100,
        method: 'card',
        receipt_url: '/v1/payments/pay_first_day/receipt',
      },
    ]);
    expect(section?.invoices).toEqual([]);
    expect(section?.balance).toBe(0);
  });

  it('keeps one section per currency', () => {
    const sections = build({
      invoices: [
        invoice({ id: 'inv_usd', currency: 'USD', total: 1_000 }),
        invoice({ id: 'inv_eur', currency: 'EUR', total: 2_000 }),
        invoice({ id: 'inv_jpy', currency: 'JPY', total: 3_000 }),
      ],
    });
    expect(sections.map((section) => [section.currency, section.invoices_total])).toEqual([
      ['EUR', 2_000],
      ['JPY', 3_000],
      ['USD', 1_000],
    ]);
  });
});
