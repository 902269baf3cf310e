/**
 * Who hears of what needs a person: the network's contact person always, coordinators who opted
 * in (PUT /notifications/preference) too; each either at once (a queued mail) or in a daily
 * summary (a pending notice the summary target collects). Pure: who, and the mails' content;
 * `items.ts` builds the table items.
 */
import type { Network } from '#functions/networks/index';
import { type Formats, formats, type Lang, langOr, networkLang } from '#shared/i18n';
import type { Address, OutgoingMail } from '#shared/mail/compose';
import { type Block, p, renderMail } from '#shared/mail/layout';
import { MESSAGES } from './notifications-messages';
import type { Delivery, Preference } from './schema';

export const NOTICE_KINDS = ['quarantined', 'capacity-conflict', 'pool-failed'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** What happened, in one language: the mail's subject, title and blocks, and the summary's line. */
export interface NoticeContent {
  subject: string;
  title: string;
  blocks: Block[];
  /** One line for the daily summary. */
  line: string;
}

export interface Notice {
  kind: NoticeKind;
  /** Unique per event (`[A-Za-z0-9_-]`): the same event notifies each person once. */
  key: string;
  content(lang: Lang, f: Formats): NoticeContent;
}

export interface Recipient {
  name: string;
  email: string;
  lang: Lang;
  delivery: Exclude<Delivery, 'off'>;
}

/** The contact person (immediately unless they chose daily) and the coordinators who opted in. */
export function recipients(network: Network, prefs: readonly Preference[]): Recipient[] {
  const contact = network.contact.email.toLowerCase();
  const byEmail = new Map(prefs.map((p) => [p.email.toLowerCase(), p]));
  const own = byEmail.get(contact);
  const fallback = networkLang(network);
  const list: Recipient[] = [
    {
      name: network.contact.name,
      email: network.contact.email,
      lang: langOr(own?.language, fallback),
      // the contact person cannot opt out: 'off' keeps them on immediate notices
      delivery: own?.delivery === 'daily' ? 'daily' : 'immediate',
    },
  ];
  for (const pref of prefs) {
    if (pref.email.toLowerCase() === contact || pref.delivery === 'off') continue;
    list.push({
      name: pref.email,
      email: pref.email,
      lang: langOr(pref.language, fallback),
      delivery: pref.delivery,
    });
  }
  return list;
}

/** The sender of notices: the network's address in its own name. */
export const noticeSender = (network: Network, domain: string): Address => ({
  name: network.name,
  address: `${network.inboundLocalPart}@${domain}`,
});

/** One notice as a mail to one person. */
export function noticeMail(network: Network, from: Address, to: Recipient, c: NoticeContent): OutgoingMail {
  return {
    from,
    to: [{ name: to.name, address: to.email }],
    subject: c.subject,
    ...renderMail([
      {
        lang: to.lang,
        title: c.title,
        blocks: [p(MESSAGES[to.lang].hello(to.name)), ...c.blocks, p(MESSAGES[to.lang].why)],
        signature: [network.name],
      },
    ]),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** The daily summary of a person's pending notices, grouped by kind. */
export function summaryMail(
  network: Network,
  from: Address,
  to: Recipient,
  day: string,
  pending: readonly { kind: string; line: string }[],
): OutgoingMail {
  const m = MESSAGES[to.lang];
  const f = formats(to.lang, network.timezone);
  const shown = f.date(day);
  const blocks: Block[] = [p(m.summaryIntro(pending.length))];
  for (const kind of NOTICE_KINDS) {
    const lines = pending.filter((x) => x.kind === kind).map((x) => x.line);
    if (lines.length > 0)
      blocks.push({ kind: 'h', text: m.kinds[kind] ?? kind }, { kind: 'list', items: lines });
  }
  return noticeMail(network, from, to, {
    subject: m.summarySubject(shown, pending.length),
    title: m.summaryTitle(shown),
    blocks,
    line: '',
  });
}
