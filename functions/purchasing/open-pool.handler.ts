import { assertPartnerMayWrite } from '#functions/networks/index';
import { getNetwork, listPartnersWithResources } from '#functions/networks/store';
import { NotFoundError, ValidationError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { logger } from '#shared/log';
import { scheduler } from '#shared/scheduler/index';
import { nowIso } from '#shared/time';
import { announcePool } from './notices';
import {
  closeSchedule,
  deadlineErrors,
  eligibilityErrors,
  newPool,
  poolView,
  reminderSchedule,
} from './rules';
import { OpenPoolBody, PoolView } from './schema';
import { createPool, deleteNewPool, nextOrderNumber } from './store';

export const handler = http(
  {
    summary: 'Open a purchase pool (closes by itself at its deadline)',
    auth: ['coordinator', 'partner'],
    body: OpenPoolBody,
    response: PoolView,
    problems: [404, 503],
    status: 201,
  },
  async ({ caller, body }) => {
    await assertPartnerMayWrite(caller);
    const now = nowIso();
    const [network, { partners }] = await Promise.all([
      getNetwork(caller.networkId),
      body.eligiblePartnerIds ? listPartnersWithResources(caller.networkId) : { partners: [] },
    ]);
    if (!network) throw new NotFoundError('network');
    const draft = newPool(body, newId(), caller, network.timezone, now);
    const errors = [
      ...deadlineErrors(draft.deadline, now),
      ...eligibilityErrors(body.eligiblePartnerIds, new Set(partners.map((p) => p.id))),
    ];
    if (errors.length > 0) throw new ValidationError(`${errors[0]!.path}: ${errors[0]!.message}`, errors);
    const pool = {
      ...draft,
      orderNumber: await nextOrderNumber(caller.networkId, network.referencePrefix, Number(now.slice(0, 4))),
    };
    await createPool(caller.networkId, pool);
    try {
      await scheduler().upsert(closeSchedule(caller.networkId, pool));
    } catch (err) {
      // a pool that would never close by itself must not stay open
      await deleteNewPool(caller.networkId, pool.id);
      throw err;
    }
    const reminder = reminderSchedule(caller.networkId, pool, now);
    // a reminder that could not be scheduled is missed, not fatal: the pool still closes
    if (reminder)
      await scheduler()
        .upsert(reminder)
        .catch((error) => logger.error('pool reminder not scheduled', { poolId: pool.id, error }));
    await announcePool(caller.networkId, pool);
    return reply.created(poolView(pool, caller, { lines: [] }), `/pools/${pool.id}`);
  },
);
