import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { SubscriptionAnswer, SubscriptionBody } from './schema';
import { subscribe } from './service';

export const handler = http(
  {
    summary:
      'A partner opts in to (subscribed: true) or out of the scheduled report e-mail (its own version)',
    auth: ['partner'],
    response: SubscriptionAnswer,
    problems: [404],
    body: SubscriptionBody,
  },
  async ({ caller, body }) => {
    await assertPartnerMayWrite(caller);
    return reply.ok(await subscribe(caller, body.subscribed));
  },
);
