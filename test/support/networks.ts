import { newNetwork } from '#functions/networks/network';
import { createCompetence, createNetwork, createPartner } from '#functions/networks/store';
import { nowIso } from '#shared/time';

/** Arranges a network with a small taxonomy and two partners through the store. */
export async function givenNetwork(id: string, partnerIds: string[] = [`${id}-p1`, `${id}-p2`]) {
  const now = nowIso();
  const network = newNetwork(
    {
      name: `Netzwerk ${id}`,
      slug: `${id}-slug`,
      contact: { name: 'Maria Huber', email: `office@${id}.example` },
    },
    id,
    now,
  );
  await createNetwork(network);
  await createCompetence(id, {
    id: 'carpentry',
    label_de: 'Tischlerei',
    label_en: 'Joinery',
    synonyms: ['Tischler'],
  });
  await createCompetence(id, { id: 'electrical', label_de: 'Elektro', label_en: 'Electrical', synonyms: [] });
  for (const pid of partnerIds) {
    await createPartner(id, {
      id: pid,
      name: `Firma ${pid}`,
      contact: { name: 'Chef', email: `${pid}@firm.example` },
      competences: [{ competenceId: 'carpentry', level: 3 }],
      active: true,
      createdAt: now,
      updatedAt: now,
    });
  }
  return network;
}
