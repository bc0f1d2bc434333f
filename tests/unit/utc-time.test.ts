import { afterAll, describe, expect, it } from 'vitest';
import { seriesPoints, DENSE } from '../../src/lib/charts/series';
import { utcTime } from '../../src/lib/charts/utc-time';
import { signal } from './factories';

// Kiritimati moved from UTC−10 to UTC+14 by skipping 31 December 1994: that
// day has no local midnight there. Node reads TZ again when it changes.
const zone = process.env.TZ;
process.env.TZ = 'Pacific/Kiritimati';
afterAll(() => {
  process.env.TZ = zone;
});

/** UTC midnight of 31 December 1994, worked out by hand: 9,130 days after 1970-01-01. */
const DEC_31_1994 = 9_130 * 86_400_000;

describe('calendar dates on the time axis', () => {
  it('runs in a zone that skipped 31 December 1994 (so local dates would move it)', () => {
    const local = new Date(1994, 11, 31);
    expect([local.getFullYear(), local.getMonth() + 1, local.getDate()]).toEqual([1995, 1, 1]);
    expect(Date.UTC(1994, 11, 31)).toBe(DEC_31_1994);
  });

  it('plots a signal dated 1994-12-31 at UTC midnight of that day, and the axis reads it as that day', () => {
    const [point] = seriesPoints([signal({ date: '1994-12-31' })], 'intended');
    expect(point.x).toBe(DEC_31_1994);
    expect(utcTime.format(point.x, 'date')).toBe('31 Dec 1994');
    expect(utcTime.format(point.x, 'day')).toBe('31 Dec');
    expect(utcTime.startOf(point.x, 'day')).toBe(DEC_31_1994);
  });

  it('does the same for a long, decimated series', () => {
    const list = Array.from({ length: DENSE + 1 }, (_, k) =>
      signal({ date: k === DENSE ? '1995-01-01' : '1994-12-31', intended: k % 100 }),
    );
    const points = seriesPoints(list, 'intended');
    expect(points[0].x).toBe(DEC_31_1994);
    expect(points.at(-1)!.x).toBe(DEC_31_1994 + 86_400_000);
  });

  it('steps months, weeks and years in UTC', () => {
    const jan31 = Date.UTC(2020, 0, 31);
    // 31 January plus a month is the last day of February 2020 (a leap year).
    expect(utcTime.add(jan31, 1, 'month')).toBe(Date.UTC(2020, 1, 29));
    expect(utcTime.diff(Date.UTC(2020, 2, 30), jan31, 'month')).toBe(1);
    expect(utcTime.diff(Date.UTC(2020, 1, 28), jan31, 'month')).toBe(0);
    // 1 January 2020 was a Wednesday: its ISO week began on Monday 30 December 2019.
    expect(utcTime.startOf(Date.UTC(2020, 0, 1, 15), 'isoWeek', 1)).toBe(Date.UTC(2019, 11, 30));
    expect(utcTime.startOf(Date.UTC(2020, 0, 1, 15), 'week')).toBe(Date.UTC(2019, 11, 29));
    expect(utcTime.endOf(Date.UTC(2020, 1, 10), 'month')).toBe(Date.UTC(2020, 2, 1) - 1);
    expect(utcTime.startOf(Date.UTC(2020, 7, 10), 'quarter')).toBe(Date.UTC(2020, 6, 1));
    expect(utcTime.format(Date.UTC(2020, 7, 10), 'month')).toBe('Aug 2020');
    expect(utcTime.parse('2019-06-20')).toBe(Date.UTC(2019, 5, 20));
    expect(utcTime.parse('junk')).toBeNull();
  });
});
