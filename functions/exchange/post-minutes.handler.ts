import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { renderMarkdown } from './markdown';
import { meetingView } from './meeting';
import { MeetingPath, MeetingView, MinutesBody } from './schema';
import { getMeeting, setMinutes } from './store';

export const handler = http(
  {
    summary: "Post (or correct) a meeting's minutes, Markdown",
    auth: ['coordinator'],
    params: MeetingPath,
    body: MinutesBody,
    response: MeetingView,
  },
  async ({ caller, params, body }) => {
    await setMinutes(caller.networkId, params.meetingId, body.minutes, renderMarkdown(body.minutes));
    const found = await getMeeting(caller.networkId, params.meetingId);
    if (!found) throw new NotFoundError('meeting');
    return reply.ok(meetingView(found.meeting, found.answers));
  },
);
