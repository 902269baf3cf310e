import type { AppApi } from './api';
import type { RuntimeSchedules } from './schedules';

/** Routes that create, move or delete a pool's closing schedule. */
const SCHEDULING = [
  'POST /pools',
  'PUT /pools/{poolId}/deadline',
  'POST /pools/{poolId}/cancel',
  'POST /pools/{poolId}/close',
];
/** Routes that mail: tier notices (join, change), cancellation notices, the order on early close. */
const MAILING = [
  'POST /pools/{poolId}/lines',
  'PATCH /pools/{poolId}/lines/{partnerId}',
  'POST /pools/{poolId}/cancel',
  'POST /pools/{poolId}/close',
];

/**
 * The purchasing grants beyond table access: the pool routes that manage schedules may do so
 * (in the schedule group, passing only the invoker role), the mailing ones and the close target
 * may send mail.
 */
export function grantPurchasing(api: AppApi, schedules: RuntimeSchedules, mailDomain: string): void {
  const route = (key: string) => {
    const fn = api.functions.get(key);
    if (!fn) throw new Error(`purchasing route ${key} is missing from infra/routes.ts`);
    return fn;
  };
  for (const key of SCHEDULING) schedules.allowScheduling(route(key));
  for (const key of MAILING) route(key).allowSendingMailFrom(mailDomain);
  const close = schedules.targets.get('close-pool');
  close?.allowSendingMailFrom(mailDomain);
}
