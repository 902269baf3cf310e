import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { assertPartnerAccess } from './access';
import { partnerView } from './network';
import { PartnerPath, PartnerView } from './schema';
import { getPartner } from './store';

export const handler = http(
  {
    summary: 'A partner with its competences and resources',
    auth: ['coordinator', 'partner'],
    params: PartnerPath,
    response: PartnerView,
  },
  async ({ caller, params }) => {
    assertPartnerAccess(caller, params.partnerId);
    const found = await getPartner(caller.networkId, params.partnerId);
    if (!found) throw new NotFoundError('partner');
    return reply.ok(partnerView(found.partner, found.resources));
  },
);
