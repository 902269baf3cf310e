import { assertPartnerMayWrite } from '#functions/networks/index';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { nowIso } from '#shared/time';
import { announceTierIfReached } from './notices';
import { canSee, poolView } from './rules';
import { LinePath, PoolView, QuantityBody } from './schema';
import { changeQuantity, getPool } from './store';

export const handler = http(
  {
    summary: 'Change your quantity in an open pool',
    auth: ['partner'],
    params: LinePath,
    body: QuantityBody,
    response: PoolView,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    // another partner's line answers exactly like a line that does not exist
    if (params.partnerId !== caller.partnerId) throw new NotFoundError('line');
    const pool = await getPool(caller.networkId, params.poolId);
    if (!pool || !canSee(pool, caller)) throw new NotFoundError('pool');
    const line = await changeQuantity(caller.networkId, pool.id, caller.partnerId, body.quantity, nowIso());
    const after = (await getPool(caller.networkId, pool.id))!;
    await announceTierIfReached(caller.networkId, after);
    return reply.ok(poolView(after, caller, { myLine: line }));
  },
);
