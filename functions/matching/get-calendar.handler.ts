import { http, reply } from '#shared/http/handler';
import { CalendarAnswer, CalendarQuery } from './schema';
import { calendar } from './service';

export const handler = http(
  {
    summary: 'Capacity, booked and free hours per ISO week and resource',
    description:
      'A partner sees its own; the coordinator everyone or one partner with `?partnerId=`. Default: 12 weeks from today.',
    auth: ['coordinator', 'partner'],
    query: CalendarQuery,
    response: CalendarAnswer,
    problems: [404],
  },
  async ({ caller, query }) => reply.ok(await calendar(caller, query)),
);
