import { http, reply } from '#shared/http/handler';
import { CalendarAnswer, CalendarQuery } from './schema';
import { calendar } from './service';

export const handler = http(
  {
    summary:
      'Capacity, booked and free hours per ISO week and resource (a partner: its own; the coordinator: everyone or ?partnerId=)',
    auth: ['coordinator', 'partner'],
    query: CalendarQuery,
    response: CalendarAnswer,
    problems: [404],
  },
  async ({ caller, query }) => reply.ok(await calendar(caller, query)),
);
