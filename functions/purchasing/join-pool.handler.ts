import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { nowIso } from '#shared/time';
import { announceTierIfReached } from './notices';
import { poolView } from './rules';
import { PoolPath, PoolView, QuantityBody } from './schema';
import { getPool, joinPool } from './store';

export const handler = http(
  {
    summary: 'Join a pool with a quantity (the pool total grows in the same transaction)',
    auth: ['partner'],
    params: PoolPath,
    body: QuantityBody,
    response: PoolView,
    problems: [409],
    status: 201,
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    const now = nowIso();
    const line = {
      ...params,
      partnerId: caller.partnerId,
      quantity: body.quantity,
      joinedAt: now,
      updatedAt: now,
    };
    // one transaction checks it all: pool open and before its deadline, partner eligible and active
    await joinPool(caller.networkId, line, now);
    const pool = (await getPool(caller.networkId, params.poolId))!;
    await announceTierIfReached(caller.networkId, pool);
    return reply.created(
      poolView(pool, caller, { myLine: line }),
      `/pools/${pool.id}/lines/${caller.partnerId}`,
    );
  },
);
