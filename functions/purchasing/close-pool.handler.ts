import middy from '@middy/core';
import { logContext, logger } from '#shared/log';
import { closePool } from './close';
import { remindPool } from './notices';
import { ClosePoolEvent } from './schema';

/**
 * EventBridge Scheduler target (not an HTTP route): the pool's one-time schedule delivers
 * `{ networkId, poolId }` at the deadline, and `{ …, reminder: true }` 24 h before it. Closing is idempotent, so a repeated delivery closes
 * once; an error is thrown so the scheduler retries and finally dead-letters the event.
 */
export const handler = middy<
  unknown,
  { poolId: string; status: string; closedNow: boolean; reminded?: number }
>()
  .use(logContext())
  .handler(async (event) => {
    const { networkId, poolId, reminder } = ClosePoolEvent.parse(event);
    if (reminder) {
      // 24 h before the deadline: the partners who may join are reminded, once each
      const { status, reminded } = await remindPool(networkId, poolId);
      logger.info('pool reminder', { networkId, poolId, reminded });
      return { poolId, status, closedNow: false, reminded };
    }
    const { pool, closedNow } = await closePool(networkId, poolId, 'deadline');
    logger.info('pool close', { networkId, poolId, status: pool.status, closedNow });
    return { poolId, status: pool.status, closedNow };
  });
