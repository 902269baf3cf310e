import { http, reply } from '#shared/http/handler';
import { PartPath, ReplacementRun } from './schema';
import { replacementsOf } from './service';

export const handler = http(
  {
    summary: 'The newest replacement proposals for one part of the accepted job',
    auth: ['coordinator'],
    params: PartPath,
    response: ReplacementRun,
  },
  async ({ caller, params }) => reply.ok(await replacementsOf(caller, params.inquiryId, params.partnerId)),
);
