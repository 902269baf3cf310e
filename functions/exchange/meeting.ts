import { atExpression } from '#shared/scheduler/expression';
import type { ScheduleSpec } from '#shared/scheduler/index';
import { instantOfWallTime } from '#shared/time';
import { SCHEDULED_TIME } from './digest';
import type { IcsEvent } from './ics';
import type { Meeting, RsvpAnswer, ScheduleMeetingBody } from './schema';

/** Experience meetings, pure: the stored meeting, its reminder schedule, its calendar event. */

export function newMeeting(id: string, body: ScheduleMeetingBody, timezone: string, now: string): Meeting {
  const startsAt = instantOfWallTime(body.startsAt, timezone);
  return {
    id,
    title: body.title,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + body.durationMinutes * 60_000).toISOString(),
    timezone,
    ...(body.place ? { place: body.place } : {}),
    ...(body.onlineUrl ? { onlineUrl: body.onlineUrl } : {}),
    agenda: body.agenda,
    sequence: 0,
    createdAt: now,
  };
}

export const reminderScheduleName = (networkId: string, meetingId: string) =>
  `${`exchange-meeting-${networkId}`.slice(0, 37)}-${meetingId}`;

/** The reminder a day before the start; none when the meeting is less than a day away. */
export function reminderSpec(networkId: string, m: Meeting, now: Date): ScheduleSpec | undefined {
  const at = Date.parse(m.startsAt) - 86_400_000;
  if (at <= now.getTime()) return undefined;
  return {
    name: reminderScheduleName(networkId, m.id),
    expression: atExpression(new Date(at), m.timezone),
    timezone: m.timezone,
    target: 'exchange-digest',
    payload: { networkId, meetingId: m.id, scheduledTime: SCHEDULED_TIME },
  };
}

export function meetingEvent(
  m: Meeting,
  domain: string,
  organizer: { name: string; email: string },
  attendee: { name: string; email: string },
  now: string,
): IcsEvent {
  return {
    uid: `${m.id}@${domain}`,
    sequence: m.sequence,
    method: m.cancelledAt ? 'CANCEL' : 'REQUEST',
    start: m.startsAt,
    end: m.endsAt,
    stamp: now,
    summary: m.title,
    ...(m.place ? { location: m.place } : m.onlineUrl ? { location: m.onlineUrl } : {}),
    ...(m.onlineUrl ? { url: m.onlineUrl } : {}),
    description: m.agenda.map((a, i) => `${i + 1}. ${a.title}`).join('\n'),
    organizer,
    attendee,
  };
}

const ANSWER_ORDER: Record<RsvpAnswer, number> = { yes: 0, maybe: 1, no: 2 };

/** A meeting as the API shows it: the answers counted and listed (yes, maybe, no), the caller's own. */
export function meetingView(meeting: Meeting, answers: ReadonlyMap<string, RsvpAnswer>, me?: string) {
  const counts = { yes: 0, no: 0, maybe: 0 };
  for (const a of answers.values()) counts[a]++;
  const responses = [...answers]
    .map(([partnerId, answer]) => ({ partnerId, answer }))
    .sort(
      (a, b) => ANSWER_ORDER[a.answer] - ANSWER_ORDER[b.answer] || a.partnerId.localeCompare(b.partnerId),
    );
  const mine = me ? answers.get(me) : undefined;
  return { ...meeting, answers: counts, responses, ...(mine ? { myAnswer: mine } : {}) };
}
