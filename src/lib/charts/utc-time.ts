import { _adapters, type TimeUnit } from 'chart.js';
import { MONTHS, dateToTime, formatDate, isCalendarDate } from '../domain/dates';

/**
 * Chart.js's date adapter, in UTC. A signal's date is a calendar date with no
 * zone, so charts plot it at UTC midnight and read every tick and boundary in
 * UTC: no zone the analyst sits in can move a point to another day (local
 * midnight of a day a zone skipped, such as 31 December 1994 in
 * Pacific/Kiritimati, does not exist). It replaces chartjs-adapter-date-fns,
 * whose date-fns works in the local zone, and weighs a fraction of it.
 *
 * Formats are names of the formatters below, not patterns: Chart.js only hands
 * back what `formats()` gave it, or a chart's `tooltipFormat`.
 */

const MS = { millisecond: 1, second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const WEEK = 7 * MS.day;

function utc(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
}

const clock = {
  time: utc({ hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
  minute: utc({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
};

// Dates are written with `formatDate`'s month names (`Sep`, not ICU's `Sept`),
// so an axis, a tooltip and a table write a date alike.
const FORMATTERS: Record<string, (time: number) => string> = {
  time: (time) => clock.time.format(time),
  minute: (time) => clock.minute.format(time),
  day: (time) => {
    const d = new Date(time);
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  },
  date: (time) => formatDate(new Date(time).toISOString().slice(0, 10)),
  month: (time) => {
    const d = new Date(time);
    return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  },
  year: (time) => String(new Date(time).getUTCFullYear()),
};

/** The formatter names, by unit, that the time scale asks for. */
const FORMATS: Record<TimeUnit | 'datetime', string> = {
  datetime: 'date',
  millisecond: 'time',
  second: 'time',
  minute: 'minute',
  hour: 'minute',
  day: 'day',
  week: 'date',
  month: 'month',
  quarter: 'month',
  year: 'year',
};

/** `time` moved by whole months, its day kept or, past the month's end, its last day. */
function addMonths(time: number, months: number): number {
  const d = new Date(time);
  const target = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
  const t = new Date(target);
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  return target + (Math.min(d.getUTCDate(), last) - 1) * MS.day + (time - startOf(time, 'day'));
}

function monthIndex(time: number): number {
  const d = new Date(time);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Whole months from `min` to `max`, counted as date-fns counts them (full months only). */
function diffMonths(max: number, min: number): number {
  const sign = max < min ? -1 : 1;
  const [hi, lo] = sign > 0 ? [max, min] : [min, max];
  let months = monthIndex(hi) - monthIndex(lo);
  if (months > 0 && addMonths(lo, months) > hi) months--;
  return sign * months;
}

function startOf(time: number, unit: TimeUnit | 'isoWeek', weekday?: number | boolean): number {
  switch (unit) {
    case 'second':
    case 'minute':
    case 'hour':
    case 'day':
      return time - (((time % MS[unit]) + MS[unit]) % MS[unit]);
    case 'week':
    case 'isoWeek': {
      const day = startOf(time, 'day');
      // 1 January 1970 was a Thursday (weekday 4).
      const dow = (((Math.floor(day / MS.day) + 4) % 7) + 7) % 7;
      const first = unit === 'isoWeek' ? Number(weekday) || 0 : 0;
      return day - ((dow - first + 7) % 7) * MS.day;
    }
    case 'month': {
      const d = new Date(time);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
    case 'quarter': {
      const d = new Date(time);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1);
    }
    case 'year':
      return Date.UTC(new Date(time).getUTCFullYear(), 0, 1);
    default:
      return time;
  }
}

function add(time: number, amount: number, unit: TimeUnit): number {
  switch (unit) {
    case 'week':
      return time + amount * WEEK;
    case 'month':
      return addMonths(time, amount);
    case 'quarter':
      return addMonths(time, 3 * amount);
    case 'year':
      return addMonths(time, 12 * amount);
    default:
      return time + amount * MS[unit];
  }
}

export const utcTime = {
  _id: 'utc',
  formats: () => FORMATS,
  parse(value: unknown): number | null {
    if (value === null || value === undefined) return null;
    let time = Number.NaN;
    if (typeof value === 'number') time = value;
    else if (value instanceof Date) time = value.getTime();
    else if (typeof value === 'string') time = isCalendarDate(value) ? dateToTime(value) : Date.parse(value);
    return Number.isFinite(time) ? time : null;
  },
  format(time: number, format: string): string {
    return (FORMATTERS[format] ?? FORMATTERS.date)(time);
  },
  add,
  diff(max: number, min: number, unit: TimeUnit): number {
    switch (unit) {
      case 'week':
        return Math.trunc((max - min) / WEEK);
      case 'month':
        return diffMonths(max, min);
      case 'quarter':
        return Math.trunc(diffMonths(max, min) / 3);
      case 'year':
        return Math.trunc(diffMonths(max, min) / 12);
      default:
        return Math.trunc((max - min) / MS[unit]);
    }
  },
  startOf,
  endOf(time: number, unit: TimeUnit | 'isoWeek'): number {
    return add(startOf(time, unit), 1, unit === 'isoWeek' ? 'week' : unit) - 1;
  },
};

_adapters._date.override(utcTime as unknown as Parameters<typeof _adapters._date.override>[0]);
