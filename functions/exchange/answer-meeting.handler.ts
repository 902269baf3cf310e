import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { nowIso } from '#shared/time';
import { MeetingPath, RsvpBody } from './schema';
import { putRsvp } from './store';

export const handler = http(
  {
    summary: 'Say yes, no or maybe to an experience meeting (a later answer replaces the earlier one)',
    auth: ['partner'],
    params: MeetingPath,
    body: RsvpBody,
    response: RsvpBody,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    await putRsvp(caller.networkId, params.meetingId, caller.partnerId, body.answer, nowIso());
    return reply.ok(body);
  },
);
