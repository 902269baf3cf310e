import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { MeetingPath, MeetingView } from './schema';
import { getMeeting } from './store';

export const handler = http(
  {
    summary: 'An experience meeting with its agenda, minutes and how many said yes, no or maybe',
    auth: ['coordinator', 'partner'],
    params: MeetingPath,
    response: MeetingView,
  },
  async ({ caller, params }) => {
    const found = await getMeeting(caller.networkId, params.meetingId);
    if (!found) throw new NotFoundError('meeting');
    const counts = { yes: 0, no: 0, maybe: 0 };
    for (const a of found.answers.values()) counts[a]++;
    const mine = caller.role === 'partner' ? found.answers.get(caller.partnerId) : undefined;
    return reply.ok({ ...found.meeting, answers: counts, ...(mine ? { myAnswer: mine } : {}) });
  },
);
