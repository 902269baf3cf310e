import { http, reply } from '#shared/http/handler';
import { disablePartnerUsers } from './partner-users';
import { Partner, PartnerPath } from './schema';
import { updatePartner } from './store';

export const handler = http(
  {
    summary:
      'Deactivate a partner: it keeps its history but gets no new work and can no longer change anything; its sign-in users are signed out and disabled (PATCH active:true re-activates)',
    auth: ['coordinator'],
    problems: [503],
    params: PartnerPath,
    response: Partner,
  },
  async ({ caller, params }) => {
    // active:false first: from here on every partner write is refused (access.ts)
    const partner = await updatePartner(caller.networkId, params.partnerId, { active: false });
    await disablePartnerUsers(caller.networkId, params.partnerId);
    return reply.ok(partner);
  },
);
