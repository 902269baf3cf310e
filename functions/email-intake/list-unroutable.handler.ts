import { http, reply } from '#shared/http/handler';
import { UnroutableQuery } from './schema';
import { listProcessingFailed, listUnroutable } from './store';

export const handler = http(
  {
    summary:
      "Inbound mail that reached no network's address, and mail any network could not process (quarantined as processing-failed), by month (operator)",
    auth: ['operator'],
    query: UnroutableQuery,
  },
  async ({ query }) => {
    const month = query.month ?? new Date().toISOString().slice(0, 7);
    const [page, processingFailed] = await Promise.all([
      listUnroutable(month, query),
      listProcessingFailed(month),
    ]);
    return reply.ok({ month, ...page, processingFailed });
  },
);
