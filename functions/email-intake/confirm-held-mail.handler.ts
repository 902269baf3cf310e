import { ConflictError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { releaseQuarantined } from './intake';
import { DeliveredMail, MailPath } from './schema';

export const handler = http(
  {
    summary:
      'Confirm a held message: it joins the inquiry it named (or becomes an inquiry), shown with its real sender',
    auth: ['coordinator'],
    params: MailPath,
    response: DeliveredMail,
    problems: [409],
  },
  async ({ caller, params }) => {
    const result = await releaseQuarantined(caller.networkId, params.mailId, caller.sub, 'held');
    if (result.outcome === 'quarantined' || result.outcome === 'held' || result.outcome === 'automatic') {
      throw new ConflictError(`the message cannot be delivered: ${result.reason}`, [
        { path: 'mailId', message: `not delivered: ${result.reason}`, code: 'not_delivered' },
      ]);
    }
    return reply.ok(result);
  },
);
