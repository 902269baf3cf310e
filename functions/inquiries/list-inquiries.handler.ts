import { http, reply } from '#shared/http/handler';
import { ListInquiriesQuery } from './schema';
import { listInquiries } from './store';

export const handler = http(
  {
    summary: 'Inquiries of the network, newest first, optionally of one status (paged with cursor)',
    auth: ['coordinator'],
    query: ListInquiriesQuery,
  },
  async ({ caller, query }) => reply.ok(await listInquiries(caller.networkId, query)),
);
