import * as z from 'zod/mini';
import { assertPartnerMayWrite } from '#functions/networks/index';
import { getNetwork } from '#functions/networks/store';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { rotateFeed } from './feed';

const FeedAnswer = z.object({ url: z.string() });

export const handler = http(
  {
    summary:
      'Create or rotate the caller’s calendar feed (iCal URL); the previous URL answers 404 from now on',
    description:
      'A partner gets its own jobs, the coordinator every job of the network. Subscribe to the URL in Outlook, Google Calendar or Apple Calendar; keep it secret.',
    auth: ['coordinator', 'partner'],
    response: FeedAnswer,
    status: 201,
    problems: [404, 409],
  },
  async ({ caller, event }) => {
    // a deactivated partner may still read, but no longer changes its firm's feed
    await assertPartnerMayWrite(caller);
    const network = await getNetwork(caller.networkId);
    if (!network) throw new NotFoundError('network');
    const token = await rotateFeed(caller);
    // API Gateway always sets x-forwarded-proto (https); the local runtime serves plain http
    const proto = event.headers?.['x-forwarded-proto'] ?? 'http';
    const url = `${proto}://${event.requestContext.domainName}/public/${network.slug}/calendar/${token}.ics`;
    return reply.created({ url });
  },
);
