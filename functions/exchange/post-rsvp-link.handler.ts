import * as z from 'zod/mini';
import { http, reply } from '#shared/http/handler';
import { nowIso } from '#shared/time';
import { meetingOfRsvpLink } from './rsvp-access';
import { RsvpBody, RsvpLinkPath } from './schema';
import { putRsvp } from './store';

export const handler = http(
  {
    summary:
      "Records the answer chosen on a meeting mail's signed link page (a later answer replaces the earlier one)",
    description:
      "JSON or the page's plain form post (answered 303 back to the page). The token names the partner and expires when the meeting ends.",
    auth: 'public',
    params: RsvpLinkPath,
    query: z.strictObject({ lang: z.optional(z.enum(['de', 'en'])) }),
    body: RsvpBody,
    response: RsvpBody,
    problems: [409],
    form: {
      seeOther: (answer, event) => {
        const q = new URLSearchParams({ gespeichert: (answer as { answer: string }).answer });
        if (event.queryStringParameters?.lang === 'en') q.set('lang', 'en');
        // relative to the post's own URL, so it holds behind CloudFront's /api prefix and without it
        return `${event.pathParameters?.token ?? ''}?${q}`;
      },
    },
  },
  async ({ params, body }) => {
    const link = await meetingOfRsvpLink(params.slug, params.token, new Date());
    await putRsvp(link.networkId, link.meeting.id, link.partnerId, body.answer, nowIso());
    return reply.ok(body);
  },
);
