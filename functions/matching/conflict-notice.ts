import type { Notice } from '#functions/notifications/index';
import { ConflictError } from '#shared/http/errors';
import { type Formats, type Lang, shorten } from '#shared/i18n';
import { facts, p } from '#shared/mail/layout';
import { MESSAGES } from './matching-messages';

/** A 409 because a resource-week ran out: when reading the plan, or in the booking transaction. */
export const isCapacityConflict = (err: unknown): err is ConflictError =>
  err instanceof ConflictError && err.message.startsWith('capacity ran out');

/** The notice of an accept that failed on capacity (one per proposal). */
export function capacityConflictNotice(
  inquiry: { reference: string; subject: string },
  proposalId: string,
  detail: string,
): Notice {
  return {
    kind: 'capacity-conflict',
    key: proposalId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 80),
    content: (lang, f) => {
      const m = MESSAGES[lang];
      const subject = shorten(inquiry.subject);
      return {
        subject: m.conflictSubject(inquiry.reference),
        title: m.conflictTitle,
        blocks: [p(m.conflict(inquiry.reference, subject)), facts([[m.detail, detailIn(detail, lang, f)]])],
        line: m.conflictLine(inquiry.reference, subject),
      };
    },
  };
}

const WEEK =
  /^capacity ran out: resource (\S+) of partner (\S+) in week (\d{4}-W\d{2}) cannot take (\d+(?:\.\d+)?) more hours$/;
const PLAN =
  /^capacity ran out: partner (\S+) has (\d+) of the (\d+(?:\.\d+)?)(?: \w+)? hours free in (\d{4}-W\d{2})…(\d{4}-W\d{2})/;

/** The store's two capacity messages in the reader's words and formats (`KW 9/2027`); else as they are. */
function detailIn(detail: string, lang: Lang, f: Formats): string {
  const m = MESSAGES[lang];
  const w = WEEK.exec(detail);
  if (w) return m.shortWeek(w[1]!, w[2]!, f.week(w[3]!), f.number(Number(w[4])));
  const pl = PLAN.exec(detail);
  if (pl)
    return m.shortPlan(
      pl[1]!,
      f.number(Number(pl[2])),
      f.number(Number(pl[3])),
      f.week(pl[4]!),
      f.week(pl[5]!),
    );
  return detail;
}
