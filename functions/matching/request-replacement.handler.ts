import { http, reply } from '#shared/http/handler';
import { PartPath, ReplacementRun, RequestReplacementBody } from './schema';
import { requestReplacement } from './service';

export const handler = http(
  {
    summary: 'Propose replacements for one declined or expired part of the accepted job',
    description:
      "Runs the matcher for just that part's competences and hours in the job's timeframe, without the partners already holding a part of the job (`excluded`), ranked as the matcher ranks (idle capacity first). 409 when the part is not declined or expired, or already replaced.",
    auth: ['coordinator'],
    params: PartPath,
    body: RequestReplacementBody,
    response: ReplacementRun,
    status: 201,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    const run = await requestReplacement(caller, params.inquiryId, params.partnerId, body);
    return reply.created(run, `/inquiries/${params.inquiryId}/job/parts/${params.partnerId}/replacements`);
  },
);
