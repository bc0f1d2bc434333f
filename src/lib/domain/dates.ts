import type { CalendarDate } from './types';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (`2019-02-30` is not one). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // Every month has 28 days: most dates need no calendar.
  return day <= 28 || day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC keeps it zone-free.
  return new Date(utcTime(year, month + 1, 0)).getUTCDate();
}

/**
 * Milliseconds at UTC midnight of a year, month (1–12) and day. `Date.UTC`
 * reads the years 0–99 as 1900–1999; `setUTCFullYear` takes every year as
 * written, so `0050-01-01` stays in the year 50.
 */
function utcTime(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/**
 * Whole days since 1970-01-01 for a calendar date. Windows and trends count in
 * these so that no time zone or daylight-saving change ever moves a boundary.
 */
export function dayNumber(date: CalendarDate): number {
  return Math.round(utcTime(+date.slice(0, 4), +date.slice(5, 7), +date.slice(8, 10)) / MS_PER_DAY);
}

/** Milliseconds at UTC midnight of a calendar date: the x value charts plot. */
export function dateToTime(date: CalendarDate): number {
  return dayNumber(date) * MS_PER_DAY;
}

export function dayNumberToDate(day: number): CalendarDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Today's date where the analyst is, as a calendar date. */
export function today(now: Date = new Date()): CalendarDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * Month names written out here rather than by Intl: ICU writes September `Sept`
 * in en-GB and `Sep` elsewhere; the charts' UTC date adapter writes from this table too.
 * One table keeps every date in the app alike.
 */
export const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** `3 Jan 2020`: the one way the app writes a date (the stored text has no zone to shift it). */
export function formatDate(date: CalendarDate): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}
