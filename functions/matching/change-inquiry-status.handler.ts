import { ChangeStatusBody, Inquiry, InquiryPath } from '#functions/inquiries/index';
import { http, reply } from '#shared/http/handler';
import { changeInquiryStatus } from './service';

export const handler = http(
  {
    summary:
      'Move the inquiry along its lifecycle (new → qualified → matching → … ; declined, spam); leaving an accepted job behind (back to matching, declined) cancels it',
    auth: ['coordinator'],
    params: InquiryPath,
    body: ChangeStatusBody,
    response: Inquiry,
    problems: [409],
  },
  async ({ caller, params, body }) =>
    reply.ok(await changeInquiryStatus(caller, params.inquiryId, body.status, body.reason)),
);
