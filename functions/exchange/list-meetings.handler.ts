import { http, reply } from '#shared/http/handler';
import { nowIso } from '#shared/time';
import { MeetingList, MeetingListQuery } from './schema';
import { listMeetings } from './store';

export const handler = http(
  {
    summary: "The network's experience meetings: upcoming (soonest first) or past (latest first)",
    auth: ['coordinator', 'partner'],
    query: MeetingListQuery,
    response: MeetingList,
  },
  async ({ caller, query }) => {
    const items = await listMeetings(caller.networkId, query.when ?? 'upcoming', nowIso(), query.limit ?? 20);
    return reply.ok({ items });
  },
);
