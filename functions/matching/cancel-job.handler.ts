import { http, reply } from '#shared/http/handler';
import { InquiryPath, JobAnswer } from './schema';
import { cancelAcceptedJob } from './service';

export const handler = http(
  {
    summary: "Cancel an inquiry's accepted job",
    description:
      'Releases its bookings and ledger entries; the inquiry goes back to matching; the team is told by e-mail.',
    auth: ['coordinator'],
    params: InquiryPath,
    response: JobAnswer,
    problems: [409],
  },
  async ({ caller, params }) => reply.ok(await cancelAcceptedJob(caller, params.inquiryId)),
);
