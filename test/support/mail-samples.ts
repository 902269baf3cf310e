/**
 * One sample of every mail kind, built by the real builders from fixed data, in a chosen
 * language: the unit tests check them, and test/e2e/mail-render.test.ts renders the German ones
 * in headless Chromium.
 */

import { quarantineNotice } from '#functions/email-intake/quarantine-notice';
import {
  acknowledgement,
  customerNotice,
  customerReply,
  networkSender,
} from '#functions/inquiries/inquiries-mail';
import type { Inquiry } from '#functions/inquiries/schema';
import { capacityConflictNotice } from '#functions/matching/conflict-notice';
import { cancelMails, jobMails, partNoticeMail } from '#functions/matching/matching-mail';
import type { Job } from '#functions/matching/schema';
import type { Network } from '#functions/networks/schema';
import { noticeMail, noticeSender, summaryMail } from '#functions/notifications/notify';
import { allocate, tierProgress } from '#functions/purchasing/pool';
import {
  cancellationMail,
  confirmationMail,
  poolFailedNoticeOf,
  poolOpenedMail,
  poolReminderMail,
  supplierOrderMail,
  tierReachedMail,
} from '#functions/purchasing/purchasing-mail';
import type { Pool } from '#functions/purchasing/schema';
import { buildReport, partnerReport, reportPeriod } from '#functions/reports/report';
import { reportMail } from '#functions/reports/reports-mail';
import { formats, type Lang } from '#shared/i18n';
import type { OutgoingMail } from '#shared/mail/compose';

export const NOW = '2027-02-15T09:30:00.000Z';

export const network: Network = {
  id: 'demo',
  name: 'Holzbau & Haustechnik Netzwerk',
  slug: 'demo',
  contact: { name: 'Maria Huber', email: 'office@hhn.example', phone: '+43 1 234 5678' },
  inboundLocalPart: 'demo',
  timezone: 'Europe/Vienna',
  referencePrefix: 'HHN',
  language: 'de-AT',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

export const labels = new Map([
  ['carpentry', { label_de: 'Tischlerei', label_en: 'Joinery' }],
  ['electrical', { label_de: 'Elektroinstallation', label_en: 'Electrical installation' }],
]);

export const inquiryIn = (language: string | undefined): Inquiry => ({
  id: 'i1',
  reference: 'HHN-2027-0042',
  status: 'new',
  source: 'form',
  customer: { name: 'Karin Berger', email: 'k.berger@gmx.example', phone: '+43 660 1234567' },
  postcode: '1070',
  subject: 'Dachgeschossausbau mit Gaube, neuen Fenstern und Elektroinstallation im ganzen Stockwerk',
  text: 'Wir planen den Ausbau unseres Dachgeschoßes (ca. 80 m²).\nBitte melden Sie sich: http://spam.example/win',
  ...(language ? { language } : {}),
  competences: [
    { competenceId: 'carpentry', suggested: true },
    { competenceId: 'electrical', suggested: true },
  ],
  mailThread: ['<c1@gmx.example>'],
  createdAt: '2027-02-15T09:00:00.000Z',
  updatedAt: '2027-02-15T09:00:00.000Z',
});

const partner = (id: string, name: string, language?: string) => ({
  id,
  name,
  contact: { name: `Chef ${name}`, email: `${id}@firm.example`, phone: '+43 1 111' },
  ...(language ? { language } : {}),
});

export const job: Job = {
  id: '01jjob',
  inquiryId: 'i1',
  reference: 'HHN-2027-0042',
  proposalId: 'pr1',
  status: 'accepted',
  leadPartnerId: 'p1',
  giver: 'network',
  timeframe: { from: '2027-03-01', to: '2027-03-26' },
  assignments: [
    { partnerId: 'p1', competenceId: 'carpentry', hours: 60 },
    { partnerId: 'p2', competenceId: 'electrical', hours: 22.5 },
  ],
  bookings: [
    { partnerId: 'p1', resourceId: 'team', week: '2027-W09', hours: 30 },
    { partnerId: 'p1', resourceId: 'team', week: '2027-W10', hours: 30 },
    { partnerId: 'p2', resourceId: 'crew', week: '2027-W09', hours: 12.5 },
    { partnerId: 'p2', resourceId: 'crew', week: '2027-W11', hours: 10 },
  ],
  ledger: [],
  acceptedAt: NOW,
  acceptedBy: 'maria',
  parts: {
    p1: { state: 'requested', deadline: '2027-02-17T09:30:00.000Z' },
    p2: { state: 'requested', deadline: '2027-02-17T09:30:00.000Z' },
  },
} as unknown as Job;

export function jobContext(p2Language?: string) {
  return {
    network,
    mailDomain: 'inbound.verbund.test',
    inquiry: inquiryIn('de-AT'),
    job,
    partners: new Map([
      ['p1', partner('p1', 'Tischlerei Gruber')],
      ['p2', partner('p2', 'Elektro Özdemir', p2Language)],
    ]),
    competenceLabels: labels,
    resourceNames: new Map([
      ['p1#team', 'Montageteam'],
      ['p2#crew', 'Elektriker'],
    ]),
    now: NOW,
    answerLinks: new Map([
      ['p1', 'https://verbund.example/api/public/hhn/offer/i1.01jjob.p1.1802864000.sig'],
      ['p2', 'https://verbund.example/api/public/hhn/offer/i1.01jjob.p2.1802864000.sig'],
    ]),
  };
}

export const pool = (supplierLanguage?: string): Pool => ({
  id: '01jpool',
  orderNumber: 'HHN-B-2027-0007',
  supplier: {
    name: 'Holzhandel Steiner',
    email: 'orders@steiner.example',
    ...(supplierLanguage ? { language: supplierLanguage } : {}),
  },
  article: { name: 'OSB-Platte 18 mm', number: 'OSB-18', unit: 'Stk' },
  deliveryDate: '2027-03-01',
  vatRatePct: 20,
  listPriceCents: 1500,
  tiers: [
    { minQuantity: 20, unitPriceCents: 1300 },
    { minQuantity: 50, unitPriceCents: 1140 },
  ],
  packSize: 5,
  deadline: '2027-02-26T16:00:00.000Z',
  timezone: 'Europe/Vienna',
  endAction: 'order_if_minimum_reached',
  shippingCents: 1001,
  shippingSplit: 'by_quantity',
  showParticipantQuantities: false,
  createdBy: { role: 'coordinator' },
  status: 'closed',
  totalQuantity: 53,
  participants: 2,
  tierNotified: 2,
  createdAt: '2027-02-01T10:00:00.000Z',
  updatedAt: '2027-02-26T16:00:00.000Z',
});

export const sender = {
  from: { name: network.name, address: 'demo@inbound.verbund.test' },
  networkName: network.name,
  contact: network.contact,
  language: 'de-AT',
  timezone: 'Europe/Vienna',
};

export const recipient = (language?: string) => ({
  partnerId: 'p1',
  name: 'Tischlerei Gruber',
  email: 'p1@firm.example',
  deliveryAddress: 'Werkstraße 4\n1210 Wien',
  ...(language ? { language } : {}),
});

const lines = [
  { partnerId: 'p1', quantity: 32, joinedAt: '2027-02-02T00:00:00.000Z' },
  { partnerId: 'p2', quantity: 21, joinedAt: '2027-02-03T00:00:00.000Z' },
];

/** Every mail kind in a language (`undefined`: the recipient's language is unknown). */
const REPORT_PARTNERS = [
  ['p1', 'Tischlerei Gruber'],
  ['p2', 'Elektro Özdemir'],
  ['p3', 'Installateur Wagner'],
  ['p4', 'Planungsbüro Steiner & Partner'],
  ['p5', 'Fliesen Hofer'],
  ['p6', 'Malerei Berger'],
] as const;

/** A network's utilisation report: six partners over the default twelve weeks around NOW. */
export function sampleReport() {
  const r = reportPeriod(NOW, 'Europe/Vienna');
  if (!('period' in r)) throw new Error('expected a period');
  const { weeks } = r.period;
  return buildReport({
    network: { id: network.id, name: network.name },
    period: r.period,
    generatedAt: NOW,
    partners: REPORT_PARTNERS.map(([id, name]) => ({ id, name, active: true })),
    resources: REPORT_PARTNERS.map(([partnerId], i) => ({
      id: `r${i}`,
      partnerId,
      kind: 'people' as const,
      hoursPerWeek: 40,
      exceptions: [],
    })),
    // a spread over the bands: some weeks under-used, some busy, one over-booked
    bookings: REPORT_PARTNERS.flatMap(([partnerId], i) =>
      weeks.map((week, w) => ({
        partnerId,
        resourceId: `r${i}`,
        week,
        booked: [0, 12, 26, 34, 38, 44][(i + w) % 6]!,
      })),
    ),
    ledger: [
      { at: NOW, jobId: 'j1', inquiryId: 'i1', giver: 'network', receiver: 'p1', hours: 120 },
      { at: NOW, jobId: 'j2', inquiryId: 'i2', giver: 'p1', receiver: 'p2', hours: 42.5 },
    ],
    openInquiries: [
      { status: 'new', createdAt: '2027-02-14T09:00:00.000Z' },
      { status: 'qualified', createdAt: '2027-01-20T09:00:00.000Z' },
      { status: 'proposed', createdAt: '2026-12-01T09:00:00.000Z' },
    ],
    closedPools: [
      {
        id: 'pool1',
        article: { name: 'OSB-Platte 18 mm' },
        supplier: { name: 'Holz Großhandel GmbH' },
        closedAt: '2027-02-10T16:00:00.000Z',
        allocation: {
          savingsVsListCents: 1140,
          savingsVsAloneCents: 560,
          lines: [{ partnerId: 'p1', savingsVsListCents: 1140, savingsVsAloneCents: 560 }],
        },
      },
    ],
    exchange: {
      posts: [
        sampleQuestion(
          'Dampfsperre bei Holzriegelwänden?',
          '2027-02-08T07:30:00.000Z',
          '2027-02-08T10:00:00.000Z',
        ),
        sampleQuestion(
          'Welcher Fliesenkleber für Fußbodenheizung?',
          '2027-02-15T07:30:00.000Z',
          '2027-02-16T09:30:00.000Z',
        ),
        {
          ...sampleQuestion('So schreiben wir Angebote', '2027-02-09T07:30:00.000Z'),
          kind: 'practice' as const,
          helpful: 7,
        },
      ],
      meetings: [
        {
          meeting: { title: 'Erfa-Runde Februar', startsAt: '2027-02-18T17:00:00.000Z' },
          attending: ['p1', 'p2', 'p4'],
        },
      ],
    },
  });
}

/** A question of the sample network's exchange, answered first at `firstAnsweredAt` if given. */
function sampleQuestion(title: string, createdAt: string, firstAnsweredAt?: string) {
  return {
    kind: 'question' as const,
    title,
    authorPartnerId: 'p2',
    answerCount: firstAnsweredAt ? 1 : 0,
    ...(firstAnsweredAt ? { firstAnsweredAt } : {}),
    helpful: 0,
    hidden: false,
    deleted: false,
    createdAt,
  };
}

export function samples(lang: Lang | undefined): Record<string, OutgoingMail> {
  const tag = lang === 'en' ? 'en-GB' : lang === 'de' ? 'de-AT' : undefined;
  const from = networkSender(network, 'inbound.verbund.test');
  const reportFrom = { name: network.name, address: `${network.inboundLocalPart}@inbound.verbund.test` };
  const inquiry = inquiryIn(tag);
  const fmt = (l: Lang) => formats(l, 'Europe/Vienna');
  const p = pool(tag);
  const allocation = allocate(p, lines);
  const partnerTag = tag ?? 'de-AT';
  const deliveries = new Map<string, { name: string; deliveryAddress?: string }>([
    ['p1', recipient()],
    ['p2', { name: 'Elektro Özdemir', deliveryAddress: 'Gewerbepark 2, 2351 Wiener Neudorf' }],
  ]);
  const withPartnerLang = {
    ...jobContext(partnerTag),
    partners: new Map(
      [...jobContext(partnerTag).partners].map(([k, v]) => [k, { ...v, language: partnerTag }]),
    ),
  };
  return {
    acknowledgement: acknowledgement(network, inquiry, from, '<c1@gmx.example>', {
      labels,
      statusUrl: 'https://verbund.example/status/HHN-2027-0042#t=abc',
    }),
    reply: customerReply(network, inquiry, from, {
      text: 'Guten Tag Frau Berger,\n\nwir kommen am Montag um 9 Uhr.',
    }),
    teamSet: customerNotice(
      network,
      inquiry,
      from,
      { kind: 'team-set', lead: 'Tischlerei Gruber', timeframe: job.timeframe },
      fmt,
    ),
    declined: customerNotice(
      network,
      inquiry,
      from,
      {
        kind: 'declined',
        reason: 'Im März sind alle Teams ausgebucht.\nVersuchen Sie es gerne im Mai wieder.',
      },
      fmt,
    ),
    done: customerNotice(network, inquiry, from, { kind: 'done' }, fmt),
    job: jobMails(withPartnerLang)[0]!.mail,
    jobCancelled: cancelMails({ ...withPartnerLang, reason: 'Die Kundin hat abgesagt.' })[0]!.mail,
    partDeclined: partNoticeMail({
      network: tag ? { ...network, language: tag } : network,
      mailDomain: 'inbound.verbund.test',
      inquiry,
      job,
      partnerId: 'p2',
      partnerName: 'Elektro Özdemir',
      outcome: 'declined',
      competenceLabels: labels,
      replacementUrl: 'https://verbund.example/verbund/anfragen/i1',
    }),
    supplierOrder: supplierOrderMail(p, allocation, sender, deliveries, NOW),
    confirmation: confirmationMail(p, allocation, allocation.lines[0]!, sender, recipient(partnerTag)),
    poolCancelled: cancellationMail(p, 'nobody joined the pool', sender, recipient(partnerTag)),
    tierReached: tierReachedMail(p, tierProgress(p, 53), sender, recipient(partnerTag)),
    poolOpened: poolOpenedMail({ ...p, status: 'open' }, sender, recipient(partnerTag)),
    ...noticeSamples(lang ?? 'de', p),
    report: reportMail(
      sampleReport(),
      reportFrom,
      { name: network.contact.name, address: network.contact.email },
      { name: network.contact.name, address: network.contact.email },
      lang ?? 'de',
    ),
    partnerReport: reportMail(
      partnerReport(sampleReport(), 'p2'),
      reportFrom,
      { name: 'Elektro Özdemir', address: 'p2@firm.example' },
      { name: network.contact.name, address: network.contact.email },
      lang ?? 'de',
    ),
    poolReminder: poolReminderMail(
      { ...p, status: 'open' },
      tierProgress(p, 30),
      sender,
      recipient(partnerTag),
    ),
  };
}

/** The notices to the contact person (at once) and one daily summary of all three kinds. */
function noticeSamples(lang: Lang, p: Pool): Record<string, OutgoingMail> {
  const f = formats(lang, 'Europe/Vienna');
  const from = noticeSender(network, 'inbound.verbund.test');
  const to = {
    name: network.contact.name,
    email: network.contact.email,
    lang,
    delivery: 'immediate' as const,
  };
  const quarantined = quarantineNotice({
    mailId: 'm1',
    receivedAt: NOW,
    subject: 'Rechnung Nr. 2027-118 – bitte sofort öffnen',
    from: { name: 'Buchhaltung', address: 'billing@unknown-sender.example' },
    reason: 'virus',
  });
  const conflict = capacityConflictNotice(
    { reference: 'HHN-2027-0042', subject: 'Dachgeschoss ausbauen mit Bad und Elektrik' },
    'run1-1',
    'capacity ran out: resource p1-r1 of partner p1 in week 2027-W09 cannot take 30 more hours',
  );
  const failed = poolFailedNoticeOf(p, 'the minimum total quantity of 100 was not reached (3 requested)');
  const mail = (n: typeof quarantined) => noticeMail(network, from, to, n.content(lang, f));
  return {
    quarantined: mail(quarantined),
    capacityConflict: mail(conflict),
    poolFailed: mail(failed),
    dailySummary: summaryMail(
      network,
      from,
      { ...to, delivery: 'daily' },
      '2027-03-01',
      [quarantined, conflict, failed].map((n) => ({ kind: n.kind, line: n.content(lang, f).line })),
    ),
  };
}
