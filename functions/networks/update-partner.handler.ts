import { http, reply } from '#shared/http/handler';
import { parseOrThrow } from '#shared/http/validate';
import { assertPartnerAccess } from './access';
import { Partner, PartnerPath, UpdateOwnPartnerBody, UpdatePartnerBody } from './schema';
import { updatePartner } from './store';

export const handler = http(
  {
    summary: 'Update a partner profile (a partner its own; only the coordinator may set `active`)',
    auth: ['coordinator', 'partner'],
    params: PartnerPath,
    body: UpdatePartnerBody,
    response: Partner,
  },
  async ({ caller, params, body }) => {
    assertPartnerAccess(caller, params.partnerId);
    const patch = caller.role === 'partner' ? parseOrThrow(UpdateOwnPartnerBody, body, 'body') : body;
    return reply.ok(await updatePartner(caller.networkId, params.partnerId, patch));
  },
);
