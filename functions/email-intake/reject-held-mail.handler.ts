import { http, reply } from '#shared/http/handler';
import { nowIso } from '#shared/time';
import { MailPath } from './schema';
import { MailRecord, rejectHeld } from './store';

export const handler = http(
  {
    summary: 'Reject a held message: it reaches no inquiry; its raw source stays for the record',
    auth: ['coordinator'],
    params: MailPath,
    response: MailRecord,
    problems: [409],
  },
  async ({ caller, params }) =>
    reply.ok(await rejectHeld(caller.networkId, params.mailId, caller.sub, nowIso())),
);
