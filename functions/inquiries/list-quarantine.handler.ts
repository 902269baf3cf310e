import { listQuarantine } from '#functions/email-intake/store';
import { http, reply } from '#shared/http/handler';
import { PageQuery } from './schema';

export const handler = http(
  {
    summary:
      'Quarantined inbound mail (virus, spam, oversize, unreadable, no sender, stray bounces), newest first',
    auth: ['coordinator'],
    query: PageQuery,
  },
  async ({ caller, query }) => reply.ok(await listQuarantine(caller.networkId, query)),
);
