import { ForbiddenError, NotFoundError } from '../../shared/http/errors';
import { http, reply } from '../../shared/http/handler';
import { nowIso } from '../../shared/time';
import { getPartner } from '../networks/store';
import { announceTierIfReached } from './notices';
import { canJoin, poolView } from './rules';
import { PoolPath, PoolView, QuantityBody } from './schema';
import { getPool, joinPool } from './store';

export const handler = http(
  {
    summary: 'Join a pool with a quantity (the pool total grows in the same transaction)',
    auth: ['partner'],
    params: PoolPath,
    body: QuantityBody,
    response: PoolView,
    status: 201,
  },
  async ({ caller, params, body }) => {
    const [pool, partner] = await Promise.all([
      getPool(caller.networkId, params.poolId),
      getPartner(caller.networkId, caller.partnerId),
    ]);
    if (!pool || !canJoin(pool, caller.partnerId)) throw new NotFoundError('pool');
    if (!partner?.partner.active)
      throw new ForbiddenError('only active partners of the network can join pools');
    const now = nowIso();
    const line = {
      poolId: pool.id,
      partnerId: caller.partnerId,
      quantity: body.quantity,
      joinedAt: now,
      updatedAt: now,
    };
    await joinPool(caller.networkId, line, now);
    const after = (await getPool(caller.networkId, pool.id))!;
    await announceTierIfReached(caller.networkId, after);
    return reply.created(
      poolView(after, caller, { myLine: line }),
      `/pools/${pool.id}/lines/${caller.partnerId}`,
    );
  },
);
