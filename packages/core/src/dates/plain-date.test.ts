import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isPlainDate, isTimeZone, plainDateIn } from './plain-date.js';

describe('isPlainDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isPlainDate('2013-11-30')).toBe(true);
    expect(isPlainDate('2012-02-29')).toBe(true);
    expect(isPlainDate('2013-02-29')).toBe(false);
    expect(isPlainDate('2013-13-01')).toBe(false);
    expect(isPlainDate('2013-11-30T00:00:00Z')).toBe(false);
    expect(isPlainDate('30/11/2013')).toBe(false);
  });
});

describe('date arithmetic', () => {
  it('crosses months, leap days and years', () => {
    expect(addDays('2012-02-28', 1)).toBe('2012-02-29');
    expect(addDays('2013-12-31', 1)).toBe('2014-01-01');
    expect(addDays('2013-03-01', -1)).toBe('2013-02-28');
    expect(daysBetween('2012-01-03', '2012-02-02')).toBe(30);
    expect(daysBetween('2013-11-30', '2012-01-03')).toBe(-697);
  });
});

describe('plainDateIn', () => {
  it('gives the calendar date in the vendor’s time zone', () => {
    const instant = new Date('2013-12-01T03:30:00Z');
    expect(plainDateIn(instant, 'UTC')).toBe('2013-12-01');
    expect(plainDateIn(instant, 'America/New_York')).toBe('2013-11-30');
    expect(plainDateIn(instant, 'Asia/Tokyo')).toBe('2013-12-01');
  });

  it('recognises IANA zone names', () => {
    expect(isTimeZone('Europe/Madrid')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
