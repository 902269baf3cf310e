import type { Lang } from '#shared/i18n';

/** The matching capability's words, German and English, in one place: job and cancellation mails. */
export const MESSAGES = {
  de: {
    jobSubject: (lead: boolean) => (lead ? 'Auftrag (Lead)' : 'Auftrag'),
    jobTitle: 'Neuer Auftrag',
    hello: (name: string) => `Guten Tag ${name},`,
    accepted: (network: string, ref: string, subject: string, partner: string) =>
      `${network} hat die Kundenanfrage ${ref} „${subject}“ angenommen und ${partner} dafür gebucht.`,
    yourPart: 'Ihr Teil',
    competence: 'Gewerk',
    hours: 'Stunden',
    timeframe: (from: string, to: string) => `Zeitraum: ${from} bis ${to}.`,
    booked: 'Auf Ihren Ressourcen gebucht',
    week: 'Woche',
    resource: 'Ressource',
    youLead:
      'Sie sind der Lead-Partner: die einzige Ansprechperson der Kundin bzw. des Kunden, im Namen des Netzwerks.',
    leadIs: 'Lead-Partner (einzige Ansprechperson für die Kundschaft)',
    team: 'Das Team',
    customer: 'Kundin/Kunde',
    request: 'Anfrage',
    calendar: 'Die angehängte Kalenderdatei trägt die gebuchten Wochen in Ihren Kalender ein.',
    cancelSubject: 'Auftrag storniert',
    cancelTitle: 'Auftrag storniert',
    cancelled: (ref: string, subject: string, hours: string) =>
      `der Auftrag zur Anfrage ${ref} „${subject}“ wurde storniert. Die ${hours} Stunden auf Ihren Ressourcen sind wieder frei.`,
    reason: 'Grund',
    cancelCalendar: 'Die angehängte Kalenderdatei entfernt die Termine aus Ihrem Kalender.',
    conflictSubject: (ref: string) => `Kapazitätskonflikt: ${ref}`,
    conflictTitle: 'Ein Vorschlag konnte nicht angenommen werden',
    conflict: (ref: string, subject: string) =>
      `der Teamvorschlag für die Anfrage ${ref} „${subject}“ konnte nicht angenommen werden: die Kapazität ist inzwischen vergeben. Fordern Sie neue Vorschläge an oder passen Sie den Vorschlag an.`,
    conflictLine: (ref: string, subject: string) => `${ref} „${subject}“: Kapazität inzwischen vergeben`,
    detail: 'Detail',
    shortWeek: (resource: string, partner: string, week: string, hours: string) =>
      `Ressource ${resource} von ${partner} in ${week}: ${hours} Stunden mehr haben keinen Platz`,
    shortPlan: (partner: string, free: string, hours: string, from: string, to: string) =>
      `${partner} hat von ${from} bis ${to} nur ${free} der ${hours} Stunden frei`,
    partSubject: (outcome: 'declined' | 'expired') =>
      outcome === 'declined' ? 'Partner hat abgelehnt' : 'Bestätigung abgelaufen',
    partDeclined: (partner: string, ref: string, subject: string, hours: string) =>
      `${partner} hat seinen Teil des Auftrags zur Anfrage ${ref} „${subject}“ abgelehnt. Die ${hours} vorgemerkten Stunden sind wieder frei.`,
    partExpired: (partner: string, ref: string, subject: string, hours: string, deadline: string) =>
      `${partner} hat seinen Teil des Auftrags zur Anfrage ${ref} „${subject}“ bis ${deadline} nicht bestätigt. Die ${hours} vorgemerkten Stunden sind wieder frei.`,
    missing: 'Es fehlt nun',
    replacement:
      'Auf der Seite der Anfrage in der Konsole können Sie für genau diesen Teil einen Ersatz vorschlagen lassen („Ersatz vorschlagen“) und annehmen; der übrige Auftrag bleibt, wie er ist.',
    replacementAt:
      'Sie können für genau diesen Teil einen Ersatz vorschlagen lassen („Ersatz vorschlagen“) und annehmen; der übrige Auftrag bleibt, wie er ist.',
    replacementLink: 'Zur Anfrage in der Konsole',
    confirmBy: (deadline: string) =>
      `Die Stunden sind für Sie vorgemerkt. Bitte sagen Sie Ihren Teil bis ${deadline} zu oder ab; ohne Antwort werden die Stunden dann freigegeben.`,
    answerLink: 'Zusage / Absage',
  },
  en: {
    jobSubject: (lead: boolean) => (lead ? 'Job (lead)' : 'Job'),
    jobTitle: 'New job',
    hello: (name: string) => `Hello ${name},`,
    accepted: (network: string, ref: string, subject: string, partner: string) =>
      `${network} has accepted the customer inquiry ${ref} "${subject}" and booked ${partner} for it.`,
    yourPart: 'Your part',
    competence: 'Trade',
    hours: 'Hours',
    timeframe: (from: string, to: string) => `Timeframe: ${from} to ${to}.`,
    booked: 'Booked on your resources',
    week: 'Week',
    resource: 'Resource',
    youLead: "You are the lead partner: the customer's single contact, in the name of the network.",
    leadIs: "Lead partner (the customer's single contact)",
    team: 'The team',
    customer: 'Customer',
    request: 'Request',
    calendar: 'The attached calendar file puts the booked weeks into your calendar.',
    cancelSubject: 'Job cancelled',
    cancelTitle: 'Job cancelled',
    cancelled: (ref: string, subject: string, hours: string) =>
      `the job for inquiry ${ref} "${subject}" has been cancelled. The ${hours} hours booked on your resources are free again.`,
    reason: 'Reason',
    conflictSubject: (ref: string) => `Capacity conflict: ${ref}`,
    conflictTitle: 'A proposal could not be accepted',
    conflict: (ref: string, subject: string) =>
      `the team proposal for inquiry ${ref} "${subject}" could not be accepted: the capacity was taken meanwhile. Request new proposals or edit the proposal.`,
    conflictLine: (ref: string, subject: string) => `${ref} "${subject}": capacity taken meanwhile`,
    detail: 'Detail',
    shortWeek: (resource: string, partner: string, week: string, hours: string) =>
      `resource ${resource} of ${partner} in ${week}: no room for ${hours} more hours`,
    shortPlan: (partner: string, free: string, hours: string, from: string, to: string) =>
      `${partner} has only ${free} of the ${hours} hours free from ${from} to ${to}`,
    cancelCalendar: 'The attached calendar file removes the dates from your calendar.',
    partSubject: (outcome: 'declined' | 'expired') =>
      outcome === 'declined' ? 'Partner declined' : 'Confirmation expired',
    partDeclined: (partner: string, ref: string, subject: string, hours: string) =>
      `${partner} has declined its part of the job for inquiry ${ref} "${subject}". The ${hours} tentative hours are free again.`,
    partExpired: (partner: string, ref: string, subject: string, hours: string, deadline: string) =>
      `${partner} did not confirm its part of the job for inquiry ${ref} "${subject}" by ${deadline}. The ${hours} tentative hours are free again.`,
    missing: 'Now missing',
    replacement:
      'On the inquiry\'s page in the console you can have a replacement proposed for exactly this part ("Propose replacement") and accept it; the rest of the job stays as it is.',
    replacementAt:
      'You can have a replacement proposed for exactly this part ("Propose replacement") and accept it; the rest of the job stays as it is.',
    replacementLink: 'Open the inquiry in the console',
    confirmBy: (deadline: string) =>
      `The hours are held for you. Please confirm or decline your part by ${deadline}; without an answer the hours are released then.`,
    answerLink: 'Confirm / decline',
  },
} satisfies Record<Lang, Record<string, unknown>>;
