import { assertPartnerMayWrite } from '#functions/networks/index';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { CostPath } from './schema';
import { projectFor } from './service';
import { deleteCost, getCost } from './store';

export const handler = http(
  {
    summary: 'Remove a cost (its period must be open)',
    auth: ['coordinator', 'partner'],
    params: CostPath,
    problems: [409],
    status: 204,
  },
  async ({ caller, params }) => {
    await assertPartnerMayWrite(caller);
    const project = await projectFor(caller, params.projectId);
    const cost = await getCost(caller.networkId, project.id, params.costId);
    if (!cost || (caller.role === 'partner' && cost.partnerId !== caller.partnerId))
      throw new NotFoundError('cost');
    await deleteCost(caller.networkId, project.id, cost);
    return reply.noContent();
  },
);
