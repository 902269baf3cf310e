import middy from '@middy/core';
import { logContext, logger } from '#shared/log';
import { type DailyOutcome, runDailyCheck } from './daily-check';
import { DailyCheckEvent } from './schema';

/**
 * EventBridge Scheduler target (not an HTTP route): the project's daily schedule delivers
 * `{ networkId, projectId, scheduledTime }`. Idempotent (deterministic mail ids); an error is
 * thrown so the scheduler retries and finally dead-letters the event.
 */
export const handler = middy<unknown, DailyOutcome>()
  .use(logContext())
  .handler(async (event) => {
    const { networkId, projectId, scheduledTime } = DailyCheckEvent.parse(event);
    const at =
      scheduledTime && !Number.isNaN(Date.parse(scheduledTime)) ? new Date(scheduledTime) : new Date();
    const outcome = await runDailyCheck(networkId, projectId, at);
    logger.info('funding daily check', { networkId, projectId, ...outcome });
    return outcome;
  });
