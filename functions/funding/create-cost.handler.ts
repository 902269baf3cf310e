import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { mailStorage } from '#shared/mail/storage';
import { nowIso } from '#shared/time';
import { Cost, CreateCostBody, ProjectPath, RECEIPT_MAX_BYTES } from './schema';
import { entryPartner, invalid, periodFor, projectFor, referenceErrors } from './service';
import { putCost, receiptKey } from './store';

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
    let stored: Cost['receipt'];
    if (receipt) {
      const bytes = Buffer.from(receipt.contentBase64, 'base64');
      if (bytes.length === 0 || bytes.length > RECEIPT_MAX_BYTES) {
        invalid([{ path: 'receipt.contentBase64', message: 'must hold 1 byte to 2 MB', code: 'too_big' }]);
      }
      // stored first: a cost never points at a receipt that is not there (a failed write leaves an unreferenced file)
      await mailStorage().putAttachment(
        receiptKey(caller.networkId, project.id, id),
        bytes,
        receipt.contentType,
      );
      stored = { filename: receipt.filename, contentType: receipt.contentType, bytes: bytes.length };
    }
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
