import { getNetwork } from '#functions/networks/store';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { replyToCustomer } from './outbound';
import { InquiryPath } from './schema';
import { getInquiry } from './store';
import { ReplyAnswer, ReplyBody } from './write-schema';

export const handler = http(
  {
    summary: "Answer the customer by e-mail from the network's address, threaded onto the conversation",
    auth: ['coordinator'],
    params: InquiryPath,
    body: ReplyBody,
    response: ReplyAnswer,
    status: 201,
  },
  async ({ caller, params, body }) => {
    const [inquiry, network] = await Promise.all([
      getInquiry(caller.networkId, params.inquiryId),
      getNetwork(caller.networkId),
    ]);
    if (!inquiry || !network) throw new NotFoundError('inquiry');
    const sent = await replyToCustomer(caller.networkId, network, inquiry, body, caller.sub);
    return reply.created({ ...sent, to: inquiry.customer.email });
  },
);
