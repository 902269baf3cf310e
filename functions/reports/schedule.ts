/**
 * Report schedules, pure: the settings a coordinator gives become ONE EventBridge Scheduler
 * schedule per network (`report-<networkId>`, in the settings' timezone) whose payload asks
 * send-report.handler.ts for the report of the scheduled time.
 */
import { createHash } from 'node:crypto';
import type { FieldError } from '#shared/http/errors';
import type { ScheduleExpression, ScheduleSpec } from '#shared/scheduler/index';
import { instantOfWallTime } from '#shared/time';
import type { ReportSettings, ScheduleBody } from './schema';

/** EventBridge Scheduler's placeholder for the time the schedule fired for. */
export const SCHEDULED_TIME = '<aws.scheduler.scheduled-time>';

/** The schedule's name: `report-<networkId>`, shortened with a digest past 64 characters. */
export function reportScheduleName(networkId: string): string {
  const name = `report-${networkId}`;
  if (name.length <= 64) return name;
  return `report-${networkId.slice(0, 40)}-${createHash('sha256').update(networkId).digest('hex').slice(0, 16)}`;
}

/** The EventBridge expression of the settings (evaluated in their timezone). */
export function expressionOf(
  body: Pick<ScheduleBody, 'frequency' | 'weekday' | 'dayOfMonth' | 'time' | 'at'>,
): ScheduleExpression {
  if (body.frequency === 'once') {
    const at = body.at!.length === 16 ? `${body.at}:00` : body.at!;
    return `at(${at})`;
  }
  const [hh, mm] = body.time!.split(':').map(Number) as [number, number];
  if (body.frequency === 'weekly') return `cron(${mm} ${hh} ? * ${body.weekday} *)`;
  return `cron(${mm} ${hh} ${body.dayOfMonth} * ? *)`;
}

/** Errors of settings that only the clock can tell: a one-time report must lie in the future. */
export function scheduleErrors(body: ScheduleBody, timezone: string, now: Date): FieldError[] {
  if (body.frequency !== 'once' || !body.at) return [];
  const when = instantOfWallTime(body.at, timezone);
  if (Date.parse(when) <= now.getTime()) {
    return [
      {
        path: 'at',
        message: `must be in the future, got ${body.at} ${timezone} (${when})`,
        code: 'not_in_future',
      },
    ];
  }
  if (Date.parse(when) - now.getTime() > 366 * 86_400_000) {
    return [{ path: 'at', message: `must be within a year, got ${body.at}`, code: 'too_far_ahead' }];
  }
  return [];
}

/** The stored settings for a body (revision and audit fields filled in by the store). */
export function settingsOf(
  networkId: string,
  body: ScheduleBody,
  timezone: string,
): Omit<ReportSettings, 'revision' | 'updatedAt' | 'updatedBy'> {
  return {
    enabled: body.enabled,
    frequency: body.frequency,
    weekday: body.weekday,
    dayOfMonth: body.dayOfMonth,
    time: body.time,
    at: body.at,
    timezone,
    expression: expressionOf(body),
    scheduleName: reportScheduleName(networkId),
  };
}

/** The run-time schedule of enabled settings. */
export function scheduleSpec(networkId: string, s: ReportSettings): ScheduleSpec {
  return {
    name: s.scheduleName,
    expression: s.expression as ScheduleExpression,
    timezone: s.timezone,
    target: 'send-report',
    payload: { networkId, scheduledTime: SCHEDULED_TIME },
  };
}
