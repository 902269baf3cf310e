import type { ScheduleSpec } from '#shared/scheduler/index';
import type { Meeting, Post } from './schema';

/** The weekly digest, pure: what goes to whom, and the network's schedule for it. */

/** EventBridge Scheduler's placeholder for the time the schedule fired for. */
export const SCHEDULED_TIME = '<aws.scheduler.scheduled-time>';
export const DIGEST_DAYS = 7;

export const digestScheduleName = (networkId: string) => `exchange-digest-${networkId}`.slice(0, 64);

export function digestScheduleSpec(
  networkId: string,
  s: { weekday: string; time: string; timezone: string },
): ScheduleSpec {
  const [hh, mm] = s.time.split(':').map(Number) as [number, number];
  return {
    name: digestScheduleName(networkId),
    expression: `cron(${mm} ${hh} ? * ${s.weekday} *)`,
    timezone: s.timezone,
    target: 'exchange-digest',
    payload: { networkId, scheduledTime: SCHEDULED_TIME },
  };
}

export interface DigestContent {
  /** New questions of the week in the partner's competences (by others). */
  questions: Post[];
  /** Of those and older ones of the week: still without an answer. */
  unanswered: Post[];
  /** New practice notes of the week (by others), any competence. */
  practices: Post[];
  /** The network's next meeting (not cancelled), if one is planned. */
  nextMeeting?: Meeting;
}

/** What one partner's digest holds; nothing to tell → undefined (no mail). */
export function digestFor(
  partner: { id: string; competences: { competenceId: string }[] },
  posts: readonly Post[],
  nextMeeting?: Meeting,
): DigestContent | undefined {
  const mine = new Set(partner.competences.map((c) => c.competenceId));
  const visible = posts.filter((p) => !p.hidden && !p.deleted && p.authorPartnerId !== partner.id);
  const questions = visible.filter((p) => p.kind === 'question' && p.competences.some((c) => mine.has(c)));
  const unanswered = questions.filter((p) => p.answerCount === 0);
  const practices = visible.filter((p) => p.kind === 'practice');
  if (questions.length === 0 && practices.length === 0 && !nextMeeting) return undefined;
  return { questions, unanswered, practices, ...(nextMeeting ? { nextMeeting } : {}) };
}
