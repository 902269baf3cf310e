import { getNetwork, listCompetences, listPartnersWithResources } from '#functions/networks/store';
import { mailDomain } from '#shared/mail/config';
import { queueMail } from '#shared/mail/outbox';
import { expertQuestionMail } from './exchange-mail';
import { expertsFor, languageOf } from './expertise';
import type { Post } from './schema';

/**
 * Queues one mail per expert through the outbox, ids `xq-<postId>-<partnerId>`, so a retry
 * queues nothing twice. Returns the partner ids told.
 */
export async function notifyExperts(networkId: string, post: Post): Promise<string[]> {
  const [network, { partners }, taxonomy] = await Promise.all([
    getNetwork(networkId),
    listPartnersWithResources(networkId),
    listCompetences(networkId),
  ]);
  if (!network) return [];
  const experts = expertsFor(post, partners);
  const sender = {
    from: { name: network.name, address: `${network.inboundLocalPart}@${mailDomain()}` },
    networkName: network.name,
  };
  await Promise.all(
    experts.map((p) => {
      const lang = languageOf(p);
      const labels = post.competences.map((id) => {
        const c = taxonomy.find((t) => t.id === id);
        return c ? (lang === 'en' ? c.label_en : c.label_de) : id;
      });
      const mail = expertQuestionMail(post, labels, sender, {
        partnerId: p.id,
        name: p.name,
        email: p.contact.email,
        lang,
      });
      return queueMail(networkId, mail, { id: `xq-${post.id}-${p.id}` });
    }),
  );
  return experts.map((p) => p.id);
}
