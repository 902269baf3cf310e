import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { mailStorage } from '#shared/mail/storage';
import { CostPath, RECEIPT_TYPES } from './schema';
import { projectFor } from './service';
import { getCost, receiptKey } from './store';

export const handler = http(
  {
    summary: "A cost's receipt as it was uploaded",
    auth: ['coordinator', 'partner'],
    params: CostPath,
    produces: RECEIPT_TYPES,
  },
  async ({ caller, params }) => {
    const project = await projectFor(caller, params.projectId);
    const cost = await getCost(caller.networkId, project.id, params.costId);
    if (!cost || (caller.role === 'partner' && cost.partnerId !== caller.partnerId) || !cost.receipt) {
      throw new NotFoundError('receipt');
    }
    const content = await mailStorage().getAttachment(
      receiptKey(caller.networkId, project.id, cost.id, cost.receipt.rev),
    );
    if (!content) throw new NotFoundError('receipt');
    return reply.file(content, cost.receipt.contentType, cost.receipt.filename);
  },
);
