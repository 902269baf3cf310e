import { assertPartnerMayWrite } from '#functions/networks/index';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { scheduler } from '#shared/scheduler/index';
import { nowIso } from '#shared/time';
import {
  canManage,
  canSee,
  closeSchedule,
  deadlineErrors,
  normaliseDeadline,
  poolView,
  reminderSchedule,
  reminderScheduleName,
} from './rules';
import { DeadlineBody, PoolPath, PoolView } from './schema';
import { getPool, updateDeadline } from './store';

export const handler = http(
  {
    summary: 'Move the deadline of an open pool (its closing schedule moves with it)',
    auth: ['coordinator', 'partner'],
    params: PoolPath,
    body: DeadlineBody,
    response: PoolView,
    problems: [409, 503],
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    const now = nowIso();
    const pool = await getPool(caller.networkId, params.poolId);
    if (!pool || !canSee(pool, caller)) throw new NotFoundError('pool');
    if (!canManage(pool, caller))
      throw new ForbiddenError('only the coordinator and the pool’s creator may move its deadline');
    const deadline = normaliseDeadline(body.deadline);
    const errors = deadlineErrors(deadline, now);
    if (errors.length > 0) throw new ValidationError(`deadline: ${errors[0]!.message}`, errors);
    const updated = await updateDeadline(caller.networkId, pool, deadline, now);
    if (!updated)
      throw new ConflictError(
        `the pool is ${(await getPool(caller.networkId, pool.id))?.status}; its deadline can no longer move`,
      );
    await scheduler().upsert(closeSchedule(caller.networkId, updated));
    // the reminder moves with the deadline (and goes when the new deadline is less than 24 h away)
    const reminder = reminderSchedule(caller.networkId, updated, now);
    if (reminder) await scheduler().upsert(reminder);
    else await scheduler().remove(reminderScheduleName(updated.id));
    return reply.ok(poolView(updated, caller));
  },
);
