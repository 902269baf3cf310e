import * as z from 'zod/mini';
import { http, reply } from '#shared/http/handler';
import { Cost, ListRecordsQuery, ProjectPath } from './schema';
import { projectFor } from './service';
import { listCosts } from './store';

export const handler = http(
  {
    summary: "A project's costs (the coordinator all or one partner's, a partner its own)",
    auth: ['coordinator', 'partner'],
    params: ProjectPath,
    query: ListRecordsQuery,
    response: z.object({ items: z.array(Cost) }),
  },
  async ({ caller, params, query }) => {
    const project = await projectFor(caller, params.projectId);
    const partnerId = caller.role === 'partner' ? caller.partnerId : query.partnerId;
    const costs = await listCosts(caller.networkId, project.id, partnerId);
    costs.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
    return reply.ok({ items: costs });
  },
);
