import { getNetwork } from '#functions/networks/store';
import { http, reply } from '#shared/http/handler';
import { PreferenceResponse } from './schema';
import { listPreferences } from './store';

export const handler = http(
  {
    summary: 'How you hear of quarantined mail, capacity conflicts and failed pools',
    auth: ['coordinator'],
    response: PreferenceResponse,
  },
  async ({ caller }) => {
    const email = (caller.email ?? '').toLowerCase();
    const [network, prefs] = await Promise.all([
      getNetwork(caller.networkId),
      listPreferences(caller.networkId),
    ]);
    const contactPerson = email !== '' && email === network!.contact.email.toLowerCase();
    const own = prefs.find((p) => p.email.toLowerCase() === email);
    return reply.ok({
      email: caller.email ?? '',
      delivery: own?.delivery ?? (contactPerson ? 'immediate' : 'off'),
      ...(own?.language ? { language: own.language } : {}),
      contactPerson,
    });
  },
);
