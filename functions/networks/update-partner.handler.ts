import { http, reply } from '#shared/http/handler';
import { parseOrThrow } from '#shared/http/validate';
import { assertPartnerMayWrite } from './access';
import { sizeClassOf } from './firm-size';
import { disablePartnerUsers, enablePartnerUsers } from './partner-users';
import { Partner, PartnerPath } from './schema';
import { updatePartner } from './store';
import { UpdateOwnPartnerBody, UpdatePartnerBody } from './write-schema';

export const handler = http(
  {
    summary: 'Update a partner profile (a partner its own; only the coordinator may set `active`)',
    auth: ['coordinator', 'partner'],
    problems: [503],
    params: PartnerPath,
    body: UpdatePartnerBody,
    response: Partner,
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller, params.partnerId);
    const patch = caller.role === 'partner' ? parseOrThrow(UpdateOwnPartnerBody, body, 'body') : body;
    const sized =
      body.size && caller.role === 'coordinator' ? { ...patch, sizeClass: sizeClassOf(body.size) } : patch;
    const partner = await updatePartner(caller.networkId, params.partnerId, sized);
    // the sign-in users follow `active` whichever route sets it
    if (caller.role === 'coordinator' && body.active === true) {
      await enablePartnerUsers(caller.networkId, params.partnerId);
    }
    if (caller.role === 'coordinator' && body.active === false) {
      await disablePartnerUsers(caller.networkId, params.partnerId);
    }
    return reply.ok(partner);
  },
);
