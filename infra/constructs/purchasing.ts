import type { AppApi } from './api';
import type { RuntimeSchedules } from './schedules';

/** Routes that create, move or delete a pool's closing schedule. */
const SCHEDULING = [
  'POST /pools',
  'PUT /pools/{poolId}/deadline',
  'POST /pools/{poolId}/cancel',
  'POST /pools/{poolId}/close',
];
/**
 * The purchasing grants beyond table access: the pool routes that manage schedules may do so
 * (in the schedule group, passing only the invoker role). Pool mails (tier notices, orders,
 * cancellations) are queued in the table and sent by the mail outbox consumer, so no pool
 * function may send mail itself.
 */
export function grantPurchasing(api: AppApi, schedules: RuntimeSchedules): void {
  const route = (key: string) => {
    const fn = api.functions.get(key);
    if (!fn) throw new Error(`purchasing route ${key} is missing from infra/routes.ts`);
    return fn;
  };
  for (const key of SCHEDULING) schedules.allowScheduling(route(key));
}
