import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { nowIso } from '#shared/time';
import { newNetwork } from './network';
import { Network } from './schema';
import { createNetwork } from './store';
import { CreateNetworkBody } from './write-schema';

export const handler = http(
  {
    summary: 'Create a network (operator)',
    auth: ['operator'],
    body: CreateNetworkBody,
    response: Network,
    status: 201,
    problems: [409],
  },
  async ({ body }) => {
    const network = newNetwork(body, body.id ?? newId(), nowIso());
    await createNetwork(network);
    return reply.created(network, '/network');
  },
);
