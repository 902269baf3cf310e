import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { PreferencesBody } from './schema';
import { putPreferences } from './store';

export const handler = http(
  {
    summary:
      'Your exchange mails: "ask the expert" right away or in the digest, and the weekly digest on or off',
    auth: ['partner'],
    body: PreferencesBody,
    response: PreferencesBody,
  },
  async ({ caller, body }) => {
    await assertPartnerMayWrite(caller);
    await putPreferences(caller.networkId, caller.partnerId, body);
    return reply.ok(body);
  },
);
