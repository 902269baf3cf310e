import { http, reply } from '#shared/http/handler';
import { JobAnswer, ReplacementPath } from './schema';
import { acceptReplacement } from './service';

export const handler = http(
  {
    summary: 'Accept a replacement proposal: its partners join the job with new tentative parts',
    description:
      'Books their hours tentatively in one transaction that re-checks capacity, adds their parts (48 h to confirm, `replaces` the old part) and mails them the job with the signed link. Of two replacements for the same part accepted at once one lands, the other is 409; 409 also names the resource and week that ran out.',
    auth: ['coordinator'],
    params: ReplacementPath,
    response: JobAnswer,
    status: 201,
    problems: [409],
  },
  async ({ caller, params }) => {
    const job = await acceptReplacement(caller, params.inquiryId, params.partnerId, params.proposalId);
    return reply.created(job, `/inquiries/${params.inquiryId}/job`);
  },
);
