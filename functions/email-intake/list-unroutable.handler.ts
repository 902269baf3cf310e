import { http, reply } from '#shared/http/handler';
import { UnroutableQuery } from './schema';
import { listUnroutable } from './store';

export const handler = http(
  {
    summary: "Inbound mail that reached no network's address, by month (operator)",
    auth: ['operator'],
    query: UnroutableQuery,
  },
  async ({ query }) => {
    const month = query.month ?? new Date().toISOString().slice(0, 7);
    return reply.ok({ month, ...(await listUnroutable(month, query)) });
  },
);
