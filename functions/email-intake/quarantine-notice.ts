import type { Notice } from '#functions/notifications/index';
import { shorten } from '#shared/i18n';
import { facts, p } from '#shared/mail/layout';
import { MESSAGES } from './email-intake-messages';
import type { QuarantineReason } from './store';

/** The notice of a quarantined mail: who sent what, and why it was held (one per mail). */
export function quarantineNotice(mail: {
  mailId: string;
  receivedAt: string;
  subject?: string;
  from?: { name: string; address: string };
  reason: QuarantineReason;
}): Notice {
  return {
    kind: 'quarantined',
    key: mail.mailId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 80),
    content: (lang, f) => {
      const m = MESSAGES[lang];
      const subject = shorten(mail.subject?.trim() || m.noSubject);
      const from = mail.from
        ? mail.from.name
          ? `${mail.from.name} <${mail.from.address}>`
          : mail.from.address
        : m.unknown;
      return {
        subject: m.quarantinedSubject(subject),
        title: m.quarantinedTitle,
        blocks: [
          p(m.quarantined),
          facts([
            [m.from, from],
            [m.subject, subject],
            [m.reason, m.reasons[mail.reason]],
            [m.received, f.dateTime(mail.receivedAt)],
          ]),
        ],
        line: m.line(subject, from, m.reasons[mail.reason]),
      };
    },
  };
}
