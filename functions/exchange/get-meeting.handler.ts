import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { meetingView } from './meeting';
import { MeetingPath, MeetingView } from './schema';
import { getMeeting } from './store';

export const handler = http(
  {
    summary: 'An experience meeting with its agenda, minutes and who said yes, no or maybe',
    auth: ['coordinator', 'partner'],
    params: MeetingPath,
    response: MeetingView,
  },
  async ({ caller, params }) => {
    const found = await getMeeting(caller.networkId, params.meetingId);
    if (!found) throw new NotFoundError('meeting');
    return reply.ok(
      meetingView(found.meeting, found.answers, caller.role === 'partner' ? caller.partnerId : undefined),
    );
  },
);
