import { http, reply } from '#shared/http/handler';
import { AcceptBody, JobAnswer, ProposalPath } from './schema';
import { acceptProposal } from './service';

export const handler = http(
  {
    summary: 'Accept a proposal, optionally edited',
    description:
      "Edits: swap a partner, change hours, pick the lead. Books capacity, records the referral ledger and mails the team in one transaction; 409 names the resource and week that ran out. A replacement's proposal (POST /inquiries/{inquiryId}/job/parts/{partnerId}/replacements) is accepted here too: its partners join the accepted job with new tentative parts (no other lead; of two replacements for one part accepted at once one lands, the other is 409).",
    auth: ['coordinator'],
    params: ProposalPath,
    body: AcceptBody,
    response: JobAnswer,
    status: 201,
    problems: [409, 503],
  },
  async ({ caller, params, body }) => {
    const job = await acceptProposal(caller, params.inquiryId, params.proposalId, body);
    return reply.created(job, `/inquiries/${params.inquiryId}/job`);
  },
);
