import { getNetwork } from '#functions/networks/store';
import { ValidationError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { scheduler } from '#shared/scheduler/index';
import { nowIso } from '#shared/time';
import { meetingView, newMeeting, reminderSpec } from './meeting';
import { mailMeeting } from './meetings';
import { MeetingView, ScheduleMeetingBody } from './schema';
import { createMeeting, getPosts } from './store';

export const handler = http(
  {
    summary:
      'Schedule an experience meeting: every partner is invited with an iCalendar request, reminded the day before',
    description:
      "`startsAt` is wall-clock time in the network's time zone. Agenda items may link questions or practice notes of the network.",
    auth: ['coordinator'],
    problems: [503],
    body: ScheduleMeetingBody,
    response: MeetingView,
    status: 201,
  },
  async ({ caller, body }) => {
    const now = nowIso();
    const linked = body.agenda.flatMap((a) => (a.postId ? [a.postId] : []));
    const found = new Set(
      (await getPosts(caller.networkId, linked)).filter((p) => !p.hidden && !p.deleted).map((p) => p.id),
    );
    const missing = body.agenda.flatMap((a, i) =>
      a.postId && !found.has(a.postId)
        ? [
            {
              path: `agenda.${i}.postId`,
              message: `no post ${a.postId} in this network`,
              code: 'unknown_post',
            },
          ]
        : [],
    );
    if (missing.length > 0) throw new ValidationError(`${missing[0]!.path}: ${missing[0]!.message}`, missing);
    const network = await getNetwork(caller.networkId);
    const meeting = newMeeting(newId(), body, network!.timezone, now);
    if (Date.parse(meeting.startsAt) <= Date.parse(now)) {
      throw new ValidationError('startsAt: must be in the future', [
        { path: 'startsAt', message: 'must be in the future', code: 'not_in_future' },
      ]);
    }
    await createMeeting(caller.networkId, meeting);
    const reminder = reminderSpec(caller.networkId, meeting, new Date(now));
    if (reminder) await scheduler().upsert(reminder);
    await mailMeeting(caller.networkId, meeting, 'invite');
    return reply.created(meetingView(meeting, new Map()), `/exchange/meetings/${meeting.id}`);
  },
);
