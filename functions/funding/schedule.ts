/**
 * The project's schedule, pure: one EventBridge Scheduler schedule per project, daily at the
 * project's `checkTime` in the network's timezone, invoking daily-check.handler.ts. The daily
 * check sends each month's reminder once (its first run in a month) and each period's report
 * once (its first run after the period ended); deterministic mail ids make a repeated run a no-op.
 */
import type { ScheduleSpec } from '#shared/scheduler/index';
import type { Project } from './schema';

/** EventBridge Scheduler's placeholder for the time the schedule fired for. */
export const SCHEDULED_TIME = '<aws.scheduler.scheduled-time>';

export function projectSchedule(networkId: string, project: Project, timezone: string): ScheduleSpec {
  const [hh, mm] = project.checkTime.split(':').map(Number) as [number, number];
  return {
    name: project.scheduleName,
    expression: `cron(${mm} ${hh} * * ? *)`,
    timezone,
    target: 'funding-check',
    payload: { networkId, projectId: project.id, scheduledTime: SCHEDULED_TIME },
  };
}
