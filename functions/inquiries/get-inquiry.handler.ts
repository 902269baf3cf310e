import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { InquiryPath, InquiryWithTimeline } from './schema';
import { getInquiryWithTimeline } from './store';

export const handler = http(
  {
    summary: 'One inquiry with its timeline: messages in and out, notes, status changes',
    auth: ['coordinator'],
    params: InquiryPath,
    response: InquiryWithTimeline,
  },
  async ({ caller, params }) => {
    const found = await getInquiryWithTimeline(caller.networkId, params.inquiryId);
    if (!found) throw new NotFoundError('inquiry');
    return reply.ok({ ...found.inquiry, timeline: found.timeline });
  },
);
