import * as z from 'zod/mini';
import { http, reply } from '#shared/http/handler';
import { ListRecordsQuery, ProjectPath, TimeRecord } from './schema';
import { projectFor } from './service';
import { listRecords } from './store';

export const handler = http(
  {
    summary: "A project's time records (the coordinator all or one partner's, a partner its own)",
    auth: ['coordinator', 'partner'],
    params: ProjectPath,
    query: ListRecordsQuery,
    response: z.object({ items: z.array(TimeRecord) }),
  },
  async ({ caller, params, query }) => {
    const project = await projectFor(caller, params.projectId);
    const partnerId = caller.role === 'partner' ? caller.partnerId : query.partnerId;
    const records = await listRecords(caller.networkId, project.id, partnerId);
    records.sort((a, b) => (a.when < b.when ? -1 : a.when > b.when ? 1 : a.id < b.id ? -1 : 1));
    return reply.ok({ items: records });
  },
);
