import { http, reply } from '#shared/http/handler';
import { Partner, PartnerPath } from './schema';
import { updatePartner } from './store';

export const handler = http(
  {
    summary:
      'Deactivate a partner: it keeps its history but gets no new work (PATCH active:true re-activates)',
    auth: ['coordinator'],
    params: PartnerPath,
    response: Partner,
  },
  async ({ caller, params }) =>
    reply.ok(await updatePartner(caller.networkId, params.partnerId, { active: false })),
);
