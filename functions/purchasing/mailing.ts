import { logger } from '../../shared/log';
import type { OutgoingMail } from '../../shared/mail/compose';
import { loadMailConfig } from '../../shared/mail/config';
import { sendMail } from '../../shared/mail/send';
import { getNetwork, listPartnersWithResources } from '../networks/store';
import { recordUsage } from '../reports/store';
import type { Recipient, Sender } from './order';

let domain: string | undefined;

/**
 * Who a network's pool mails come from (its name at its inbound address, answering to its contact
 * person) and the partners they go to, read through the networks capability's store.
 */
export async function mailContext(
  networkId: string,
): Promise<{ sender: Sender; partners: Map<string, Recipient> }> {
  domain ??= loadMailConfig().domain;
  const [network, { partners }] = await Promise.all([
    getNetwork(networkId),
    listPartnersWithResources(networkId),
  ]);
  if (!network) throw new Error(`network ${networkId} not found`);
  return {
    sender: {
      from: { name: network.name, address: `${network.inboundLocalPart}@${domain}` },
      networkName: network.name,
      contact: network.contact,
    },
    partners: new Map(partners.map((p) => [p.id, { partnerId: p.id, name: p.name, email: p.contact.email }])),
  };
}

/**
 * Sends the mails one by one and counts the ones that left as `emailsSent`. A mail that fails is
 * logged and skipped: the state change that caused it has happened and is not rolled back.
 */
export async function sendAll(networkId: string, mails: OutgoingMail[]): Promise<number> {
  let sent = 0;
  for (const mail of mails) {
    try {
      await sendMail(mail);
      sent++;
    } catch (err) {
      logger.error('pool mail not sent', { error: err as Error, subject: mail.subject });
    }
  }
  if (sent > 0) await recordUsage(networkId, 'emailsSent', sent);
  return sent;
}
