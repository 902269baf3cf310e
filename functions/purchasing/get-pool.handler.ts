import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { canSee, poolView } from './rules';
import { PoolPath, PoolView } from './schema';
import { getPoolWithLines } from './store';

export const handler = http(
  {
    summary: 'A pool: totals, tiers, your own line (and others if allowed), the allocation once closed',
    auth: ['coordinator', 'partner'],
    params: PoolPath,
    response: PoolView,
  },
  async ({ caller, params }) => {
    const found = await getPoolWithLines(caller.networkId, params.poolId);
    if (!found || !canSee(found.pool, caller)) throw new NotFoundError('pool');
    return reply.ok(poolView(found.pool, caller, { lines: found.lines }));
  },
);
