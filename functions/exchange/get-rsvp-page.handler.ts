import * as z from 'zod/mini';
import { http } from '#shared/http/handler';
import { meetingOfRsvpLink } from './rsvp-access';
import { RSVP_PAGE_HEADERS, rsvpPage } from './rsvp-page';
import { RSVP_ANSWERS, RsvpLinkPath } from './schema';

export const handler = http(
  {
    summary: "A meeting mail's signed yes / no / maybe link: a page showing the choice (records nothing)",
    description:
      "Mail scanners follow links, so GET never changes anything; the page's buttons POST the answer. `answer` preselects, `gespeichert` shows the thank-you after the POST, `lang=en` for English.",
    auth: 'public',
    params: RsvpLinkPath,
    query: z.strictObject({
      answer: z.optional(z.enum(RSVP_ANSWERS)),
      gespeichert: z.optional(z.enum(RSVP_ANSWERS)),
      lang: z.optional(z.enum(['de', 'en'])),
    }),
    produces: ['text/html'],
  },
  async ({ params, query }) => {
    const link = await meetingOfRsvpLink(params.slug, params.token, new Date());
    return {
      status: 200,
      headers: { ...RSVP_PAGE_HEADERS },
      text: rsvpPage({
        network: link.network.name,
        meeting: link.meeting,
        token: params.token,
        lang: query.lang ?? 'de',
        current: link.answers.get(link.partnerId),
        chosen: query.answer,
        saved: query.gespeichert,
      }),
    };
  },
);
