import * as z from 'zod/mini';
import { http, reply } from '#shared/http/handler';
import { feedIcs } from './feed';

const FeedPath = z.strictObject({
  slug: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, 'must be a network slug')),
  token: z
    .string()
    .check(
      z.regex(/^[A-Za-z0-9_-]{43}\.ics$/, 'must be the 43-character token of a calendar feed, then .ics'),
    ),
});

export const handler = http(
  {
    summary: 'A calendar feed (iCalendar, text/calendar) for calendar apps; no account, the secret token',
    description:
      'One all-day event per run of booked ISO weeks of each accepted job, the same UIDs as the job mails’ invitations. An unknown, rotated or revoked token answers 404.',
    auth: 'public',
    params: FeedPath,
    produces: ['text/calendar'],
    problems: [429],
  },
  async ({ params, event }) => {
    const ics = await feedIcs(params.slug, params.token.slice(0, -4), event.requestContext.http.sourceIp);
    return reply.text(ics, 'text/calendar; charset=utf-8');
  },
);
