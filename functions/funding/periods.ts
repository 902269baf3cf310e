/**
 * Report periods and the calendar of a project, pure. A time record names an ISO week or a day;
 * it belongs to the period holding that day, a week to the period holding its Thursday (the ISO
 * rule that gives a week its year), so a week across a period border counts once.
 */
import type { FieldError } from '#shared/http/errors';
import { dayNumber, weekRange } from '#shared/weeks';
import type { Period } from './schema';

const DAY = 86_400_000;
const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The day a record's `when` counts on: the date itself, or the Thursday of the ISO week. */
export function countingDay(when: string): string {
  if (/^\d{4}-W\d{2}$/.test(when)) return dateOfDay(dayNumber(weekRange(when).from) + 3);
  return when;
}

/** The period a record's `when` falls in, if any. */
export function periodOf(periods: readonly Period[], when: string): Period | undefined {
  const day = countingDay(when);
  return periods.find((p) => p.from <= day && day <= p.to);
}

/** `date` plus `months` calendar months, the day clamped to the month's length (Jan 31 + 1 = Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const dayBefore = (date: string) => dateOfDay(dayNumber(date) - 1);

/** The project's length in months: whole months from `start`, the rest in days / 30, one decimal. */
export function durationMonths(start: string, end: string): number {
  const after = dateOfDay(dayNumber(end) + 1);
  let whole = 0;
  while (addMonths(start, whole + 1) <= after) whole++;
  const rest = dayNumber(after) - dayNumber(addMonths(start, whole));
  return Math.round((whole + rest / 30) * 10) / 10;
}

/** One period per project year from `start`, the last one ending with the project. */
export function defaultPeriods(start: string, end: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (let from = start, k = 1; from <= end; k++) {
    const next = addMonths(start, 12 * k);
    const to = dayBefore(next) < end ? dayBefore(next) : end;
    out.push({ from, to });
    from = next;
  }
  return out;
}

/** Numbers the periods p1, p2, … in order. */
export const numbered = (periods: readonly { from: string; to: string }[]): Period[] =>
  [...periods].sort((a, b) => (a.from < b.from ? -1 : 1)).map((p, i) => ({ id: `p${i + 1}`, ...p }));

/** Errors of a project's dates and periods: start before end; periods gapless from start to end. */
export function calendarErrors(start: string, end: string, periods: readonly Period[]): FieldError[] {
  if (start >= end)
    return [{ path: 'end', message: `must be after start ${start}, got ${end}`, code: 'before_start' }];
  const errors: FieldError[] = [];
  periods.forEach((p, i) => {
    if (p.from > p.to)
      errors.push({
        path: `periods.${i}.to`,
        message: `must not be before from ${p.from}`,
        code: 'before_start',
      });
  });
  if (errors.length > 0) return errors;
  if (periods[0]?.from !== start) {
    errors.push({
      path: 'periods.0.from',
      message: `must be the project start ${start}`,
      code: 'not_project_start',
    });
  }
  for (let i = 1; i < periods.length; i++) {
    const expected = dateOfDay(dayNumber(periods[i - 1]!.to) + 1);
    if (periods[i]!.from !== expected) {
      errors.push({
        path: `periods.${i}.from`,
        message: `must be ${expected}, the day after the previous period (periods have no gaps or overlaps)`,
        code: 'not_contiguous',
      });
    }
  }
  const last = periods.length - 1;
  if (periods[last]?.to !== end) {
    errors.push({
      path: `periods.${last}.to`,
      message: `must be the project end ${end}`,
      code: 'not_project_end',
    });
  }
  return errors;
}

/** The months `YYYY-MM` a date range touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addMonths(`${m}-01`, 1).slice(0, 7)) out.push(m);
  return out;
}

/** The month before the one `date` lies in. */
export const previousMonth = (date: string) => addMonths(`${date.slice(0, 7)}-01`, -1).slice(0, 7);

/** Partners of the project without a record counted in `month`. */
export function partnersWithoutHours(
  partnerIds: readonly string[],
  records: readonly { partnerId: string; when: string }[],
  month: string,
): string[] {
  const recorded = new Set(
    records.filter((r) => countingDay(r.when).startsWith(month)).map((r) => r.partnerId),
  );
  return partnerIds.filter((id) => !recorded.has(id));
}
