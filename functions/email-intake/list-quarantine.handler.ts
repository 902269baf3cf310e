import { http, reply } from '#shared/http/handler';
import { page } from '#shared/schema';
import { QuarantineQuery } from './schema';
import { listQuarantine, MailRecord } from './store';

export const handler = http(
  {
    summary:
      'Quarantined inbound mail (virus, spam, oversize, unreadable, no sender, stray bounces, processing failed), newest first',
    auth: ['coordinator'],
    query: QuarantineQuery,
    response: page(MailRecord),
  },
  async ({ caller, query }) => reply.ok(await listQuarantine(caller.networkId, query)),
);
