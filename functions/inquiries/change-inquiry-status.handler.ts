import { http, reply } from '#shared/http/handler';
import { ChangeStatusBody, Inquiry, InquiryPath } from './schema';
import { changeStatus } from './store';

export const handler = http(
  {
    summary: 'Move the inquiry along its lifecycle (new → qualified → matching → … ; declined, spam)',
    auth: ['coordinator'],
    params: InquiryPath,
    body: ChangeStatusBody,
    response: Inquiry,
    problems: [409],
  },
  async ({ caller, params, body }) =>
    reply.ok(await changeStatus(caller.networkId, params.inquiryId, body.status, caller.sub, body.reason)),
);
