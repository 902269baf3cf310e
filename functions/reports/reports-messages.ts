import type { Lang } from '#shared/i18n';
import type { OpenStatus } from './report';
import type { Band } from './utilisation';

type Kind = 'people' | 'room' | 'machine';

/** The reports capability's words, German and English, in one place: the utilisation report mail. */
export const MESSAGES = {
  de: {
    subject: (network: string, from: string, to: string) =>
      `Auslastungsbericht ${network}: ${from} bis ${to}`,
    title: (network: string) => `Auslastungsbericht ${network}`,
    period: (from: string, to: string, firstDay: string, lastDay: string, tz: string, made: string) =>
      `${from} bis ${to} (${firstDay} bis ${lastDay}, ${tz}); erstellt am ${made}.`,
    share: (kinds: string) =>
      `Gebuchter Anteil der verfügbaren Stunden je Kalenderwoche, über die Ressourcenarten, die Aufträge in diesen Wochen gebucht haben: ${kinds}.`,
    shareShort: (kinds: string) => `Gebuchter Anteil über die gebuchten Ressourcenarten: ${kinds}.`,
    now: 'jetzt',
    partner: 'Partner',
    kind: 'Art',
    total: (network: string) => `${network} (gesamt)`,
    all: (partner: string) => `${partner} (alle)`,
    kinds: { people: 'Personen', room: 'Räume', machine: 'Maschinen' } satisfies Record<Kind, string>,
    notBooked: 'nicht gebucht',
    network: (kind: string) => `Verbund ${kind}`,
    bands: {
      under: '≤ 60 % (unterausgelastet)',
      good: '60–80 %',
      busy: '80–100 %',
      over: '> 100 % (überbucht)',
      none: 'keine Kapazität',
    } satisfies Record<Band, string>,
    bandsLine: 'Farben',
    perKind: 'Verbund je Ressourcenart',
    idle: 'Die meisten freien Stunden in den kommenden Wochen',
    // a soft hyphen: the long word may break in a phone's narrow column
    idleHead: ['Partner', 'freie Stunden', 'verfügbar', 'gebucht', 'Aus\u00adlastung'],
    idleLine: (name: string, hours: string) => `${name}: ${hours} h frei`,
    noIdle: 'Keine freien Stunden in den kommenden Wochen.',
    referrals: 'Empfehlungsbilanz im Zeitraum (Stunden)',
    referralHead: ['Partner', 'gegeben', 'erhalten', 'Saldo'],
    noReferrals: 'Keine Empfehlungen im Zeitraum.',
    moreWithout: (n: number) =>
      n === 1
        ? '1 weiterer Partner ohne Empfehlungen im Zeitraum.'
        : `${n} weitere Partner ohne Empfehlungen im Zeitraum.`,
    inquiries: 'Offene Anfragen',
    inquiryHead: ['Status', 'offen', '0–7 Tage', '8–30 Tage', '31+ Tage', 'älteste (Tage)'],
    openInquiries: (n: number) => `Offene Anfragen: ${n}`,
    status: {
      new: 'neu',
      qualified: 'geprüft',
      matching: 'in Teamsuche',
      proposed: 'Team vorgeschlagen',
      accepted: 'angenommen',
      in_progress: 'in Arbeit',
    } satisfies Record<OpenStatus, string>,
    pools: 'Im Zeitraum geschlossene Einkaufspools',
    poolLine: (n: number, list: string, alone: string) =>
      `${n} ${n === 1 ? 'Pool' : 'Pools'}; Ersparnis gegenüber Listenpreisen ${list}, gegenüber Einzelbestellungen ${alone}.`,
    poolShort: (n: number, list: string) => `Geschlossene Einkaufspools: ${n}, Ersparnis ${list}`,
    ownShare: (list: string, n: number) =>
      `Ihr Anteil: ${list} gegenüber Listenpreisen in ${n} ${n === 1 ? 'Pool' : 'Pools'}.`,
    csv: 'Die angehängte CSV-Datei enthält jede Zahl der Tabelle, je Ressourcenart und Woche.',
    hours: (who: string) => `Gebuchte Stunden je Kalenderwoche: ${who}`,
    hoursHead: ['KW', 'Aufträge', 'Förderprojekt', 'gesamt'],
    hoursSum: 'Summe',
    hoursNote: 'Beide nehmen Kapazität in Anspruch; die Auslastung oben zählt sie zusammen.',
    learning: 'Voneinander lernen: der Erfahrungsaustausch im Zeitraum',
    learningLine: (asked: number, answered: number) =>
      `${asked} ${asked === 1 ? 'Frage' : 'Fragen'} gestellt, ${answered} davon beantwortet.`,
    firstAnswer: (hours: string | null) =>
      hours === null
        ? 'Noch keine Antwort im Zeitraum.'
        : `Bis zur ersten Antwort vergingen im Mittel (Median) ${hours} Stunden.`,
    practicesHead: ['Praxisnotiz', 'von', 'hilfreich'],
    noPractices: 'Keine neuen Praxisnotizen im Zeitraum.',
    meetingsHead: ['Erfahrungstreffen', 'am', 'Zusagen'],
    noMeetings: 'Kein Erfahrungstreffen im Zeitraum.',
  },
  en: {
    subject: (network: string, from: string, to: string) => `Utilisation report ${network}: ${from} to ${to}`,
    title: (network: string) => `Utilisation report ${network}`,
    period: (from: string, to: string, firstDay: string, lastDay: string, tz: string, made: string) =>
      `${from} to ${to} (${firstDay} to ${lastDay}, ${tz}); made ${made}.`,
    share: (kinds: string) =>
      `Booked share of the available hours per ISO week, over the resource kinds jobs booked in these weeks: ${kinds}.`,
    shareShort: (kinds: string) => `Booked share over the kinds jobs booked: ${kinds}.`,
    now: 'now',
    partner: 'Partner',
    kind: 'Kind',
    total: (network: string) => `${network} (total)`,
    all: (partner: string) => `${partner} (all)`,
    kinds: { people: 'people', room: 'rooms', machine: 'machines' } satisfies Record<Kind, string>,
    notBooked: 'not booked',
    network: (kind: string) => `Network ${kind}`,
    bands: {
      under: '≤ 60 % (under-used)',
      good: '60–80 %',
      busy: '80–100 %',
      over: '> 100 % (over-booked)',
      none: 'no capacity',
    } satisfies Record<Band, string>,
    bandsLine: 'Bands',
    perKind: 'Network per resource kind',
    idle: 'Most idle capacity in the coming weeks',
    idleHead: ['Partner', 'idle hours', 'available', 'booked', 'utilisation'],
    idleLine: (name: string, hours: string) => `${name}: ${hours} h idle`,
    noIdle: 'No idle hours in the coming weeks.',
    referrals: 'Referral balance in the period (hours)',
    referralHead: ['Partner', 'given', 'received', 'balance'],
    noReferrals: 'No referrals in the period.',
    moreWithout: (n: number) => `${n} more partner${n === 1 ? '' : 's'} without referrals in the period.`,
    inquiries: 'Open inquiries',
    inquiryHead: ['Status', 'open', '0–7 days', '8–30 days', '31+ days', 'oldest (days)'],
    openInquiries: (n: number) => `Open inquiries: ${n}`,
    status: {
      new: 'new',
      qualified: 'qualified',
      matching: 'matching',
      proposed: 'team proposed',
      accepted: 'accepted',
      in_progress: 'in progress',
    } satisfies Record<OpenStatus, string>,
    pools: 'Purchase pools closed in the period',
    poolLine: (n: number, list: string, alone: string) =>
      `${n} pool${n === 1 ? '' : 's'}; savings against list prices ${list}, against ordering alone ${alone}.`,
    poolShort: (n: number, list: string) => `Purchase pools closed: ${n}, savings ${list}`,
    ownShare: (list: string, n: number) =>
      `Your share: ${list} against list prices in ${n} pool${n === 1 ? '' : 's'}.`,
    csv: 'The attached CSV has every number of the table, per resource kind and week.',
    hours: (who: string) => `Booked hours per ISO week: ${who}`,
    hoursHead: ['Week', 'Jobs', 'Funded project', 'total'],
    hoursSum: 'Sum',
    hoursNote: 'Both take capacity; the utilisation above counts them together.',
    learning: 'Learning from each other: the know-how exchange in the period',
    learningLine: (asked: number, answered: number) =>
      `${asked} question${asked === 1 ? '' : 's'} asked, ${answered} of them answered.`,
    firstAnswer: (hours: string | null) =>
      hours === null
        ? 'No answer in the period yet.'
        : `The first answer came after ${hours} hours (median).`,
    practicesHead: ['Practice', 'by', 'helpful'],
    noPractices: 'No new practice notes in the period.',
    meetingsHead: ['Meeting', 'on', 'attending'],
    noMeetings: 'No experience meeting in the period.',
  },
} satisfies Record<Lang, unknown>;
