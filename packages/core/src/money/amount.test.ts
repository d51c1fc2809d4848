import { describe, expect, it } from 'vitest';
import {
  formatDecimalAmount,
  formatMoney,
  isAmount,
  MAX_AMOUNT,
  parseDecimalAmount,
} from './amount.js';
import { currencyExponent, isCurrencyCode } from './currency.js';

describe('currencyExponent', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
  ])('gives %s %i decimals', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it('rejects lowercase and unknown codes', () => {
    expect(isCurrencyCode('usd')).toBe(false);
    expect(() => currencyExponent('XXQ')).toThrow(/Unknown currency code "XXQ"/);
  });
});

describe('parseDecimalAmount', () => {
  it.each([
    ['94', 'USD', 9400],
    ['7.5', 'USD', 750],
    ['50.39', 'USD', 5039],
    ['0.29', 'USD', 29],
    ['1000', 'JPY', 1000],
    ['18.600', 'KWD', 18600],
    ['18.6', 'KWD', 18600],
    ['-3.10', 'USD', -310],
  ])('reads %s %s as %i minor units', (text, currency, expected) => {
    expect(parseDecimalAmount(text, currency)).toBe(expected);
  });

  it('keeps amounts exact where float arithmetic would not', () => {
    // 1.005 * 100 is 100.49999999999999 in binary floating point.
    expect(parseDecimalAmount('1.005', 'KWD')).toBe(1005);
    expect(parseDecimalAmount('0.07', 'USD')).toBe(7);
  });

  it.each([
    ['1.5', 'JPY'],
    ['1.001', 'USD'],
    ['1,50', 'USD'],
    ['1e3', 'USD'],
    ['', 'USD'],
    ['abc', 'USD'],
    ['99999999999999999', 'USD'],
  ])('rejects %j for %s', (text, currency) => {
    expect(parseDecimalAmount(text, currency)).toBeUndefined();
  });
});

describe('formatDecimalAmount', () => {
  it('writes the currency’s exact decimals', () => {
    expect(formatDecimalAmount(5039, 'USD')).toBe('50.39');
    expect(formatDecimalAmount(5, 'USD')).toBe('0.05');
    expect(formatDecimalAmount(1000, 'JPY')).toBe('1000');
    expect(formatDecimalAmount(18600, 'KWD')).toBe('18.600');
    expect(formatDecimalAmount(-310, 'USD')).toBe('-3.10');
  });
});

describe('formatMoney', () => {
  // Intl separates the currency code with a no-break space; compare with plain spaces.
  const format = (amount: number, currency: string, locale: string) =>
    formatMoney(amount, currency, locale).replaceAll('\u00a0', ' ');

  it('formats in the locale with the table’s decimals', () => {
    expect(format(123456, 'USD', 'en-US')).toBe('$1,234.56');
    expect(format(1000, 'JPY', 'en-US')).toBe('¥1,000');
    expect(format(18600, 'KWD', 'en-US')).toBe('KWD 18.600');
    expect(format(123456, 'EUR', 'es-ES')).toBe('1234,56 €');
  });

  it('stays exact at the largest amount', () => {
    expect(format(MAX_AMOUNT - 1, 'USD', 'en-US')).toBe('$9,999,999,999,999.99');
  });
});

describe('isAmount', () => {
  it('accepts whole minor units from 0 to MAX_AMOUNT only', () => {
    expect(isAmount(0)).toBe(true);
    expect(isAmount(MAX_AMOUNT)).toBe(true);
    expect(isAmount(MAX_AMOUNT + 1)).toBe(false);
    expect(isAmount(-1)).toBe(false);
    expect(isAmount(1.5)).toBe(false);
    expect(isAmount('100')).toBe(false);
  });
});
