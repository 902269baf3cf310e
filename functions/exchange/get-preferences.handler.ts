import { http, reply } from '#shared/http/handler';
import { PreferencesBody } from './schema';
import { getPreferences } from './store';

export const handler = http(
  {
    summary: 'Your exchange mail preferences (default: expert mails right away, weekly digest on)',
    auth: ['partner'],
    response: PreferencesBody,
  },
  async ({ caller }) => reply.ok(await getPreferences(caller.networkId, caller.partnerId)),
);
