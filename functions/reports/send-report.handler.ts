import middy from '@middy/core';
import { logContext, logger } from '#shared/log';
import { SendReportEvent } from './schema';
import { type DeliveryOutcome, deliverReport } from './service';

/**
 * EventBridge Scheduler target (not an HTTP route): the network's report schedule delivers
 * `{ networkId, scheduledTime }` (`<aws.scheduler.scheduled-time>` filled in). Delivery is
 * idempotent per network and period; an error (a mail that did not go, another attempt still
 * sending) is thrown so the scheduler retries and finally dead-letters the event.
 */
export const handler = middy<unknown, DeliveryOutcome>()
  .use(logContext())
  .handler(async (event) => {
    const { networkId, scheduledTime } = SendReportEvent.parse(event);
    const result = await deliverReport(networkId, scheduledTime, 'schedule');
    logger.info('report delivery', { networkId, scheduledTime, outcome: result.outcome });
    return result;
  });
