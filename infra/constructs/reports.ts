import type { AppApi } from './api';
import type { RuntimeSchedules } from './schedules';

/** Routes that create, update or delete a network's report schedule. */
const SCHEDULING = ['PUT /reports/schedule', 'DELETE /reports/schedule'];

/**
 * The reports grants beyond table access: the schedule routes may manage schedules (in the
 * schedule group, passing only the invoker role); the `send-report` target, which EventBridge
 * Scheduler invokes per network with retries and the dead-letter queue, may send mail.
 */
export function grantReports(api: AppApi, schedules: RuntimeSchedules, mailDomain: string): void {
  for (const key of SCHEDULING) {
    const fn = api.functions.get(key);
    if (!fn) throw new Error(`reports route ${key} is missing from infra/routes.ts`);
    schedules.allowScheduling(fn);
  }
  const send = schedules.targets.get('send-report');
  if (!send) throw new Error('schedule target send-report is missing from shared/scheduler/targets.ts');
  send.allowSendingMailFrom(mailDomain);
}
