import { http, reply } from '#shared/http/handler';
import { InquiryPath, Job } from './schema';
import { jobOf } from './service';

export const handler = http(
  {
    summary: "An inquiry's job: team, lead, bookings (a partner on the team sees its own bookings)",
    auth: ['coordinator', 'partner'],
    params: InquiryPath,
    response: Job,
  },
  async ({ caller, params }) => reply.ok(await jobOf(caller, params.inquiryId)),
);
