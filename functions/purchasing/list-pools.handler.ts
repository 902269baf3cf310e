import { http, reply } from '#shared/http/handler';
import { canSee, poolSummary } from './rules';
import { ListPoolsQuery } from './schema';
import { listPartnerLines, listPools } from './store';

export const handler = http(
  {
    summary: 'Pools of the network by state (open, closed, cancelled)',
    auth: ['coordinator', 'partner'],
    query: ListPoolsQuery,
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
