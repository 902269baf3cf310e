import * as z from 'zod/mini';
import { http, reply } from '#shared/http/handler';
import { canSee, poolSummary } from './rules';
import { ListPoolsQuery, PoolSummary } from './schema';
import { listPartnerLines, listPools } from './store';

export const handler = http(
  {
    summary: 'Pools of the network by state (open, closed, cancelled)',
    auth: ['coordinator', 'partner'],
    query: ListPoolsQuery,
    response: z.object({ items: z.array(PoolSummary) }),
  },
  async ({ caller, query }) => {
    const [pools, myLines] = await Promise.all([
      listPools(caller.networkId, query.state),
      caller.role === 'partner' ? listPartnerLines(caller.networkId, caller.partnerId) : [],
    ]);
    const mine = new Map(myLines.map((l) => [l.poolId, l.quantity]));
    const items = pools.filter((p) => canSee(p, caller)).map((p) => poolSummary(p, caller, mine.get(p.id)));
    return reply.ok({ items });
  },
);
