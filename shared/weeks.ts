/**
 * ISO weeks, pure: `2026-W05`, the week of a date or of an instant in a network's timezone, its
 * days and the instants it covers. Capacity is planned and reported per ISO week (matching,
 * reports); reports count weeks in the network's timezone.
 */

import { instantOfWallTime, wallDate } from './time';

const DAY = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (UTC; dates carry no time zone). */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
}

const isoDateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The ISO week of a date: `2026-W05`. The week belongs to the year of its Thursday. */
export function isoWeek(date: string): string {
  return isoWeekOfDay(dayNumber(date));
}

function isoWeekOfDay(day: number): string {
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  const thursday = new Date((monday + 3) * DAY);
  const year = thursday.getUTCFullYear();
  const ordinal = monday + 3 - Math.floor(Date.UTC(year, 0, 1) / DAY);
  const week = Math.floor(ordinal / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const WEEK = /^(\d{4})-W(\d{2})$/;

/** Day number of the Monday of an ISO week (`2026-W05`). */
export function weekMondayDay(week: string): number {
  const m = WEEK.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  const jan4 = Math.floor(Date.UTC(Number(m[1]), 0, 4) / DAY);
  const mondayOfWeek1 = jan4 - ((((jan4 + 3) % 7) + 7) % 7);
  return mondayOfWeek1 + (Number(m[2]) - 1) * 7;
}

/** Monday and Sunday of an ISO week as dates. */
export function weekRange(week: string): { from: string; to: string } {
  const monday = weekMondayDay(week);
  return { from: isoDateOfDay(monday), to: isoDateOfDay(monday + 6) };
}

/** Every ISO week that overlaps the dates [from, to], in order. */
export function weeksBetween(from: string, to: string): string[] {
  const start = dayNumber(from);
  const end = dayNumber(to);
  const weeks: string[] = [];
  for (let monday = start - ((((start + 3) % 7) + 7) % 7); monday <= end; monday += 7) {
    weeks.push(isoWeekOfDay(monday));
  }
  return weeks;
}

// ---- weeks in a network's timezone (reports) ------------------------------------------------

/**
 * The ISO week an instant falls in for people in `timezone`: Monday 00:30 in Vienna is already
 * the new week although UTC still says Sunday.
 */
export const isoWeekAt = (instant: Date | string, timezone: string) => isoWeek(wallDate(instant, timezone));

/** The ISO week `n` weeks after (or, negative, before) `week`, across year ends and 53-week years. */
export const addWeeks = (week: string, n: number) => isoWeekOfDay(weekMondayDay(week) + 7 * n);

/** The UTC instant (ISO-8601) at which `date` begins in `timezone` (local midnight). */
export const startOfLocalDay = (date: string, timezone: string) =>
  instantOfWallTime(`${date}T00:00:00`, timezone);

/**
 * The instants a run of ISO weeks covers in `timezone`: from Monday 00:00 of `first` up to (not
 * including) Monday 00:00 after `last`, as UTC ISO-8601.
 */
export function weeksSpan(first: string, last: string, timezone: string): { from: string; until: string } {
  return {
    from: startOfLocalDay(weekRange(first).from, timezone),
    until: startOfLocalDay(isoDateOfDay(weekMondayDay(last) + 7), timezone),
  };
}
