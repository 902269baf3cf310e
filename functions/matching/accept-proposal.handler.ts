import { http, reply } from '#shared/http/handler';
import { AcceptBody, JobAnswer, ProposalPath } from './schema';
import { acceptProposal } from './service';

export const handler = http(
  {
    summary: 'Accept a proposal, optionally edited',
    description:
      'Edits: swap a partner, change hours, pick the lead. Books capacity, records the referral ledger and mails the team in one transaction; 409 names the resource and week that ran out.',
    auth: ['coordinator'],
    params: ProposalPath,
    body: AcceptBody,
    response: JobAnswer,
    status: 201,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    const job = await acceptProposal(caller, params.inquiryId, params.proposalId, body);
    return reply.created(job, `/inquiries/${params.inquiryId}/job`);
  },
);
