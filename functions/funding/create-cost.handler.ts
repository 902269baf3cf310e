import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { nowIso } from '#shared/time';
import { Cost, CreateCostBody, ProjectPath } from './schema';
import { entryPartner, invalid, periodFor, projectFor, referenceErrors, storeReceipt } from './service';
import { putCost } from './store';

export const handler = http(
  {
    summary: 'Record a material, third-party or travel cost (with an optional receipt)',
    description:
      'Integer cents. A receipt (PDF, PNG or JPEG, at most 2 MB, base64) is kept beside the mail attachments. Personnel costs are not entered: they follow from the hours and the categories’ rates.',
    auth: ['coordinator', 'partner'],
    params: ProjectPath,
    body: CreateCostBody,
    response: Cost,
    problems: [409],
    status: 201,
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    const project = await projectFor(caller, params.projectId);
    const partnerId = entryPartner(caller, project, body.partnerId);
    const errors = referenceErrors(project, partnerId, body);
    if (errors.length > 0) invalid(errors);
    const period = periodFor(project, body.date, 'date');
    const id = newId();
    const { receipt, ...fields } = body;
    const stored = receipt ? await storeReceipt(caller.networkId, project.id, id, receipt) : undefined;
    const cost: Cost = {
      ...fields,
      id,
      partnerId,
      ...(stored ? { receipt: stored } : {}),
      periodId: period.id,
      enteredBy: caller.sub,
      createdAt: nowIso(),
    };
    await putCost(caller.networkId, project.id, cost);
    return reply.created(cost, `/funding/projects/${project.id}/costs/${id}`);
  },
);
