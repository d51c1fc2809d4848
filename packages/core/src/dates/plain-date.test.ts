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

  it('reuses a zone for other instants', () => {
    expect(plainDateIn(new Date('2013-12-01T03:30:00Z'), 'America/New_York')).toBe('2013-11-30');
    expect(plainDateIn(new Date('2013-12-01T05:30:00Z'), 'America/New_York')).toBe('2013-12-01');
  });

  it('stays correct past the zone cache limit', () => {
    const instant = new Date('2013-12-01T03:30:00Z');
    const zones = Intl.supportedValuesOf('timeZone').slice(0, 100);
    const expected = (zone: string) =>
      new Date(instant.getTime() + offsetMinutes(instant, zone) * 60_000)
        .toISOString()
        .slice(0, 10);

    for (const zone of zones) expect(plainDateIn(instant, zone)).toBe(expected(zone));
    expect(plainDateIn(instant, 'America/New_York')).toBe('2013-11-30');
  });

  it('throws RangeError for an unknown zone', () => {
    expect(() => plainDateIn(new Date(), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => plainDateIn(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });

  it('recognises IANA zone names', () => {
    expect(isTimeZone('Europe/Madrid')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

/** Reads the zone's offset from UTC at `instant`, in minutes, from its `longOffset` name. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (match === null) throw new Error(`Unexpected offset name ${name} for ${timeZone}.`);
  if (match[1] === undefined) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
