import type { Network } from '#functions/networks/index';
import type { Address, OutgoingMail } from '#shared/mail/compose';
import { subjectWithReference } from './reference';
import type { Inquiry } from './schema';

/** How many Message-IDs a reply names in References (the oldest and the latest matter most). */
const MAX_REFERENCES = 20;

/** The one address customers see: the network's inbox, in the contact person's name. */
export function networkSender(network: Network, domain: string): Address {
  return {
    name: `${network.contact.name} | ${network.name}`,
    address: `${network.inboundLocalPart}@${domain}`,
  };
}

function signature(network: Network): string {
  return [network.contact.name, network.name, network.contact.phone].filter(Boolean).join('\n');
}

/**
 * The automatic acknowledgement: reference number in the subject (replies come back to the
 * inquiry by it), `Auto-Submitted: auto-replied` so other robots do not answer it (RFC 3834).
 */
export function acknowledgement(
  network: Network,
  inquiry: Inquiry,
  from: Address,
  answering?: string,
  statusUrl?: string,
): OutgoingMail {
  const subject = inquiry.subject
    ? `Ihre Anfrage / your inquiry: ${inquiry.subject}`
    : 'Ihre Anfrage / your inquiry';
  return {
    from,
    replyTo: from,
    to: [{ name: inquiry.customer.name, address: inquiry.customer.email }],
    subject: subjectWithReference(inquiry.reference, subject.slice(0, 180)),
    text: [
      `Guten Tag ${inquiry.customer.name},`,
      '',
      `vielen Dank für Ihre Anfrage. Wir haben sie unter der Nummer ${inquiry.reference} erfasst;`,
      `${network.contact.name} meldet sich in Kürze bei Ihnen. Wenn Sie etwas ergänzen möchten,`,
      'antworten Sie einfach auf diese Nachricht.',
      '',
      `Thank you for your inquiry. Its reference is ${inquiry.reference}; ${network.contact.name}`,
      'will get back to you shortly. Simply reply to this message to add anything.',
      '',
      ...(statusUrl ? [`Stand Ihrer Anfrage / status of your inquiry: ${statusUrl}`, ''] : []),
      'Mit freundlichen Grüßen / Kind regards',
      signature(network),
    ].join('\n'),
    ...(answering ? { inReplyTo: answering, references: [answering] } : {}),
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Verbund-Reference': inquiry.reference },
  };
}

/**
 * The coordinator's answer to the customer, threaded onto the conversation: In-Reply-To the
 * latest message, References the chain, the reference token in the subject.
 */
export function customerReply(
  network: Network,
  inquiry: Inquiry,
  from: Address,
  body: { text: string; subject?: string },
): OutgoingMail {
  const thread = inquiry.mailThread ?? [];
  const last = thread.at(-1);
  const base = body.subject ?? `Re: ${inquiry.subject}`.replace(/^(Re:\s*)+/i, 'Re: ');
  return {
    from,
    replyTo: from,
    to: [{ name: inquiry.customer.name, address: inquiry.customer.email }],
    subject: subjectWithReference(inquiry.reference, base),
    text: `${body.text}\n\n-- \n${signature(network)}`,
    ...(last
      ? {
          inReplyTo: last,
          references:
            thread.length > MAX_REFERENCES ? [thread[0]!, ...thread.slice(-(MAX_REFERENCES - 1))] : thread,
        }
      : {}),
    headers: { 'X-Verbund-Reference': inquiry.reference },
  };
}
