import type { Lang } from '#shared/i18n';

/**
 * The inquiries capability's words, German and English, in one place: the acknowledgement,
 * replies and the customer's status mails (team set, declined, done).
 */
export const MESSAGES = {
  de: {
    ackSubject: 'Ihre Anfrage',
    ackTitle: 'Vielen Dank für Ihre Anfrage',
    greeting: 'Guten Tag,',
    ackRecorded: (ref: string) => `wir haben Ihre Anfrage unter der Nummer ${ref} erfasst:`,
    ackContact: (contact: string) =>
      `${contact} meldet sich in Kürze bei Ihnen. Wenn Sie etwas ergänzen möchten, antworten Sie einfach auf diese Nachricht.`,
    reference: 'Nummer',
    subject: 'Betreff',
    competences: 'Gewerke',
    postcode: 'PLZ',
    statusLink: 'Stand Ihrer Anfrage ansehen',
    regards: 'Mit freundlichen Grüßen',
    teamSubject: 'Ihr Team steht fest',
    teamTitle: 'Ihr Team steht fest',
    teamBody: (lead: string) =>
      `für Ihre Anfrage steht das Team fest. Ihre Ansprechperson ist ${lead}; sie meldet sich bei Ihnen, um die Details abzustimmen.`,
    timeframe: 'Zeitraum',
    declinedSubject: 'Ihre Anfrage',
    declinedTitle: 'Leider können wir Ihre Anfrage nicht übernehmen',
    declinedBody: 'wir haben Ihre Anfrage geprüft und können sie leider nicht übernehmen.',
    declinedWords: (contact: string) => `${contact} schreibt dazu:`,
    doneSubject: 'Ihr Auftrag ist abgeschlossen',
    doneTitle: 'Ihr Auftrag ist abgeschlossen',
    doneBody:
      'Ihr Auftrag ist abgeschlossen. Vielen Dank für Ihr Vertrauen! Wenn noch etwas offen ist, antworten Sie einfach auf diese Nachricht.',
  },
  en: {
    ackSubject: 'Your inquiry',
    ackTitle: 'Thank you for your inquiry',
    greeting: 'Hello,',
    ackRecorded: (ref: string) => `we have recorded your inquiry under the reference ${ref}:`,
    ackContact: (contact: string) =>
      `${contact} will get back to you shortly. Simply reply to this message to add anything.`,
    reference: 'Reference',
    subject: 'Subject',
    competences: 'Trades',
    postcode: 'Postcode',
    statusLink: 'See where your inquiry stands',
    regards: 'Kind regards',
    teamSubject: 'Your team is set',
    teamTitle: 'Your team is set',
    teamBody: (lead: string) =>
      `the team for your inquiry is set. Your contact is ${lead}, who will get in touch to agree the details.`,
    timeframe: 'Timeframe',
    declinedSubject: 'Your inquiry',
    declinedTitle: 'We are sorry: we cannot take on your inquiry',
    declinedBody: 'we have looked at your inquiry and are sorry that we cannot take it on.',
    declinedWords: (contact: string) => `${contact} writes:`,
    doneSubject: 'Your job is done',
    doneTitle: 'Your job is done',
    doneBody:
      'your job is done. Thank you for your trust! If anything is still open, simply reply to this message.',
  },
} satisfies Record<Lang, Record<string, unknown>>;

export type Messages = (typeof MESSAGES)['de'];

/** What the network's contact person is told (in the network's language). */
export const NOTICES = {
  de: {
    newSubject: 'Neue Anfrage',
    newTitle: 'Neue Anfrage',
    newBody: (source: string) => `Eine neue Anfrage ist eingegangen (${source}).`,
    replySubject: 'Antwort der Kundin/des Kunden',
    replyTitle: 'Neue Nachricht zu einer Anfrage',
    replyBody: (customer: string) => `${customer} hat auf die Anfrage geantwortet.`,
    source: { form: 'Formular', api: 'Koordination', email: 'E-Mail', referral: 'Empfehlung eines Partners' },
    reference: 'Nummer',
    customer: 'Kundin/Kunde',
    subject: 'Betreff',
    open: 'Im Verbund öffnen',
  },
  en: {
    newSubject: 'New inquiry',
    newTitle: 'New inquiry',
    newBody: (source: string) => `A new inquiry came in (${source}).`,
    replySubject: 'Customer reply',
    replyTitle: 'New message on an inquiry',
    replyBody: (customer: string) => `${customer} replied to the inquiry.`,
    source: { form: 'form', api: 'coordinator', email: 'e-mail', referral: "a partner's referral" },
    reference: 'Reference',
    customer: 'Customer',
    subject: 'Subject',
    open: 'Open in Verbund',
  },
} satisfies Record<Lang, Record<string, unknown>>;
