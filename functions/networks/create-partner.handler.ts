import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { nowIso } from '#shared/time';
import { sizeClassOf } from './firm-size';
import { type Partner, PartnerView } from './schema';
import { createPartner } from './store';
import { checkCompetences } from './taxonomy';
import { CreatePartnerBody } from './write-schema';

export const handler = http(
  {
    summary: 'Add a partner firm to the network',
    auth: ['coordinator'],
    body: CreatePartnerBody,
    response: PartnerView,
    problems: [409],
    status: 201,
  },
  async ({ caller, body }) => {
    const competences = body.competences ?? [];
    await checkCompetences(caller.networkId, competences);
    const now = nowIso();
    const { id, competences: _, ...profile } = body;
    const partner: Partner = {
      id: id ?? newId(),
      ...profile,
      competences,
      ...(profile.size ? { sizeClass: sizeClassOf(profile.size) } : {}),
      active: true,
      createdAt: now,
      updatedAt: now,
    };
    await createPartner(caller.networkId, partner);
    return reply.created({ ...partner, resources: [] }, `/partners/${partner.id}`);
  },
);
