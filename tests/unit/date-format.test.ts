import { describe, expect, it } from 'vitest';
import { TIME_AXIS } from '../../src/lib/charts/palette';
import { utcTime } from '../../src/lib/charts/utc-time';
import { dateToTime, formatDate } from '../../src/lib/domain/dates';

const WRITTEN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

describe('one date format across the app', () => {
  it.each([
    ['2020-01-03', '3 Jan 2020'],
    ['2019-09-14', '14 Sep 2019'],
    ['2019-12-31', '31 Dec 2019'],
  ])('%s is written %s', (date, written) => {
    expect(formatDate(date)).toBe(written);
  });

  it("the charts' tooltips write every month as the tables do", () => {
    for (let month = 1; month <= 12; month++) {
      const date = `2019-${String(month).padStart(2, '0')}-09`;
      expect(utcTime.format(dateToTime(date), TIME_AXIS.tooltipFormat)).toBe(`9 ${WRITTEN[month - 1]} 2019`);
    }
  });

  it("the charts' ticks put the day before the month, as formatDate does", () => {
    expect(utcTime.format(dateToTime('2019-06-20'), TIME_AXIS.displayFormats.day)).toBe('20 Jun');
    expect(utcTime.format(dateToTime('2019-09-01'), TIME_AXIS.displayFormats.month)).toBe('Sep 2019');
    expect(utcTime.format(dateToTime('2019-09-01'), TIME_AXIS.displayFormats.year)).toBe('2019');
  });
});
