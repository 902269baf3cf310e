import { getNetwork } from '#functions/networks/store';
import { ValidationError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { scheduler } from '#shared/scheduler/index';
import { PreferenceBody, PreferenceResponse } from './schema';
import { putPreference } from './store';
import { summaryScheduleSpec } from './summary';

export const handler = http(
  {
    summary: 'Choose how you hear of quarantined mail, capacity conflicts and failed pools',
    description:
      "`immediate`: one mail per notice; `daily`: one summary mail a day at 07:00 in the network's time zone; `off`: none (the contact person always hears, at least daily). The address is the token's `email`.",
    auth: ['coordinator'],
    problems: [503],
    body: PreferenceBody,
    response: PreferenceResponse,
  },
  async ({ caller, body }) => {
    if (!caller.email) {
      throw new ValidationError('the token carries no email to send notices to', [
        { path: 'token.email', message: 'the token has no email claim' },
      ]);
    }
    const network = (await getNetwork(caller.networkId))!;
    // the daily schedule is the network's, kept once anyone may need it (a day without notices sends nothing)
    if (body.delivery === 'daily') {
      await scheduler().upsert(summaryScheduleSpec(caller.networkId, network.timezone));
    }
    const pref = await putPreference(caller.networkId, { email: caller.email, ...body });
    return reply.ok({
      email: pref.email,
      delivery: pref.delivery,
      ...(pref.language ? { language: pref.language } : {}),
      contactPerson: pref.email.toLowerCase() === network.contact.email.toLowerCase(),
    });
  },
);
