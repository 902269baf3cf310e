import type { Address, OutgoingMail } from '#shared/mail/compose';
import { esc } from '#shared/mail/html';
import type { DigestContent } from './digest';
import type { Meeting, Post } from './schema';

/**
 * The exchange's mails, built without I/O, in the recipient's language (German unless the partner
 * has chosen English). Post bodies go in as the HTML the Markdown renderer made safe (no scripts,
 * no images that load themselves); everything else is escaped here.
 */

export type Lang = 'de' | 'en';

export interface ExchangeSender {
  from: Address;
  networkName: string;
}

export interface ExchangeRecipient {
  partnerId: string;
  name: string;
  email: string;
  lang: Lang;
}

const words = {
  de: {
    subject: (t: string) => `Frage an die Fachleute: ${t}`,
    hello: (n: string) => `Hallo ${n},`,
    intro: (net: string) =>
      `im Netzwerk ${net} wurde eine Frage zu einem Thema gestellt, in dem Ihr Betrieb als Fachbetrieb eingetragen ist:`,
    tags: 'Themen',
    outro:
      'Antworten Sie im Wissensaustausch des Netzwerks oder einfach auf diese E-Mail: Ihre Antwort wird Ihr Beitrag. Vielen Dank, dass Sie Ihr Wissen teilen!',
    why: 'Sie erhalten diese Nachricht, weil Ihr Betrieb diese Kompetenz auf Stufe 4 oder 5 führt.',
  },
  en: {
    subject: (t: string) => `Question for the experts: ${t}`,
    hello: (n: string) => `Hello ${n},`,
    intro: (net: string) =>
      `a partner in the ${net} network asked a question on a topic your firm is an expert in:`,
    tags: 'Topics',
    outro:
      "Answer it in the network's know-how exchange, or simply reply to this mail: your reply becomes your answer. Thank you for sharing what you know!",
    why: 'You get this message because your firm holds this competence at level 4 or 5.',
  },
} as const;

/** "Ask the expert": the question, to one partner who holds a tagged competence at level ≥ 4. */
export function expertQuestionMail(
  post: Post,
  labels: readonly string[],
  sender: ExchangeSender,
  to: ExchangeRecipient,
): OutgoingMail {
  const w = words[to.lang];
  const ref = `[Q-${post.id.toUpperCase()}]`;
  return {
    from: sender.from,
    to: [{ name: to.name, address: to.email }],
    subject: `${w.subject(post.title)} ${ref}`,
    text: [
      w.hello(to.name),
      '',
      w.intro(sender.networkName),
      '',
      post.title,
      `${w.tags}: ${labels.join(', ')}`,
      '',
      post.body,
      '',
      w.outro,
      '',
      '-- ',
      w.why,
    ].join('\n'),
    html: [
      `<p>${esc(w.hello(to.name))}</p>`,
      `<p>${esc(w.intro(sender.networkName))}</p>`,
      `<h2>${esc(post.title)}</h2>`,
      `<p><em>${esc(w.tags)}: ${esc(labels.join(', '))}</em></p>`,
      post.html,
      `<p>${esc(w.outro)}</p>`,
      `<p style="color:#666;font-size:small">${esc(w.why)}</p>`,
    ].join('\n'),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

const digestWords = {
  de: {
    subject: (net: string) => `Wissensaustausch ${net}: die Woche`,
    questions: 'Neue Fragen zu Ihren Themen',
    unanswered: 'noch ohne Antwort',
    practices: 'Neue Praxisnotizen ("So machen wir\'s")',
    none: 'keine',
    nextMeeting: 'Nächste Erfa-Runde',
    locale: 'de-AT',
    optOut:
      'Sie erhalten diese Übersicht wöchentlich; abbestellen: PUT /exchange/preferences mit "weeklyDigest": false.',
  },
  en: {
    subject: (net: string) => `Know-how exchange ${net}: the week`,
    questions: 'New questions on your topics',
    unanswered: 'no answer yet',
    practices: 'New practice notes',
    none: 'none',
    nextMeeting: 'Next experience meeting',
    locale: 'en-GB',
    optOut: 'You get this summary weekly; to stop it: PUT /exchange/preferences with "weeklyDigest": false.',
  },
} as const;

/** The weekly digest for one partner: new questions in its competences, new practice notes. */
export function digestMail(
  content: DigestContent,
  sender: ExchangeSender,
  to: ExchangeRecipient,
): OutgoingMail {
  const w = digestWords[to.lang];
  const open = new Set(content.unanswered.map((p) => p.id));
  const line = (p: Post) =>
    `${p.title}${open.has(p.id) ? ` (${w.unanswered})` : ''} [Q-${p.id.toUpperCase()}]`;
  const section = (title: string, posts: Post[]) => [
    title,
    ...(posts.length > 0 ? posts.map((p) => `- ${line(p)}`) : [`- ${w.none}`]),
    '',
  ];
  const m = content.nextMeeting;
  const meetingLine = m
    ? `${m.title}: ${new Intl.DateTimeFormat(w.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: m.timezone }).format(new Date(m.startsAt))}${m.place ? `, ${m.place}` : m.onlineUrl ? `, ${m.onlineUrl}` : ''}`
    : undefined;
  const htmlSection = (title: string, posts: Post[]) =>
    `<h3>${esc(title)}</h3><ul>${(posts.length > 0 ? posts.map(line) : [w.none]).map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`;
  return {
    from: sender.from,
    to: [{ name: to.name, address: to.email }],
    subject: w.subject(sender.networkName),
    text: [
      words[to.lang].hello(to.name),
      '',
      ...section(w.questions, content.questions),
      ...section(w.practices, content.practices),
      ...(meetingLine ? [w.nextMeeting, `- ${meetingLine}`, ''] : []),
      '-- ',
      w.optOut,
    ].join('\n'),
    html: [
      `<p>${esc(words[to.lang].hello(to.name))}</p>`,
      htmlSection(w.questions, content.questions),
      htmlSection(w.practices, content.practices),
      ...(meetingLine ? [`<h3>${esc(w.nextMeeting)}</h3><p>${esc(meetingLine)}</p>`] : []),
      `<p style="color:#666;font-size:small">${esc(w.optOut)}</p>`,
    ].join('\n'),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

const meetingWords = {
  de: {
    invite: (t: string) => `Einladung: ${t}`,
    reminder: (t: string) => `Erinnerung: morgen ${t}`,
    cancel: (t: string) => `Abgesagt: ${t}`,
    intro: (net: string) => `das Netzwerk ${net} lädt zur Erfa-Runde ein:`,
    cancelIntro: (net: string) => `das Netzwerk ${net} sagt diese Erfa-Runde ab:`,
    cancelled:
      'Die Erfa-Runde findet nicht statt. Ihr Kalender entfernt den Termin mit der Absage im Anhang.',
    when: 'Wann',
    where: 'Wo',
    online: 'Online',
    agenda: 'Tagesordnung',
    answer:
      'Bitte sagen Sie zu, ab oder vielleicht: im Kalender (Einladung im Anhang) oder über PUT /exchange/meetings/{id}/rsvp.',
    answerLinks:
      'Bitte sagen Sie zu, ab oder vielleicht, mit einem Klick (oder im Kalender, Einladung im Anhang):',
    yes: 'Zusagen',
    no: 'Absagen',
    maybe: 'Vielleicht',
    locale: 'de-AT',
  },
  en: {
    invite: (t: string) => `Invitation: ${t}`,
    reminder: (t: string) => `Reminder: tomorrow ${t}`,
    cancel: (t: string) => `Cancelled: ${t}`,
    intro: (net: string) => `the ${net} network invites you to an experience meeting:`,
    cancelIntro: (net: string) => `the ${net} network cancels this experience meeting:`,
    cancelled: 'The meeting will not take place. Your calendar removes it with the cancellation attached.',
    when: 'When',
    where: 'Where',
    online: 'Online',
    agenda: 'Agenda',
    answer:
      'Please answer yes, no or maybe: in your calendar (invitation attached) or with PUT /exchange/meetings/{id}/rsvp.',
    answerLinks: 'Please answer yes, no or maybe with one click (or in your calendar, invitation attached):',
    yes: 'Yes',
    no: 'No',
    maybe: 'Maybe',
    locale: 'en-GB',
  },
} as const;

export interface MeetingMailInput {
  meeting: Meeting;
  ics?: string;
  /** Signed yes / no / maybe links to the public answer page (rsvp-link.ts). */
  links?: Record<'yes' | 'no' | 'maybe', string> | undefined;
}

/**
 * The invitation (with the iCalendar REQUEST attached), the reminder the day before, or the
 * cancellation (with the iCalendar CANCEL attached).
 */
export function meetingMail(
  kind: 'invite' | 'reminder' | 'cancel',
  { meeting, ics, links }: MeetingMailInput,
  sender: ExchangeSender,
  to: ExchangeRecipient,
): OutgoingMail {
  const w = meetingWords[to.lang];
  const when = new Intl.DateTimeFormat(w.locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: meeting.timezone,
  }).format(new Date(meeting.startsAt));
  const rows: [string, string][] = [
    [w.when, `${when} (${meeting.timezone})`],
    ...(meeting.place ? [[w.where, meeting.place] as [string, string]] : []),
    ...(meeting.onlineUrl ? [[w.online, meeting.onlineUrl] as [string, string]] : []),
  ];
  const agenda = meeting.agenda.map((a, i) => `${i + 1}. ${a.title}`);
  const answer =
    kind === 'cancel' ? w.cancelled : links ? w.answerLinks : w.answer.replace('{id}', meeting.id);
  const choices = links && kind !== 'cancel' ? (['yes', 'no', 'maybe'] as const) : [];
  const intro = kind === 'cancel' ? w.cancelIntro(sender.networkName) : w.intro(sender.networkName);
  const method = kind === 'cancel' ? 'CANCEL' : 'REQUEST';
  return {
    from: sender.from,
    to: [{ name: to.name, address: to.email }],
    subject: w[kind](meeting.title),
    text: [
      words[to.lang].hello(to.name),
      '',
      intro,
      '',
      meeting.title,
      ...rows.map(([k, v]) => `${k}: ${v}`),
      '',
      `${w.agenda}:`,
      ...agenda,
      '',
      answer,
      ...choices.map((c) => `${w[c]}: ${links![c]}`),
    ].join('\n'),
    html: [
      `<p>${esc(words[to.lang].hello(to.name))}</p>`,
      `<p>${esc(intro)}</p>`,
      `<h2>${esc(meeting.title)}</h2>`,
      `<p>${rows.map(([k, v]) => `<strong>${esc(k)}:</strong> ${esc(v)}`).join('<br>')}</p>`,
      `<h3>${esc(w.agenda)}</h3><ol>${meeting.agenda.map((a) => `<li>${esc(a.title)}</li>`).join('')}</ol>`,
      `<p>${esc(answer)}</p>`,
      ...(choices.length > 0
        ? [
            `<p>${choices.map((c) => `<a href="${esc(links![c])}" style="display:inline-block;padding:10px 18px;margin:0 8px 8px 0;background:#0b5cad;color:#fff;border-radius:6px;text-decoration:none">${esc(w[c])}</a>`).join('')}</p>`,
          ]
        : []),
    ].join('\n'),
    headers: { 'Auto-Submitted': 'auto-generated' },
    ...(ics
      ? {
          attachments: [
            {
              filename: kind === 'cancel' ? 'absage.ics' : 'einladung.ics',
              contentType: `text/calendar; method=${method}; charset=utf-8`,
              content: ics,
            },
          ],
        }
      : {}),
  };
}
