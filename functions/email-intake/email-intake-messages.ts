import type { Lang } from '#shared/i18n';
import type { QuarantineReason } from './store';

/** The intake's words to the network's people, German first. */
export const MESSAGES = {
  de: {
    reasons: {
      virus: 'ein Virus wurde gefunden',
      spam: 'als Spam eingestuft',
      oversize: 'zu groß',
      malformed: 'nicht lesbar',
      'no-sender': 'ohne Absender',
      bounce: 'Unzustellbarkeitsmeldung',
      'processing-failed': 'Verarbeitung fehlgeschlagen',
      'not-a-partner': 'Antwort auf eine Frage, aber nicht von einem Partnerbetrieb',
      'thread-closed': 'Antwort auf eine gesperrte oder gelöschte Frage',
      'empty-answer': 'Antwort ohne Text',
    } satisfies Record<QuarantineReason, string>,
    quarantinedSubject: (subject: string) => `E-Mail zurückgehalten: ${subject}`,
    quarantinedTitle: 'Eine E-Mail wurde zurückgehalten',
    quarantined:
      'eine E-Mail an das Netzwerk wurde in die Quarantäne gelegt. Prüfen Sie sie in der Konsole unter „Quarantäne“ und geben Sie sie frei, wenn sie erwünscht ist.',
    from: 'Absender',
    subject: 'Betreff',
    reason: 'Grund',
    received: 'Eingegangen',
    line: (subject: string, from: string, reason: string) => `„${subject}“ von ${from}: ${reason}`,
    noSubject: '(ohne Betreff)',
    unknown: 'unbekannt',
  },
  en: {
    reasons: {
      virus: 'a virus was found',
      spam: 'classified as spam',
      oversize: 'too large',
      malformed: 'unreadable',
      'no-sender': 'no sender',
      bounce: 'bounce message',
      'processing-failed': 'processing failed',
      'not-a-partner': 'answer to a question, but not from a partner firm',
      'thread-closed': 'answer to a locked or deleted question',
      'empty-answer': 'answer without text',
    } satisfies Record<QuarantineReason, string>,
    quarantinedSubject: (subject: string) => `Mail held in quarantine: ${subject}`,
    quarantinedTitle: 'A mail was held in quarantine',
    quarantined:
      'a mail to the network was put into quarantine. Check it in the console under "Quarantine" and release it if it is wanted.',
    from: 'From',
    subject: 'Subject',
    reason: 'Reason',
    received: 'Received',
    line: (subject: string, from: string, reason: string) => `"${subject}" from ${from}: ${reason}`,
    noSubject: '(no subject)',
    unknown: 'unknown',
  },
} satisfies Record<Lang, unknown>;
