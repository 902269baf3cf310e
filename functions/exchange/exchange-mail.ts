import type { Address, OutgoingMail } from '#shared/mail/compose';
import { esc } from '#shared/mail/html';
import type { Post } from './schema';

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
    outro: 'Antworten Sie im Wissensaustausch des Netzwerks. Vielen Dank, dass Sie Ihr Wissen teilen!',
    why: 'Sie erhalten diese Nachricht, weil Ihr Betrieb diese Kompetenz auf Stufe 4 oder 5 führt.',
  },
  en: {
    subject: (t: string) => `Question for the experts: ${t}`,
    hello: (n: string) => `Hello ${n},`,
    intro: (net: string) =>
      `a partner in the ${net} network asked a question on a topic your firm is an expert in:`,
    tags: 'Topics',
    outro: "Answer it in the network's know-how exchange. Thank you for sharing what you know!",
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
