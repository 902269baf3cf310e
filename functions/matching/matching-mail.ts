import { type CalendarEvent, icsText, weekSpans } from '#shared/calendar/ics';
import { competenceLabel, formats, type Lang, langOr, networkLang, shorten } from '#shared/i18n';
import type { OutgoingMail } from '#shared/mail/compose';
import { type Block, facts, h, link, list, p, renderMail, table, verbatim } from '#shared/mail/layout';
import type { InquiryForMatching } from './job';
import { MESSAGES } from './matching-messages';
import type { Job } from './schema';

interface MailPartner {
  id: string;
  name: string;
  contact: { name: string; email: string; phone?: string };
  /** The partner's language; the network's when absent. */
  language?: string;
}

interface MailNetwork {
  name: string;
  inboundLocalPart: string;
  contact: { name: string; email: string };
  timezone?: string;
  language?: string;
}

/** A competence's labels in both languages (German mails show German labels). */
export type CompetenceLabels = ReadonlyMap<string, { label_de: string; label_en: string }>;

export interface JobMailContext {
  network: MailNetwork;
  mailDomain: string;
  inquiry: InquiryForMatching;
  job: Job;
  partners: ReadonlyMap<string, MailPartner>;
  competenceLabels: CompetenceLabels;
  resourceNames: ReadonlyMap<string, string>;
  /** When the mail is made (the calendar's DTSTAMP); now by default. */
  now?: string;
  /** Per partner, its signed "Zusage / Absage" link (offer-link.ts), where the console's origin is known. */
  answerLinks?: ReadonlyMap<string, string>;
}

const from = (c: Pick<JobMailContext, 'network' | 'mailDomain'>) => ({
  name: c.network.name,
  address: `${c.network.inboundLocalPart}@${c.mailDomain}`,
});

const TZ = 'Europe/Vienna';

/** The language mail to a partner is written in: its own, else the network's. */
export const partnerLang = (network: MailNetwork, partner: Pick<MailPartner, 'language'>): Lang =>
  langOr(partner.language, networkLang(network));

/** The UID of a job's calendar event for one partner and one span of weeks (stable for CANCEL). */
export const jobEventUid = (jobId: string, partnerId: string, firstWeek: string, domain: string) =>
  `job-${jobId}-${partnerId}-${firstWeek.toLowerCase()}@${domain}`;

/**
 * The calendar events of a partner's part of a job: one all-day event per run of consecutive
 * booked weeks, in the partner's language. Used by the job mail, its cancellation and the feed.
 */
export function jobEvents(
  c: Pick<JobMailContext, 'network' | 'mailDomain' | 'inquiry' | 'job'>,
  partner: MailPartner,
  cancelled = false,
): CalendarEvent[] {
  const lang = partnerLang(c.network, partner);
  const m = MESSAGES[lang];
  const booked = c.job.bookings.filter((b) => b.partnerId === partner.id);
  return weekSpans(booked).map((s) => ({
    uid: jobEventUid(c.job.id, partner.id, s.first, c.mailDomain),
    start: s.start,
    end: s.end,
    summary: `${c.inquiry.reference} ${m.jobSubject(c.job.leadPartnerId === partner.id)}: ${shorten(c.inquiry.subject)}`,
    description: `${s.hours} ${m.hours} · ${c.network.name}`,
    ...(c.inquiry.postcode || c.inquiry.region
      ? { location: [c.inquiry.postcode, c.inquiry.region].filter(Boolean).join(' ') }
      : {}),
    sequence: cancelled ? 1 : 0,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: c.network.name, email: from(c).address },
    attendees: [{ name: partner.name, email: partner.contact.email }],
  }));
}

function calendarAttachment(
  method: 'REQUEST' | 'CANCEL',
  events: CalendarEvent[],
  timezone: string,
  now: string,
) {
  return {
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: icsText({ method, timezone, stamp: now, events }),
  };
}

/**
 * The job e-mail to each partner of the team, in its language: its part (competences, hours,
 * booked weeks), the lead partner, the team, and an iCalendar invitation per run of booked
 * weeks. Only the lead gets the customer's contact and request: it is the customer's single
 * contact behind the network's name.
 */
export function jobMails(c: JobMailContext): { partnerId: string; mail: OutgoingMail }[] {
  const { job, inquiry } = c;
  const timezone = c.network.timezone ?? TZ;
  const now = c.now ?? new Date().toISOString();
  const lead = c.partners.get(job.leadPartnerId)!;
  // a part declined or let expire is no longer on the team (its replacement is)
  const gone = (id: string) => ['declined', 'expired'].includes(job.parts?.[id]?.state ?? '');
  const teamIds = [...new Set(job.assignments.map((a) => a.partnerId))].filter((id) => !gone(id)).sort();
  return teamIds.map((partnerId) => {
    const partner = c.partners.get(partnerId)!;
    const lang = partnerLang(c.network, partner);
    const m = MESSAGES[lang];
    const f = formats(lang, timezone, partner.language ?? c.network.language);
    const label = (id: string) => {
      const l = c.competenceLabels.get(id);
      return l ? competenceLabel(l, lang) : id;
    };
    const isLead = partnerId === job.leadPartnerId;
    const mine = job.assignments.filter((a) => a.partnerId === partnerId);
    const booked = job.bookings.filter((b) => b.partnerId === partnerId);
    const events = jobEvents(c, partner);
    const part = job.parts?.[partnerId];
    const answerLink = c.answerLinks?.get(partnerId);
    const blocks: Block[] = [
      p(m.hello(partner.contact.name)),
      p(m.accepted(c.network.name, inquiry.reference, inquiry.subject, partner.name)),
      // a tentative part: the firm says yes or no before the deadline, by the link or in the console
      ...(part?.state === 'requested'
        ? [
            p(m.confirmBy(f.dateTime(part.deadline)), true),
            ...(answerLink ? [link(m.answerLink, answerLink)] : []),
          ]
        : []),
      h(m.yourPart),
      table(
        [m.competence, m.hours],
        mine.map((a) => [label(a.competenceId), f.number(a.hours)]),
        { numeric: [1] },
      ),
      p(m.timeframe(f.date(job.timeframe.from), f.date(job.timeframe.to))),
      h(m.booked),
      table(
        [m.week, m.resource, m.hours],
        booked.map((b) => [
          f.weekWithDays(b.week),
          c.resourceNames.get(`${b.partnerId}#${b.resourceId}`) ?? b.resourceId,
          f.number(b.hours),
        ]),
        { numeric: [2] },
      ),
      isLead
        ? p(m.youLead, true)
        : facts([
            [
              m.leadIs,
              [lead.name, lead.contact.name, lead.contact.email, lead.contact.phone]
                .filter(Boolean)
                .join(', '),
            ],
          ]),
      h(m.team),
      list(
        teamIds.map((id) => {
          const member = c.partners.get(id)!;
          const parts = job.assignments
            .filter((a) => a.partnerId === id)
            .map((a) => `${label(a.competenceId)} ${f.number(a.hours)} h`);
          return `${member.name} (${member.contact.email}): ${parts.join(', ')}`;
        }),
      ),
    ];
    if (isLead) {
      blocks.push(
        h(m.customer),
        facts([
          [m.customer, inquiry.customer.name],
          ['E-Mail', inquiry.customer.email],
          [lang === 'de' ? 'Telefon' : 'Phone', inquiry.customer.phone],
          [lang === 'de' ? 'Ort' : 'Place', [inquiry.postcode, inquiry.region].filter(Boolean).join(' ')],
        ]),
        h(m.request),
        verbatim(inquiry.text),
      );
    }
    if (events.length > 0) blocks.push(p(m.calendar));
    return {
      partnerId,
      mail: {
        from: from(c),
        to: [{ name: partner.name, address: partner.contact.email }],
        replyTo: { name: c.network.contact.name, address: c.network.contact.email },
        subject: `[${inquiry.reference}] ${m.jobSubject(isLead)}: ${inquiry.subject}`,
        ...renderMail([
          {
            lang,
            title: `${m.jobTitle}: ${shorten(inquiry.subject)}`,
            blocks,
            signature: [c.network.contact.name, c.network.name],
          },
        ]),
        headers: { 'Auto-Submitted': 'auto-generated' },
        ...(events.length > 0 ? { attachments: [calendarAttachment('REQUEST', events, timezone, now)] } : {}),
      },
    };
  });
}

/**
 * The notice to each partner of a cancelled job, in its language: its booked hours are free
 * again, with the coordinator's reason, and the `CANCEL` of the job mail's calendar events.
 */
export function cancelMails(
  c: Omit<JobMailContext, 'competenceLabels' | 'resourceNames'> & { reason?: string },
): {
  partnerId: string;
  mail: OutgoingMail;
}[] {
  const timezone = c.network.timezone ?? TZ;
  const now = c.now ?? new Date().toISOString();
  const teamIds = [...new Set(c.job.assignments.map((a) => a.partnerId))].sort();
  return teamIds.map((partnerId) => {
    const partner = c.partners.get(partnerId)!;
    const lang = partnerLang(c.network, partner);
    const m = MESSAGES[lang];
    const f = formats(lang, timezone, partner.language ?? c.network.language);
    const hours = c.job.bookings.filter((b) => b.partnerId === partnerId).reduce((s, b) => s + b.hours, 0);
    const events = jobEvents(c, partner, true);
    const blocks: Block[] = [
      p(m.hello(partner.contact.name)),
      p(m.cancelled(c.inquiry.reference, c.inquiry.subject, f.number(hours))),
    ];
    if (c.reason) blocks.push(h(m.reason), verbatim(c.reason));
    if (events.length > 0) blocks.push(p(m.cancelCalendar));
    return {
      partnerId,
      mail: {
        from: from(c),
        to: [{ name: partner.name, address: partner.contact.email }],
        replyTo: { name: c.network.contact.name, address: c.network.contact.email },
        subject: `[${c.inquiry.reference}] ${m.cancelSubject}: ${c.inquiry.subject}`,
        ...renderMail([
          {
            lang,
            title: `${m.cancelTitle}: ${shorten(c.inquiry.subject)}`,
            blocks,
            signature: [c.network.contact.name, c.network.name],
          },
        ]),
        headers: { 'Auto-Submitted': 'auto-generated' },
        ...(events.length > 0 ? { attachments: [calendarAttachment('CANCEL', events, timezone, now)] } : {}),
      },
    };
  });
}

/**
 * The coordinator's notice (to the network's contact person, in the network's language) that a
 * partner declined its part of a job or let the deadline pass: which competences are missing now.
 */
export function partNoticeMail(c: {
  network: MailNetwork;
  mailDomain: string;
  inquiry: InquiryForMatching;
  job: Job;
  partnerId: string;
  partnerName: string;
  outcome: 'declined' | 'expired';
  competenceLabels: CompetenceLabels;
  /** The inquiry's page in the console, where a replacement is requested (when the origin is known). */
  replacementUrl?: string | undefined;
}): OutgoingMail {
  const lang = networkLang(c.network);
  const m = MESSAGES[lang];
  const f = formats(lang, c.network.timezone ?? TZ, c.network.language);
  const hours = c.job.bookings.filter((b) => b.partnerId === c.partnerId).reduce((s, b) => s + b.hours, 0);
  const deadline = c.job.parts?.[c.partnerId]?.deadline ?? c.job.acceptedAt;
  const label = (id: string) => {
    const l = c.competenceLabels.get(id);
    return l ? competenceLabel(l, lang) : id;
  };
  const { reference, subject } = c.inquiry;
  const blocks: Block[] = [
    p(m.hello(c.network.contact.name)),
    p(
      c.outcome === 'declined'
        ? m.partDeclined(c.partnerName, reference, subject, f.number(hours))
        : m.partExpired(c.partnerName, reference, subject, f.number(hours), f.dateTime(deadline)),
    ),
    h(m.missing),
    table(
      [m.competence, m.hours],
      c.job.assignments
        .filter((a) => a.partnerId === c.partnerId)
        .map((a) => [label(a.competenceId), f.number(a.hours)]),
      { numeric: [1] },
    ),
    p(c.replacementUrl ? m.replacementAt : m.replacement),
    ...(c.replacementUrl ? [link(m.replacementLink, c.replacementUrl)] : []),
  ];
  return {
    from: from(c),
    to: [{ name: c.network.contact.name, address: c.network.contact.email }],
    subject: `[${reference}] ${m.partSubject(c.outcome)}: ${c.partnerName}`,
    ...renderMail([
      { lang, title: `${m.partSubject(c.outcome)}: ${shorten(subject)}`, blocks, signature: ['Verbund'] },
    ]),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
