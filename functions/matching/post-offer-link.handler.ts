import * as z from 'zod/mini';
import { http, reply } from '#shared/http/handler';
import { answerByLink } from './offer-access';
import { OfferLinkBody, OfferLinkPath, PartAnswer } from './schema';

export const handler = http(
  {
    summary: "Confirms or declines the part a job mail's signed link names",
    description:
      "JSON or the page's plain form post (answered 303 back to the page). The same transaction and 409s as the console's confirm and decline; a deactivated partner gets 403; a forged, altered, expired or other network's link 404.",
    auth: 'public',
    params: OfferLinkPath,
    query: z.strictObject({ lang: z.optional(z.enum(['de', 'en'])) }),
    body: OfferLinkBody,
    response: PartAnswer,
    problems: [403, 409],
    form: {
      seeOther: (answer, event) => {
        const state = (answer as { state: string }).state;
        const q = new URLSearchParams({ gespeichert: state === 'confirmed' ? 'confirm' : 'decline' });
        if (event.queryStringParameters?.lang === 'en') q.set('lang', 'en');
        // relative to the post's own URL, so it holds behind CloudFront's /api prefix and without it
        return `${event.pathParameters?.token ?? ''}?${q}`;
      },
    },
  },
  async ({ params, body }) => reply.ok(await answerByLink(params.slug, params.token, body.answer)),
);
