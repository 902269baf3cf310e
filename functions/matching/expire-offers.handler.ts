import middy from '@middy/core';
import * as z from 'zod/mini';
import { logContext, logger } from '#shared/log';
import { expireParts } from './parts';

const ExpireOffersEvent = z.object({ networkId: z.string(), inquiryId: z.string(), jobId: z.string() });

/**
 * EventBridge Scheduler target (not an HTTP route): the job's one-time schedule at its
 * confirmation deadline delivers `{ networkId, inquiryId, jobId }`; every part still requested
 * is released and the coordinator told. Idempotent, so a repeated delivery releases once.
 */
export const handler = middy<unknown, { jobId: string; expired: string[] }>()
  .use(logContext())
  .handler(async (event) => {
    const { networkId, inquiryId, jobId } = ExpireOffersEvent.parse(event);
    const expired = await expireParts(networkId, inquiryId, jobId);
    logger.info('offers expired', { networkId, jobId, expired });
    return { jobId, expired };
  });
