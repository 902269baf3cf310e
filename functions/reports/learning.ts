/**
 * "Learning from each other" in the report: what the know-how exchange did in the period, the
 * third reason the network exists besides referrals and pooled buying. Pure: the posts created
 * since the period's start and the meetings with their yes-answers come in, figures go out.
 */

export interface LearningPost {
  kind: 'question' | 'practice';
  title: string;
  authorPartnerId: string;
  answerCount: number;
  firstAnsweredAt?: string;
  helpful: number;
  hidden: boolean;
  deleted: boolean;
  createdAt: string;
}

export interface LearningMeeting {
  meeting: { title: string; startsAt: string; cancelledAt?: string };
  attending: readonly string[];
}

const TOP_PRACTICES = 3;

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function learningFigures(
  period: { start: string; until: string },
  posts: readonly LearningPost[],
  meetings: readonly LearningMeeting[],
  names: ReadonlyMap<string, string>,
) {
  const inPeriod = (at: string) => at >= period.start && at < period.until;
  const shown = posts.filter((p) => !p.hidden && !p.deleted && inPeriod(p.createdAt));
  const questions = shown.filter((p) => p.kind === 'question');
  const hoursToFirst = questions
    .filter((q) => q.firstAnsweredAt)
    .map((q) => (Date.parse(q.firstAnsweredAt!) - Date.parse(q.createdAt)) / 3_600_000);
  const median_ = median(hoursToFirst);
  return {
    questionsAsked: questions.length,
    questionsAnswered: questions.filter((q) => q.answerCount > 0).length,
    /** Hours from a question to its first answer, over the period's answered questions. */
    medianHoursToFirstAnswer: median_ === null ? null : Math.round(median_ * 10) / 10,
    practices: shown
      .filter((p) => p.kind === 'practice')
      .sort((a, b) => b.helpful - a.helpful || (a.createdAt < b.createdAt ? -1 : 1))
      .slice(0, TOP_PRACTICES)
      .map((p) => ({
        title: p.title,
        author: names.get(p.authorPartnerId) ?? p.authorPartnerId,
        helpful: p.helpful,
      })),
    meetings: meetings
      .filter(({ meeting }) => !meeting.cancelledAt && inPeriod(meeting.startsAt))
      .sort((a, b) => (a.meeting.startsAt < b.meeting.startsAt ? -1 : 1))
      .map(({ meeting, attending }) => ({
        title: meeting.title,
        startsAt: meeting.startsAt,
        attending: attending.length,
      })),
  };
}

export type LearningFigures = ReturnType<typeof learningFigures>;
