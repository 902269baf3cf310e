import { assertPartnerMayWrite } from '#functions/networks/index';
import { ConflictError, NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { nowIso } from '#shared/time';
import { Cost, CostPath, UpdateCostBody } from './schema';
import { invalid, periodFor, projectFor, referenceErrors, storeReceipt } from './service';
import { getCost, replaceCost } from './store';

export const handler = http(
  {
    summary: 'Change a cost: kind, work package, date, amount, description, its receipt',
    description:
      'Send `seen`: the `updatedAt` you read (or `createdAt` for a cost never changed); a change by someone else meanwhile gives 409, and so does a closed period (the old or the new one). `receipt: null` removes the receipt, a new one replaces it.',
    auth: ['coordinator', 'partner'],
    params: CostPath,
    body: UpdateCostBody,
    response: Cost,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    const project = await projectFor(caller, params.projectId);
    const current = await getCost(caller.networkId, project.id, params.costId);
    if (!current || (caller.role === 'partner' && current.partnerId !== caller.partnerId))
      throw new NotFoundError('cost');
    if (body.seen !== (current.updatedAt ?? current.createdAt))
      throw new ConflictError('the cost was changed by someone else meanwhile; reload and retry', [
        { path: 'seen', message: 'the cost changed meanwhile', code: 'changed_meanwhile' },
      ]);
    const { seen: _, receipt, ...fields } = body;
    const errors = referenceErrors(project, current.partnerId, fields);
    if (errors.length > 0) invalid(errors);
    const date = fields.date ?? current.date;
    const period = periodFor(project, date, 'date');
    const { receipt: kept, ...rest } = current;
    const stored =
      receipt === undefined
        ? kept
        : receipt === null
          ? undefined
          : await storeReceipt(caller.networkId, project.id, current.id, receipt, newId());
    const next: Cost = {
      ...rest,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      ...(stored ? { receipt: stored } : {}),
      periodId: period.id,
      updatedAt: nowIso(),
    };
    await replaceCost(caller.networkId, project.id, current, next);
    return reply.ok(next);
  },
);
