/**
 * Schedule expressions as EventBridge Scheduler writes them, and their conversions. Pure.
 * - `at(yyyy-mm-ddThh:mm:ss)`: once, at that wall-clock time in the schedule's timezone;
 * - `cron(min hour day-of-month month day-of-week year)`: recurring, in the schedule's timezone.
 */

import { wallDateTime } from '#shared/time';

export type ScheduleExpression = `at(${string})` | `cron(${string})`;

const AT = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;
const CRON = /^cron\(([^()]+)\)$/;

/**
 * The `at(...)` expression for an instant, as wall-clock time in `timezone`. The instant is
 * rounded UP to the whole second, so the schedule never fires before it.
 */
export function atExpression(instant: Date | string, timezone: string): ScheduleExpression {
  const ms = Math.ceil(new Date(instant).getTime() / 1000) * 1000;
  return `at(${wallDateTime(new Date(ms), timezone)})`;
}

export type ParsedExpression = { kind: 'at'; wallTime: string } | { kind: 'cron'; fields: string[] };

/** Parses an expression or throws naming what is allowed. */
export function parseExpression(expression: string): ParsedExpression {
  const at = AT.exec(expression);
  if (at) return { kind: 'at', wallTime: at[1]! };
  const cron = CRON.exec(expression);
  const fields = cron?.[1]?.trim().split(/\s+/);
  if (fields?.length === 6) return { kind: 'cron', fields };
  throw new Error(
    `schedule expression must be at(yyyy-mm-ddThh:mm:ss) or cron(min hour dom month dow year), got ${expression}`,
  );
}

/**
 * The croner pattern of an EventBridge cron: a seconds field is prepended (croner's 7-part mode
 * is `sec min hour dom month dow year`); EventBridge numbers weekdays 1–7 from Sunday, which
 * croner reads with `alternativeWeekdays`.
 */
export function cronerPattern(fields: readonly string[]): string {
  return ['0', ...fields].join(' ');
}
