import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { Network } from './schema';
import { getNetwork, updateNetwork } from './store';
import { UpdateNetworkBody } from './write-schema';

export const handler = http(
  {
    summary: "Update the caller's network",
    auth: ['coordinator'],
    body: UpdateNetworkBody,
    response: Network,
    problems: [404, 409],
  },
  async ({ caller, body }) => {
    const current = await getNetwork(caller.networkId);
    if (!current) throw new NotFoundError('network');
    return reply.ok(await updateNetwork(current, body));
  },
);
