import * as z from 'zod/mini';
import { http, reply } from '#shared/http/handler';
import { page } from '#shared/schema';
import { UnroutableQuery } from './schema';
import { listProcessingFailed, listUnroutable, UnroutableMail } from './store';

const ProcessingFailed = z.object({
  networkId: z.string(),
  mailId: z.string(),
  receivedAt: z.string(),
  subject: z.string(),
  detail: z.string(),
});

export const handler = http(
  {
    summary: "Mail that reached no network's address, and mail no network could process, by month",
    description:
      'Operator only. `items`: inbound mail that reached no network, paged; `processingFailed`: mail of any network quarantined as processing-failed that month (until released).',
    auth: ['operator'],
    query: UnroutableQuery,
    response: z.object({
      month: z.string(),
      ...page(UnroutableMail).def.shape,
      processingFailed: z.array(ProcessingFailed),
    }),
  },
  async ({ query }) => {
    const month = query.month ?? new Date().toISOString().slice(0, 7);
    const [unroutable, processingFailed] = await Promise.all([
      listUnroutable(month, query),
      listProcessingFailed(month),
    ]);
    return reply.ok({ month, ...unroutable, processingFailed });
  },
);
