import { _adapters, type TimeUnit } from 'chart.js';
import {
  addDays,
  addHours,
  addMilliseconds,
  addMinutes,
  addMonths,
  addQuarters,
  addSeconds,
  addWeeks,
  addYears,
  differenceInDays,
  differenceInHours,
  differenceInMilliseconds,
  differenceInMinutes,
  differenceInMonths,
  differenceInQuarters,
  differenceInSeconds,
  differenceInWeeks,
  differenceInYears,
  endOfDay,
  endOfHour,
  endOfMinute,
  endOfMonth,
  endOfQuarter,
  endOfSecond,
  endOfWeek,
  endOfYear,
  startOfDay,
  startOfHour,
  startOfMinute,
  startOfMonth,
  startOfQuarter,
  startOfSecond,
  startOfWeek,
  startOfYear,
} from 'date-fns';

/**
 * Chart.js's time axis, on date-fns, as chartjs-adapter-date-fns did it: the same
 * date-fns calendar arithmetic (add, diff, startOf, endOf, in local time, where
 * dateToLocalTime puts each calendar date at its midnight) and the same display
 * formats. What it leaves out is date-fns's `parse`/`parseISO` (every x value and
 * bound the charts give is already a number) and its general `format` with the
 * en-US locale machinery: together about 11 KB gzipped on the first page, for
 * the handful of patterns below, which `formatTime` writes exactly as date-fns
 * did (tests/unit/time-adapter.test.ts compares the two).
 */

/** chartjs-adapter-date-fns's display formats, unchanged. */
export const TIME_FORMATS = {
  datetime: 'MMM d, yyyy, h:mm:ss aaaa',
  millisecond: 'h:mm:ss.SSS aaaa',
  second: 'h:mm:ss aaaa',
  minute: 'h:mm aaaa',
  hour: 'ha',
  day: 'MMM d',
  week: 'PP',
  month: 'MMM yyyy',
  quarter: 'qqq - yyyy',
  year: 'yyyy',
} as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TOKENS = /PP|yyyy|MMM|qqq|SSS|aaaa|mm|ss|[hdya]/g;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * `time` in local time by a pattern of the tokens the time axis uses (those of
 * TIME_FORMATS and the charts' `tooltipFormat`), as date-fns's en-US `format`
 * writes them; any other letter is an error rather than a silently wrong date.
 */
export function formatTime(time: number | Date, pattern: string): string {
  const date = new Date(time);
  const year = date.getFullYear();
  const hours = date.getHours();
  const out = pattern.replace(TOKENS, (token) => {
    switch (token) {
      case 'PP':
        return `${MONTHS[date.getMonth()]} ${date.getDate()}, ${year}`;
      case 'yyyy':
        return pad(year, 4);
      case 'y':
        return String(year);
      case 'MMM':
        return MONTHS[date.getMonth()];
      case 'qqq':
        return `Q${Math.floor(date.getMonth() / 3) + 1}`;
      case 'd':
        return String(date.getDate());
      case 'h':
        return String(hours % 12 || 12);
      case 'mm':
        return pad(date.getMinutes(), 2);
      case 'ss':
        return pad(date.getSeconds(), 2);
      case 'SSS':
        return pad(date.getMilliseconds(), 3);
      case 'aaaa':
        return hours < 12 ? 'a.m.' : 'p.m.';
      default:
        return hours < 12 ? 'AM' : 'PM';
    }
  });
  if (/[A-Za-z]/.test(out.replace(/a\.m\.|p\.m\.|AM|PM|Q\d|[A-Z][a-z]{2}/g, '')))
    throw new Error(`The chart's date pattern "${pattern}" uses a letter formatTime does not know.`);
  return out;
}

_adapters._date.override({
  formats: () => TIME_FORMATS,
  parse(value: unknown) {
    if (value === null || value === undefined) return null;
    const time = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : NaN;
    return Number.isFinite(time) ? time : null;
  },
  format: (time: number, pattern: string) => formatTime(time, pattern),
  add(time: number, amount: number, unit: TimeUnit) {
    switch (unit) {
      case 'millisecond':
        return +addMilliseconds(time, amount);
      case 'second':
        return +addSeconds(time, amount);
      case 'minute':
        return +addMinutes(time, amount);
      case 'hour':
        return +addHours(time, amount);
      case 'day':
        return +addDays(time, amount);
      case 'week':
        return +addWeeks(time, amount);
      case 'month':
        return +addMonths(time, amount);
      case 'quarter':
        return +addQuarters(time, amount);
      case 'year':
        return +addYears(time, amount);
      default:
        return time;
    }
  },
  diff(max: number, min: number, unit: TimeUnit) {
    switch (unit) {
      case 'millisecond':
        return differenceInMilliseconds(max, min);
      case 'second':
        return differenceInSeconds(max, min);
      case 'minute':
        return differenceInMinutes(max, min);
      case 'hour':
        return differenceInHours(max, min);
      case 'day':
        return differenceInDays(max, min);
      case 'week':
        return differenceInWeeks(max, min);
      case 'month':
        return differenceInMonths(max, min);
      case 'quarter':
        return differenceInQuarters(max, min);
      case 'year':
        return differenceInYears(max, min);
      default:
        return 0;
    }
  },
  startOf(time: number, unit: TimeUnit | 'isoWeek', weekday?: number | boolean) {
    switch (unit) {
      case 'second':
        return +startOfSecond(time);
      case 'minute':
        return +startOfMinute(time);
      case 'hour':
        return +startOfHour(time);
      case 'day':
        return +startOfDay(time);
      case 'week':
        return +startOfWeek(time);
      case 'isoWeek':
        return +startOfWeek(time, { weekStartsOn: +(weekday ?? 0) as 0 | 1 | 2 | 3 | 4 | 5 | 6 });
      case 'month':
        return +startOfMonth(time);
      case 'quarter':
        return +startOfQuarter(time);
      case 'year':
        return +startOfYear(time);
      default:
        return time;
    }
  },
  endOf(time: number, unit: TimeUnit | 'isoWeek') {
    switch (unit) {
      case 'second':
        return +endOfSecond(time);
      case 'minute':
        return +endOfMinute(time);
      case 'hour':
        return +endOfHour(time);
      case 'day':
        return +endOfDay(time);
      case 'week':
        return +endOfWeek(time);
      case 'month':
        return +endOfMonth(time);
      case 'quarter':
        return +endOfQuarter(time);
      case 'year':
        return +endOfYear(time);
      default:
        return time;
    }
  },
});
