import { http, reply } from '#shared/http/handler';
import { InquiryPath, MatchRun, RequestProposalsBody } from './schema';
import { requestProposals } from './service';

export const handler = http(
  {
    summary: 'Run the matcher for an inquiry',
    description:
      'Up to `count` ranked team proposals with explanations (send {} to match the inquiry as qualified).',
    auth: ['coordinator'],
    params: InquiryPath,
    body: RequestProposalsBody,
    response: MatchRun,
    status: 201,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    const run = await requestProposals(caller, params.inquiryId, body);
    return reply.created(run, `/inquiries/${params.inquiryId}/proposals`);
  },
);
