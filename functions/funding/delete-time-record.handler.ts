import { assertPartnerMayWrite } from '#functions/networks/index';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { RecordPath } from './schema';
import { projectFor } from './service';
import { deleteRecord, getRecord } from './store';

export const handler = http(
  {
    summary: 'Remove a time record (its period must be open)',
    auth: ['coordinator', 'partner'],
    params: RecordPath,
    problems: [409],
    status: 204,
  },
  async ({ caller, params }) => {
    await assertPartnerMayWrite(caller);
    const project = await projectFor(caller, params.projectId);
    const current = await getRecord(caller.networkId, project.id, params.recordId);
    if (!current || (caller.role === 'partner' && current.partnerId !== caller.partnerId)) {
      throw new NotFoundError('time record');
    }
    await deleteRecord(caller.networkId, project.id, current);
    return reply.noContent();
  },
);
