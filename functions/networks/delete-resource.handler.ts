import { http, reply } from '#shared/http/handler';
import { assertPartnerMayWrite } from './access';
import { ResourcePath } from './schema';
import { deleteResource } from './store';

export const handler = http(
  { summary: 'Remove a resource', auth: ['coordinator', 'partner'], params: ResourcePath, status: 204 },
  async ({ caller, params }) => {
    await assertPartnerMayWrite(caller, params.partnerId);
    await deleteResource(caller.networkId, params.partnerId, params.resourceId);
    return reply.noContent();
  },
);
