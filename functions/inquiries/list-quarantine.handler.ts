import { listQuarantine, MailRecord } from '#functions/email-intake/store';
import { http, reply } from '#shared/http/handler';
import { PageQuery, page } from './schema';

export const handler = http(
  {
    summary:
      'Quarantined inbound mail (virus, spam, oversize, unreadable, no sender, stray bounces), newest first',
    auth: ['coordinator'],
    query: PageQuery,
    response: page(MailRecord),
  },
  async ({ caller, query }) => reply.ok(await listQuarantine(caller.networkId, query)),
);
