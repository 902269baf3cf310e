import { getNetwork, listCompetences, listPartnersWithResources } from '#functions/networks/store';
import { mailDomain } from '#shared/mail/config';
import { queueMail } from '#shared/mail/outbox';
import { expertQuestionMail } from './exchange-mail';
import { expertsFor, languageOf } from './expertise';
import type { Post } from './schema';
import { listPreferences } from './store';

/**
 * Queues one mail per expert (who wants it right away) through the outbox, ids `xq-<postId>-<partnerId>`, so a retry
 * queues nothing twice. Returns the partner ids told.
 */
export async function notifyExperts(networkId: string, post: Post): Promise<string[]> {
  const [network, { partners }, taxonomy, prefs] = await Promise.all([
    getNetwork(networkId),
    listPartnersWithResources(networkId),
    listCompetences(networkId),
    listPreferences(networkId),
  ]);
  if (!network) return [];
  // who chose the digest reads the question there, not right away
  const experts = expertsFor(post, partners).filter((p) => prefs.get(p.id)?.expertMail !== 'digest');
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
