import { http, reply } from '#shared/http/handler';
import { page } from '#shared/schema';
import { QuarantineQuery } from './schema';
import { listHeld, MailRecord } from './store';

export const handler = http(
  {
    summary:
      'Inbound mail held for the coordinator: a stranger naming only a reference number, or a failed DMARC check, newest first',
    auth: ['coordinator'],
    query: QuarantineQuery,
    response: page(MailRecord),
  },
  async ({ caller, query }) => reply.ok(await listHeld(caller.networkId, query)),
);
