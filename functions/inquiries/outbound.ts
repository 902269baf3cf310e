import { logger } from '../../shared/log';
import { newMessageId, type OutgoingMail } from '../../shared/mail/compose';
import { loadMailConfig } from '../../shared/mail/config';
import { sendMail } from '../../shared/mail/send';
import type { Network } from '../networks/schema';
import { recordUsage } from '../reports/store';
import { withinRate } from './guards';
import { digest } from './keys';
import { acknowledgement, customerReply, networkSender } from './letters';
import { LIMITS } from './limits';
import type { Inquiry } from './schema';
import { addTimelineEntry } from './store';

let domain: string | undefined;
/** The networks' mail domain (MAIL_DOMAIN), read on first use. */
export const mailDomain = () => {
  domain ??= loadMailConfig().domain;
  return domain;
};

/**
 * Sends mail about an inquiry and records it: the timeline gets the outgoing message, its
 * Message-ID joins the conversation (so the customer's answer threads back), usage counts it.
 */
async function send(networkId: string, inquiry: Inquiry, mail: OutgoingMail, kind: string, by?: string) {
  const messageId = newMessageId(mailDomain());
  await sendMail(mail, { messageId });
  await recordUsage(networkId, 'emailsSent');
  await addTimelineEntry(
    networkId,
    inquiry.id,
    {
      kind,
      text: mail.text,
      by,
      data: { messageId, to: mail.to.map((a) => a.address), subject: mail.subject },
    },
    { appendThread: [messageId] },
  );
  return messageId;
}

/**
 * The automatic acknowledgement, unless the loop guard says this address had enough of them
 * this hour, or the address is one of ours. Returns whether it was sent.
 */
export async function acknowledge(
  networkId: string,
  network: Network,
  inquiry: Inquiry,
  answering?: string,
): Promise<boolean> {
  const to = inquiry.customer.email.toLowerCase();
  if (to.endsWith(`@${mailDomain().toLowerCase()}`)) return false;
  const { limit, windowSeconds } = LIMITS.acknowledgementsPerAddress;
  if (!(await withinRate(networkId, `ack-${digest(to, 24)}`, limit, windowSeconds))) {
    logger.warn('acknowledgement suppressed by the loop guard', { networkId, inquiryId: inquiry.id });
    return false;
  }
  const mail = acknowledgement(network, inquiry, networkSender(network, mailDomain()), answering);
  await send(networkId, inquiry, mail, 'acknowledgement');
  return true;
}

/** The coordinator's reply to the customer, from the network's address. */
export async function replyToCustomer(
  networkId: string,
  network: Network,
  inquiry: Inquiry,
  body: { text: string; subject?: string },
  by: string,
): Promise<{ messageId: string; subject: string }> {
  const mail = customerReply(network, inquiry, networkSender(network, mailDomain()), body);
  const messageId = await send(networkId, inquiry, mail, 'message-out', by);
  return { messageId, subject: mail.subject };
}
