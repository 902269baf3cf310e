import type { Network } from '#functions/networks/index';
import { competenceLabel, type Lang, langOf, networkLang, shorten } from '#shared/i18n';
import type { Address, OutgoingMail } from '#shared/mail/compose';
import {
  type Block,
  facts,
  languagesFor,
  link,
  type MailBody,
  p,
  quote,
  renderMail,
  subjectIn,
  verbatim,
} from '#shared/mail/layout';
import { MESSAGES, NOTICES } from './inquiries-messages';
import { subjectWithReference } from './reference';
import type { Inquiry } from './schema';

/** How many Message-IDs a reply names in References (the oldest and the latest matter most). */
const MAX_REFERENCES = 20;

/** A competence's two labels, for naming it in the customer's language. */
export type CompetenceLabels = ReadonlyMap<string, { label_de: string; label_en: string }>;

/** The one address customers see: the network's inbox, in the contact person's name. */
export function networkSender(network: Network, domain: string): Address {
  return {
    name: `${network.contact.name} | ${network.name}`,
    address: `${network.inboundLocalPart}@${domain}`,
  };
}

function signature(network: Network): string[] {
  return [network.contact.name, network.name, network.contact.phone].filter((s): s is string => !!s);
}

/** The languages a customer's mail is written in: theirs, or both when it is unknown. */
export const customerLanguages = (inquiry: Pick<Inquiry, 'language'>): Lang[] =>
  languagesFor(langOf(inquiry.language));

export interface AckExtras {
  /** Labels of the network's competences, to name the recognised ones. */
  labels?: CompetenceLabels;
  /** Where the customer can see the state of the inquiry (the status page), when there is one. */
  statusUrl?: string;
}

/** The one or two lines that restate the request: shortened subject, recognised trades, postcode. */
function restatement(lang: Lang, inquiry: Inquiry, labels: CompetenceLabels | undefined): string {
  const trades = inquiry.competences
    .map((c) => labels?.get(c.competenceId))
    .filter((l) => l !== undefined)
    .map((l) => competenceLabel(l, lang));
  const details = [
    trades.join(', '),
    inquiry.postcode ? `${MESSAGES[lang].postcode} ${inquiry.postcode}` : '',
  ].filter(Boolean);
  const short = shorten(inquiry.subject);
  const more = details.length > 0 ? ` (${details.join('; ')})` : '';
  return lang === 'de'
    ? `wir haben Ihre Anfrage „${short}“${more} unter der Nummer ${inquiry.reference} erfasst.`
    : `we have recorded your inquiry "${short}"${more} under the reference ${inquiry.reference}.`;
}

/**
 * The automatic acknowledgement: reference number in the subject (replies come back to the
 * inquiry by it), `Auto-Submitted: auto-replied` so other robots do not answer it (RFC 3834).
 * It repeats nothing the form's sender wrote beyond the reference's shortened subject (and the
 * trades and postcode the network recognised), so the form cannot relay a stranger's text.
 */
export function acknowledgement(
  network: Network,
  inquiry: Inquiry,
  from: Address,
  answering?: string,
  extras: AckExtras = {},
): OutgoingMail {
  const langs = customerLanguages(inquiry);
  const bodies: MailBody[] = langs.map((lang) => {
    const m = MESSAGES[lang];
    const blocks: Block[] = [
      p(m.greeting),
      p(restatement(lang, inquiry, extras.labels)),
      p(m.ackContact(network.contact.name)),
    ];
    if (extras.statusUrl) blocks.push(link(m.statusLink, extras.statusUrl));
    return { lang, title: m.ackTitle, blocks, signature: [m.regards, ...signature(network)] };
  });
  const subject = `${subjectIn(langs.map((l) => MESSAGES[l].ackSubject))}: ${shorten(inquiry.subject)}`;
  return {
    from,
    replyTo: from,
    to: [{ name: inquiry.customer.name, address: inquiry.customer.email }],
    subject: subjectWithReference(inquiry, subject),
    ...renderMail(bodies),
    ...(answering ? { inReplyTo: answering, references: [answering] } : {}),
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Verbund-Reference': inquiry.reference },
  };
}

/** In-Reply-To and References of a mail that continues the inquiry's conversation. */
function threading(inquiry: Inquiry) {
  const thread = inquiry.mailThread ?? [];
  const last = thread.at(-1);
  return last
    ? {
        inReplyTo: last,
        references:
          thread.length > MAX_REFERENCES ? [thread[0]!, ...thread.slice(-(MAX_REFERENCES - 1))] : thread,
      }
    : {};
}

/**
 * The coordinator's answer to the customer, threaded onto the conversation: In-Reply-To the
 * latest message, References the chain, the reference token in the subject. The coordinator's
 * words go out as written (line breaks kept); attachments (an offer PDF) ride along.
 */
export function customerReply(
  network: Network,
  inquiry: Inquiry,
  from: Address,
  body: {
    text: string;
    subject?: string;
    attachments?: { filename: string; contentType: string; content: Buffer | string }[];
  },
): OutgoingMail {
  const base = body.subject ?? `Re: ${inquiry.subject}`.replace(/^(Re:\s*)+/i, 'Re: ');
  const lang = langOf(inquiry.language) ?? networkLang(network);
  return {
    from,
    replyTo: from,
    to: [{ name: inquiry.customer.name, address: inquiry.customer.email }],
    subject: subjectWithReference(inquiry, base),
    ...renderMail([{ lang, title: '', blocks: [verbatim(body.text)], signature: signature(network) }]),
    ...threading(inquiry),
    ...(body.attachments?.length ? { attachments: body.attachments } : {}),
    headers: { 'X-Verbund-Reference': inquiry.reference },
  };
}

export type CustomerNotice =
  | { kind: 'team-set'; lead: string; timeframe?: { from: string; to: string } }
  | { kind: 'declined'; reason?: string }
  | { kind: 'done' };

/**
 * What the customer is told when the inquiry moves on: the team is set (who the contact is),
 * it was declined (with the coordinator's own words), the job is done. In the customer's
 * language, threaded onto the conversation, from the network's inbox.
 */
export function customerNotice(
  network: Network,
  inquiry: Inquiry,
  from: Address,
  notice: CustomerNotice,
  fmt: (lang: Lang) => { date(d: string): string },
): OutgoingMail {
  const langs = customerLanguages(inquiry);
  const bodies: MailBody[] = langs.map((lang) => {
    const m = MESSAGES[lang];
    const blocks: Block[] = [p(m.greeting)];
    let title: string = m.doneTitle;
    if (notice.kind === 'team-set') {
      title = m.teamTitle;
      blocks.push(p(m.teamBody(notice.lead)));
      if (notice.timeframe) {
        const f = fmt(lang);
        blocks.push(p(`${m.timeframe}: ${f.date(notice.timeframe.from)} – ${f.date(notice.timeframe.to)}`));
      }
    } else if (notice.kind === 'declined') {
      title = m.declinedTitle;
      blocks.push(p(m.declinedBody));
      if (notice.reason) blocks.push(p(m.declinedWords(network.contact.name)), quote(notice.reason));
    } else {
      blocks.push(p(m.doneBody));
    }
    return { lang, title, blocks, signature: [m.regards, ...signature(network)] };
  });
  const key =
    notice.kind === 'team-set'
      ? 'teamSubject'
      : notice.kind === 'declined'
        ? 'declinedSubject'
        : 'doneSubject';
  const subject = `${subjectIn(langs.map((l) => MESSAGES[l][key]))}: ${shorten(inquiry.subject)}`;
  return {
    from,
    replyTo: from,
    to: [{ name: inquiry.customer.name, address: inquiry.customer.email }],
    subject: subjectWithReference(inquiry, subject),
    ...renderMail(bodies),
    ...threading(inquiry),
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Verbund-Reference': inquiry.reference },
  };
}

/**
 * What the network's contact person is told about an inquiry: a new one came in, or the
 * customer replied. In the network's language, from the network's inbox to the contact, with
 * the reference in the subject (a reply to it threads onto the inquiry like any other).
 */
export function contactNotice(
  network: Network,
  inquiry: Inquiry,
  from: Address,
  kind: 'new-inquiry' | 'customer-reply',
  excerpt?: string,
): OutgoingMail {
  const lang = networkLang(network);
  const m = NOTICES[lang];
  const blocks: Block[] = [
    p(kind === 'new-inquiry' ? m.newBody(m.source[inquiry.source]) : m.replyBody(inquiry.customer.name)),
    facts([
      [m.reference, inquiry.reference],
      [m.customer, `${inquiry.customer.name} <${inquiry.customer.email}>`],
      [m.subject, inquiry.subject],
    ]),
  ];
  if (excerpt) blocks.push(quote(shorten(excerpt, 500)));
  return {
    from,
    to: [{ name: network.contact.name, address: network.contact.email }],
    subject: subjectWithReference(
      inquiry,
      `${kind === 'new-inquiry' ? m.newSubject : m.replySubject}: ${shorten(inquiry.subject)}`,
    ),
    ...renderMail([
      { lang, title: kind === 'new-inquiry' ? m.newTitle : m.replyTitle, blocks, signature: [network.name] },
    ]),
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Verbund-Reference': inquiry.reference },
  };
}
