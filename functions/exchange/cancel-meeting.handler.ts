import { http, reply } from '#shared/http/handler';
import { scheduler } from '#shared/scheduler/index';
import { nowIso } from '#shared/time';
import { reminderScheduleName } from './meeting';
import { mailMeeting } from './meetings';
import { Meeting, MeetingPath } from './schema';
import { cancelMeeting } from './store';

export const handler = http(
  {
    summary:
      'Cancel an experience meeting: every partner gets an iCalendar CANCEL (same UID, higher SEQUENCE); no reminder',
    auth: ['coordinator'],
    params: MeetingPath,
    response: Meeting,
    problems: [409, 503],
  },
  async ({ caller, params }) => {
    const meeting = await cancelMeeting(caller.networkId, params.meetingId, nowIso());
    await scheduler().remove(reminderScheduleName(caller.networkId, meeting.id));
    await mailMeeting(caller.networkId, meeting, 'cancel');
    return reply.ok(meeting);
  },
);
