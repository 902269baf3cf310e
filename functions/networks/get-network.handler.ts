import * as z from 'zod/mini';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { networkForPartner } from './network';
import { Network, NetworkForPartner } from './schema';
import { getNetwork } from './store';

export const handler = http(
  {
    summary: "The caller's own network (partners see its public face)",
    auth: ['coordinator', 'partner'],
    response: z.union([Network, NetworkForPartner]),
    problems: [404],
  },
  async ({ caller }) => {
    const network = await getNetwork(caller.networkId);
    if (!network) throw new NotFoundError('network');
    return reply.ok(caller.role === 'coordinator' ? network : networkForPartner(network));
  },
);
