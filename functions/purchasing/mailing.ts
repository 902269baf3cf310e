import { getNetwork, listPartnersWithResources } from '#functions/networks/store';
import type { OutgoingMail } from '#shared/mail/compose';
import { mailDomain } from '#shared/mail/config';
import { queueMail } from '#shared/mail/outbox';
import type { Recipient, Sender } from './purchasing-mail';

/**
 * One of a pool's mails with its outbox id. The ids are deterministic
 * (`pool-<poolId>-<kind>[-<partnerId>]`), so queueing the same notice twice queues it once.
 */
export interface PoolMail {
  id: string;
  mail: OutgoingMail;
}

/**
 * Who a network's pool mails come from (its name at its inbound address, answering to its contact
 * person) and the partners they go to, read through the networks capability's store.
 */
export async function mailContext(
  networkId: string,
): Promise<{ sender: Sender; partners: Map<string, Recipient> }> {
  const [network, { partners }] = await Promise.all([
    getNetwork(networkId),
    listPartnersWithResources(networkId),
  ]);
  if (!network) throw new Error(`network ${networkId} not found`);
  return {
    sender: {
      from: { name: network.name, address: `${network.inboundLocalPart}@${mailDomain()}` },
      networkName: network.name,
      contact: network.contact,
      language: network.language,
      timezone: network.timezone,
    },
    partners: new Map(
      partners.map((p) => [
        p.id,
        {
          partnerId: p.id,
          name: p.name,
          email: p.contact.email,
          ...(p.language ? { language: p.language } : {}),
          ...(p.deliveryAddress ? { deliveryAddress: p.deliveryAddress } : {}),
          ...(p.poolMails === false ? { poolMailsOff: true } : {}),
          active: p.active,
        },
      ]),
    ),
  };
}

/**
 * Queues the mails (shared/mail/outbox.ts) right after the change they tell of, one conditional
 * put each; the outbox consumer sends them and counts `emailsSent`. Returns how many were newly
 * queued (a mail queued before under the same id is not queued again).
 */
export async function queueAll(networkId: string, mails: PoolMail[]): Promise<number> {
  const queued = await Promise.all(mails.map((m) => queueMail(networkId, m.mail, { id: m.id })));
  return queued.filter((q) => q.queued).length;
}
