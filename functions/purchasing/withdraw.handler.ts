import { assertPartnerMayWrite } from '#functions/networks/index';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { nowIso } from '#shared/time';
import { canSee, poolView } from './rules';
import { LinePath, PoolView } from './schema';
import { getPool, withdraw } from './store';

export const handler = http(
  {
    summary: 'Withdraw from an open pool (your quantity leaves the total)',
    auth: ['partner'],
    params: LinePath,
    response: PoolView,
    problems: [409],
  },
  async ({ caller, params }) => {
    await assertPartnerMayWrite(caller);
    if (params.partnerId !== caller.partnerId) throw new NotFoundError('line');
    const pool = await getPool(caller.networkId, params.poolId);
    if (!pool || !canSee(pool, caller)) throw new NotFoundError('pool');
    await withdraw(caller.networkId, pool.id, caller.partnerId, nowIso());
    const after = (await getPool(caller.networkId, pool.id))!;
    return reply.ok(poolView(after, caller, { myLine: null }));
  },
);
