import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { revokeFeed } from './feed';

export const handler = http(
  {
    summary: 'Revoke the caller’s calendar feed: its URL answers 404 from now on',
    auth: ['coordinator', 'partner'],
    status: 204,
    problems: [404],
  },
  async ({ caller }) => {
    // a deactivated partner may still read, but no longer changes its firm's feed
    await assertPartnerMayWrite(caller);
    await revokeFeed(caller);
    return reply.noContent();
  },
);
