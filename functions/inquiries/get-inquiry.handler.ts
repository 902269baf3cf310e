import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { InquiryOrReferencePath, InquiryWithTimeline } from './schema';
import { getInquiryWithTimeline, inquiryIdByReference } from './store';

export const handler = http(
  {
    summary: 'One inquiry with its timeline: messages in and out, notes, status changes',
    description: 'By its id or by its reference number (`GET /inquiries/HHN-2026-0042`).',
    auth: ['coordinator'],
    params: InquiryOrReferencePath,
    response: InquiryWithTimeline,
  },
  async ({ caller, params }) => {
    const byReference = /^[A-Z]/.test(params.inquiryId);
    const inquiryId = byReference
      ? await inquiryIdByReference(caller.networkId, params.inquiryId)
      : params.inquiryId;
    const found = inquiryId && (await getInquiryWithTimeline(caller.networkId, inquiryId));
    if (!found) throw new NotFoundError('inquiry');
    return reply.ok({ ...found.inquiry, timeline: found.timeline });
  },
);
