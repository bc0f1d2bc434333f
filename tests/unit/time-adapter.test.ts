import { _adapters } from 'chart.js';
import { addDays, differenceInMonths, format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { TIME_FORMATS, formatTime } from '../../src/lib/charts/time-adapter';

// The time axis's own adapter replaced chartjs-adapter-date-fns; date-fns's
// `format` (still a dependency) is the reference for every label it writes.
const PATTERNS = [...Object.values(TIME_FORMATS), 'd MMM yyyy'];

/** Local times across years, months, both halves of the day and DST changes. */
const TIMES = [
  new Date(2020, 0, 3).getTime(),
  new Date(2020, 2, 8, 2, 30).getTime(),
  new Date(2020, 10, 1, 1, 59, 59, 7).getTime(),
  new Date(1999, 11, 31, 23, 59, 59, 999).getTime(),
  new Date(2024, 1, 29, 12, 0, 0, 5).getTime(),
  new Date(2024, 5, 30, 0, 0, 0).getTime(),
  new Date(2031, 8, 9, 13, 4, 5, 60).getTime(),
];

describe('the time axis adapter', () => {
  it('writes every display and tooltip pattern as date-fns format did', () => {
    for (const pattern of PATTERNS)
      for (const time of TIMES) expect(formatTime(time, pattern), pattern).toBe(format(time, pattern));
  });

  it('writes the dates a reader sees as written by hand', () => {
    const time = new Date(2020, 0, 3, 15, 7, 9, 42).getTime();
    expect(formatTime(time, 'd MMM yyyy')).toBe('3 Jan 2020');
    expect(formatTime(time, 'MMM d')).toBe('Jan 3');
    expect(formatTime(time, 'MMM yyyy')).toBe('Jan 2020');
    expect(formatTime(time, 'PP')).toBe('Jan 3, 2020');
    expect(formatTime(time, 'qqq - yyyy')).toBe('Q1 - 2020');
    expect(formatTime(time, 'ha')).toBe('3PM');
    expect(formatTime(time, 'h:mm:ss.SSS aaaa')).toBe('3:07:09.042 p.m.');
  });

  it('refuses a pattern letter it does not know', () => {
    expect(() => formatTime(0, 'EEEE d')).toThrow(/EEEE d/);
  });

  it('is the adapter Chart.js uses, on numbers, with date-fns arithmetic', () => {
    const adapter = new _adapters._date();
    const jan31 = new Date(2021, 0, 31).getTime();
    expect(adapter.parse(jan31)).toBe(jan31);
    expect(adapter.parse(new Date(jan31))).toBe(jan31);
    expect(adapter.parse(null)).toBeNull();
    expect(adapter.parse(Number.NaN)).toBeNull();
    // addMonths clamps to the month's last day: 31 Jan + 1 month is 28 Feb 2021.
    expect(adapter.add(jan31, 1, 'month')).toBe(new Date(2021, 1, 28).getTime());
    expect(adapter.add(jan31, 3, 'day')).toBe(addDays(jan31, 3).getTime());
    expect(adapter.diff(new Date(2021, 3, 30).getTime(), jan31, 'month')).toBe(
      differenceInMonths(new Date(2021, 3, 30), jan31),
    );
    expect(adapter.startOf(new Date(2021, 4, 17, 9).getTime(), 'month')).toBe(new Date(2021, 4, 1).getTime());
    expect(adapter.endOf(new Date(2021, 4, 17, 9).getTime(), 'day')).toBe(
      new Date(2021, 4, 17, 23, 59, 59, 999).getTime(),
    );
    expect(adapter.format(jan31, 'd MMM yyyy')).toBe('31 Jan 2021');
  });
});
