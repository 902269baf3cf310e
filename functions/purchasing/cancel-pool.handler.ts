import { assertPartnerMayWrite } from '#functions/networks/index';
import { ConflictError, ForbiddenError, NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { scheduler } from '#shared/scheduler/index';
import { nowIso } from '#shared/time';
import { mailCancellation } from './notices';
import { canManage, canSee, poolView, reminderScheduleName, scheduleName } from './rules';
import { CancelBody, PoolPath, PoolView } from './schema';
import { cancelPool, getPool, getPoolWithLines } from './store';

export const handler = http(
  {
    summary: 'Cancel an open pool: its schedule is deleted and every participant is told the reason',
    auth: ['coordinator', 'partner'],
    params: PoolPath,
    body: CancelBody,
    response: PoolView,
    problems: [409, 503],
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    const pool = await getPool(caller.networkId, params.poolId);
    if (!pool || !canSee(pool, caller)) throw new NotFoundError('pool');
    if (!canManage(pool, caller))
      throw new ForbiddenError('only the coordinator and the pool’s creator may cancel it');
    const cancelled = await cancelPool(caller.networkId, pool, body.reason, nowIso());
    if (!cancelled)
      throw new ConflictError(
        `the pool is ${(await getPool(caller.networkId, pool.id))?.status}; only an open pool can be cancelled`,
      );
    await scheduler().remove(scheduleName(pool.id));
    await scheduler().remove(reminderScheduleName(pool.id));
    // lines are final: no transaction lands on a pool that is not open
    const { lines } = (await getPoolWithLines(caller.networkId, pool.id))!;
    await mailCancellation(caller.networkId, cancelled, lines, body.reason);
    return reply.ok(poolView(cancelled, caller, { lines }));
  },
);
