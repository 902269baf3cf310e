import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { scheduler } from '#shared/scheduler/index';
import { closePool } from './close';
import { poolView, reminderScheduleName, scheduleName } from './rules';
import { PoolPath, PoolView } from './schema';
import { getPoolWithLines } from './store';

export const handler = http(
  {
    summary: 'Close a pool now (idempotent: a second click answers with the closed pool)',
    auth: ['coordinator'],
    params: PoolPath,
    response: PoolView,
    problems: [409, 503],
  },
  async ({ caller, params }) => {
    const { pool, closedNow } = await closePool(caller.networkId, params.poolId, 'early');
    if (closedNow) {
      await scheduler().remove(scheduleName(pool.id));
      await scheduler().remove(reminderScheduleName(pool.id));
    }
    const found = await getPoolWithLines(caller.networkId, pool.id);
    if (!found) throw new NotFoundError('pool');
    return reply.ok(poolView(found.pool, caller, { lines: found.lines }));
  },
);
