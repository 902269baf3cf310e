import { http, reply } from '#shared/http/handler';
import { InquiryPath, ProposalsAnswer } from './schema';
import { proposalsOf } from './service';

export const handler = http(
  {
    summary:
      "An inquiry's latest proposals (a partner sees only those offered to it, without others' capacity)",
    auth: ['coordinator', 'partner'],
    params: InquiryPath,
    response: ProposalsAnswer,
  },
  async ({ caller, params }) => reply.ok(await proposalsOf(caller, params.inquiryId)),
);
