import { http, reply } from '#shared/http/handler';
import { page } from '#shared/schema';
import { QuarantineQuery } from './schema';
import { listAutomatic, MailRecord } from './store';

export const handler = http(
  {
    summary:
      'Automatic mail (auto-replies, out-of-office, lists and bulk mail) that answers nothing of ours: kept apart from the inquiries, newest first',
    auth: ['coordinator'],
    query: QuarantineQuery,
    response: page(MailRecord),
  },
  async ({ caller, query }) => reply.ok(await listAutomatic(caller.networkId, query)),
);
