import { assertPartnerAccess } from '#functions/networks/index';
import { getPartner } from '#functions/networks/store';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { purchaseHistory } from './rules';
import { PartnerPath, PurchaseHistory } from './schema';
import { getPools, listPartnerLines } from './store';

export const handler = http(
  {
    summary: "A partner's purchase history across pools, with its total savings",
    auth: ['coordinator', 'partner'],
    params: PartnerPath,
    response: PurchaseHistory,
  },
  async ({ caller, params }) => {
    assertPartnerAccess(caller, params.partnerId);
    if (!(await getPartner(caller.networkId, params.partnerId))) throw new NotFoundError('partner');
    const lines = await listPartnerLines(caller.networkId, params.partnerId);
    const pools = await getPools(
      caller.networkId,
      lines.map((l) => l.poolId),
    );
    return reply.ok({ partnerId: params.partnerId, ...purchaseHistory(lines, pools) });
  },
);
