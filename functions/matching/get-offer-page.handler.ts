import * as z from 'zod/mini';
import { http } from '#shared/http/handler';
import { offerPageOf } from './offer-access';
import { OFFER_PAGE_HEADERS, offerPage } from './offer-page';
import { OfferLinkPath } from './schema';

export const handler = http(
  {
    summary:
      'A job mail\'s signed "Zusage / Absage" link: a page showing the partner\'s part (changes nothing)',
    description:
      "Mail scanners follow links, so GET never changes anything; the page's two buttons POST the answer. `gespeichert` shows the thank-you after the POST, `lang=en` for English. A forged, altered, expired or other network's link is 404.",
    auth: 'public',
    params: OfferLinkPath,
    query: z.strictObject({
      gespeichert: z.optional(z.enum(['confirm', 'decline'])),
      lang: z.optional(z.enum(['de', 'en'])),
    }),
    produces: ['text/html'],
  },
  async ({ params, query }) => {
    const input = await offerPageOf(params.slug, params.token, query.lang ?? 'de', query.gespeichert);
    return { status: 200, headers: { ...OFFER_PAGE_HEADERS }, text: offerPage(input) };
  },
);
