import * as z from 'zod/mini';
import { http, reply } from '#shared/http/handler';
import { Competence } from './schema';
import { listCompetences } from './store';

export const handler = http(
  {
    summary: "The network's competence taxonomy",
    auth: ['coordinator', 'partner'],
    response: z.object({ items: z.array(Competence) }),
  },
  async ({ caller }) => reply.ok({ items: await listCompetences(caller.networkId) }),
);
