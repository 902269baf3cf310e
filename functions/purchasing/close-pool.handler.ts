import middy from '@middy/core';
import { logContext, logger } from '#shared/log';
import { closePool } from './close';
import { ClosePoolEvent } from './schema';

/**
 * EventBridge Scheduler target (not an HTTP route): the pool's one-time schedule delivers
 * `{ networkId, poolId }` at the deadline. Closing is idempotent, so a repeated delivery closes
 * once; an error is thrown so the scheduler retries and finally dead-letters the event.
 */
export const handler = middy<unknown, { poolId: string; status: string; closedNow: boolean }>()
  .use(logContext())
  .handler(async (event) => {
    const { networkId, poolId } = ClosePoolEvent.parse(event);
    const { pool, closedNow } = await closePool(networkId, poolId, 'deadline');
    logger.info('pool close', { networkId, poolId, status: pool.status, closedNow });
    return { poolId, status: pool.status, closedNow };
  });
