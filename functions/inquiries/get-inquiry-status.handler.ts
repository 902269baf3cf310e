import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { conversation, stageOf } from './status-link';
import { inquiryOfStatusLink } from './status-page';
import { getInquiryWithTimeline } from './store';
import { InquiryStatusAnswer, StatusPath } from './write-schema';

export const handler = http(
  {
    summary: "The customer's status page: reference, stage and conversation (no account; the link's token)",
    description:
      'The link comes in the acknowledgement mail; the photos sent with the form are listed by name and size. Internal notes, matching and partner details are never shown; an unknown token, slug or another network answers the same 404.',
    auth: 'public',
    params: StatusPath,
    response: InquiryStatusAnswer,
    problems: [429],
  },
  async ({ params, event }) => {
    const link = await inquiryOfStatusLink(params.slug, params.token, event.requestContext.http.sourceIp);
    const found = await getInquiryWithTimeline(link.networkId, link.inquiryId);
    if (!found) throw new NotFoundError('status link');
    const { inquiry, timeline } = found;
    return reply.ok({
      reference: inquiry.reference,
      stage: stageOf(inquiry.status),
      network: { name: link.networkName },
      createdAt: inquiry.createdAt,
      messages: conversation({ at: inquiry.createdAt, text: inquiry.text }, timeline),
      photos: (inquiry.photos ?? []).map(({ filename, contentType, size }) => ({
        filename,
        contentType,
        size,
      })),
    });
  },
);
