import { http, reply } from '#shared/http/handler';
import { partnerDirectoryEntry, partnerView } from './network';
import { PartnerList } from './schema';
import { listPartnersWithResources } from './store';

export const handler = http(
  {
    summary: 'Partners of the network (partners get the directory: no capacity details)',
    auth: ['coordinator', 'partner'],
    response: PartnerList,
  },
  async ({ caller }) => {
    const { partners, resources } = await listPartnersWithResources(caller.networkId);
    const items =
      caller.role === 'coordinator'
        ? partners.map((p) =>
            partnerView(
              p,
              resources.filter((r) => r.partnerId === p.id),
            ),
          )
        : partners.filter((p) => p.active).map(partnerDirectoryEntry);
    return reply.ok({ items });
  },
);
