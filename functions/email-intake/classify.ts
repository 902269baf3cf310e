/** A header as postal-mime gives it: lower-case key, unfolded value. */
export interface HeaderField {
  key: string;
  value: string;
}

export type MailKind = 'personal' | 'bounce' | 'auto-reply' | 'list';

export interface Classification {
  kind: MailKind;
  /** The header or rule that decided it, for the timeline and the logs. */
  reason: string;
}

const header = (headers: readonly HeaderField[], key: string) =>
  headers.find((h) => h.key === key)?.value.trim();

const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;

/** The subjects out-of-office replies carry in German and English mail programs. */
const OUT_OF_OFFICE =
  /^\s*(?:(?:re|aw|wg|fw|fwd)\s*:\s*)*(?:abwesenheitsnotiz|abwesenheit|automatische antwort|autom\. antwort|abwesend|out of (?:the )?office|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|ich bin (?:nicht im büro|abwesend|im urlaub)|urlaubsabwesenheit|on vacation|away from (?:the )?office)\b/i;

/**
 * Is this mail written by a person, or by a robot we must not answer (RFC 3834)? Bounces
 * (null sender, MAILER-DAEMON, delivery-status reports), auto-replies (`Auto-Submitted`,
 * Outlook's and others' out-of-office markers, German and English out-of-office subjects) and list or bulk mail (`List-Id`,
 * `Precedence: bulk|list|junk`) get no acknowledgement, which keeps two robots from
 * answering each other for ever.
 */
export function classify(
  headers: readonly HeaderField[],
  sender: { from?: string; envelopeFrom?: string },
  subject = '',
): Classification {
  const contentType = header(headers, 'content-type')?.toLowerCase() ?? '';
  if (sender.envelopeFrom !== undefined && /^<?>?$/.test(sender.envelopeFrom.trim()))
    return { kind: 'bounce', reason: 'null envelope sender' };
  if (DAEMON.test(sender.from ?? '') || DAEMON.test(sender.envelopeFrom ?? ''))
    return { kind: 'bounce', reason: 'sent by MAILER-DAEMON' };
  if (/^multipart\/report\b/.test(contentType) && /report-type="?delivery-status/.test(contentType))
    return { kind: 'bounce', reason: 'delivery status report' };
  if (header(headers, 'x-failed-recipients')) return { kind: 'bounce', reason: 'X-Failed-Recipients' };

  const autoSubmitted = header(headers, 'auto-submitted')?.toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no')
    return { kind: 'auto-reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  for (const key of ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress']) {
    if (header(headers, key) !== undefined) return { kind: 'auto-reply', reason: key };
  }
  const precedence = header(headers, 'precedence')?.toLowerCase();
  if (precedence === 'auto_reply') return { kind: 'auto-reply', reason: 'Precedence: auto_reply' };
  if (OUT_OF_OFFICE.test(subject)) return { kind: 'auto-reply', reason: 'out-of-office subject' };

  if (precedence && ['bulk', 'list', 'junk'].includes(precedence))
    return { kind: 'list', reason: `Precedence: ${precedence}` };
  if (header(headers, 'list-id') !== undefined) return { kind: 'list', reason: 'List-Id' };
  if (header(headers, 'list-unsubscribe') !== undefined) return { kind: 'list', reason: 'List-Unsubscribe' };

  return { kind: 'personal', reason: 'no robot markers' };
}
