import { http, reply } from '#shared/http/handler';
import { InquiryPage, ListInquiriesQuery } from './schema';
import { listInquiries } from './store';

export const handler = http(
  {
    summary: 'Inquiries of the network, newest first, optionally of one status (paged with cursor)',
    auth: ['coordinator'],
    query: ListInquiriesQuery,
    response: InquiryPage,
  },
  async ({ caller, query }) => reply.ok(await listInquiries(caller.networkId, query)),
);
