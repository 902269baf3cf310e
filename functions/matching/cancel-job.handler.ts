import { http, reply } from '#shared/http/handler';
import { InquiryPath } from './schema';
import { cancelAcceptedJob } from './service';

export const handler = http(
  {
    summary:
      "Cancel an inquiry's accepted job: releases its bookings and ledger entries, the inquiry goes back to matching",
    auth: ['coordinator'],
    params: InquiryPath,
  },
  async ({ caller, params }) => reply.ok(await cancelAcceptedJob(caller, params.inquiryId)),
);
