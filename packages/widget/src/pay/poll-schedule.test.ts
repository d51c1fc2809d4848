import { expect } from '@open-wc/testing';
import '../define.js';
import { pollPause } from './poll-schedule.js';

/** Returns the times, in ms after the payment, of the first `count` checks. */
function checkTimes(count: number, interval: number): number[] {
  const times: number[] = [];
  let elapsed = 0;
  for (let check = 0; check < count; check += 1) {
    elapsed += pollPause(check, interval);
    times.push(elapsed);
  }
  return times;
}

describe('pollPause', () => {
  it('checks every 3 s for the first minute by default', () => {
    const interval = document.createElement('duly-pay').pollInterval;
    const times = checkTimes(20, interval);

    expect(interval).to.equal(3000);
    expect(times.slice(0, 5)).to.deep.equal([3000, 6000, 9000, 12000, 15000]);
    expect(times[19]).to.equal(60_000);
    // A sandbox debit that clears 15 s after the payment shows by the check at 18 s.
    expect(times.find((time) => time > 15_000)).to.equal(18_000);
  });

  it('doubles the pause after the first minute', () => {
    const pauses = Array.from({ length: 7 }, (_, index) => pollPause(19 + index, 3000));

    expect(pauses).to.deep.equal([3000, 6000, 12_000, 24_000, 48_000, 60_000, 60_000]);
  });

  it('never waits more than a minute', () => {
    expect(pollPause(100, 3000)).to.equal(60_000);
    expect(pollPause(0, 90_000)).to.equal(60_000);
  });
});
