import { http, reply } from '#shared/http/handler';
import { nowIso } from '#shared/time';
import { MeetingList, MeetingListQuery } from './schema';
import { listMeetings, rsvpsOf } from './store';

export const handler = http(
  {
    summary:
      "The network's experience meetings: upcoming (soonest first) or past (latest first), with a partner's own answer",
    auth: ['coordinator', 'partner'],
    query: MeetingListQuery,
    response: MeetingList,
  },
  async ({ caller, query }) => {
    const meetings = await listMeetings(
      caller.networkId,
      query.when ?? 'upcoming',
      nowIso(),
      query.limit ?? 20,
    );
    const mine =
      caller.role === 'partner' && meetings.length > 0
        ? await rsvpsOf(
            caller.networkId,
            caller.partnerId,
            meetings.map((m) => m.id),
          )
        : new Map();
    const items = meetings.map((m) => ({ ...m, ...(mine.has(m.id) ? { myAnswer: mine.get(m.id) } : {}) }));
    return reply.ok({ items });
  },
);
