import type { Notice } from '#functions/notifications/index';
import { ConflictError } from '#shared/http/errors';
import { shorten } from '#shared/i18n';
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
    content: (lang) => {
      const m = MESSAGES[lang];
      const subject = shorten(inquiry.subject);
      return {
        subject: m.conflictSubject(inquiry.reference),
        title: m.conflictTitle,
        blocks: [p(m.conflict(inquiry.reference, subject)), facts([[m.detail, detail]])],
        line: m.conflictLine(inquiry.reference, subject),
      };
    },
  };
}
