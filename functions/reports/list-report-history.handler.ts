import { http, reply } from '#shared/http/handler';
import { HistoryAnswer, HistoryQuery } from './schema';
import { history } from './service';

export const handler = http(
  {
    summary: 'Report deliveries, newest period first: period, trigger, status, and who got it',
    auth: ['coordinator'],
    response: HistoryAnswer,
    problems: [404],
    query: HistoryQuery,
  },
  async ({ caller, query }) => reply.ok({ items: await history(caller, query.limit) }),
);
