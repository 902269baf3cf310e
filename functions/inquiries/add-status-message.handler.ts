import * as z from 'zod/mini';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { customerReplyNotice } from './create-store';
import { inquiryOfStatusLink } from './status-page';
import { addTimelineEntry, getInquiry } from './store';
import { StatusMessageBody, StatusPath } from './write-schema';

export const handler = http(
  {
    summary:
      'The customer adds a message on the status page (becomes a message on the inquiry, like a reply mail)',
    auth: 'public',
    params: StatusPath,
    body: StatusMessageBody,
    response: z.object({ at: z.string(), from: z.literal('customer'), text: z.string() }),
    status: 201,
    problems: [429],
  },
  async ({ params, body, event }) => {
    const link = await inquiryOfStatusLink(params.slug, params.token, event.requestContext.http.sourceIp);
    const inquiry = await getInquiry(link.networkId, link.inquiryId);
    if (!inquiry) throw new NotFoundError('status link');
    const entry = {
      kind: 'message-in',
      text: body.text,
      by: inquiry.customer.email,
      data: { via: 'status-page' },
    } as const;
    await addTimelineEntry(link.networkId, link.inquiryId, entry, {
      extra: await customerReplyNotice(link.networkId, link.inquiryId, entry),
    });
    return reply.created({ at: new Date().toISOString(), from: 'customer', text: body.text });
  },
);
