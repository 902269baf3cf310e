import type { ScheduleSpec } from '#shared/scheduler/index';

const SCHEDULED_TIME = '<aws.scheduler.scheduled-time>';
/** The summary goes out at 07:00 in the network's time zone. */
export const SUMMARY_TIME = { hour: 7, minute: 0 };

export const summaryScheduleName = (networkId: string) => `notify-summary-${networkId}`;

/** One recurring schedule per network: every day at 07:00 in its time zone. */
export function summaryScheduleSpec(networkId: string, timezone: string): ScheduleSpec {
  return {
    name: summaryScheduleName(networkId),
    expression: `cron(${SUMMARY_TIME.minute} ${SUMMARY_TIME.hour} * * ? *)`,
    timezone,
    target: 'notification-summary',
    payload: { networkId, scheduledTime: SCHEDULED_TIME },
  };
}

/** The calendar day of an instant in a time zone: `2027-03-01`. */
export function dayIn(iso: string, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}
