import { ConflictError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { releaseQuarantined } from './intake';
import { DeliveredMail, MailPath } from './schema';

export const handler = http(
  {
    summary:
      'Release automatic mail into an inquiry (it gets its reference number then; no acknowledgement goes to a robot)',
    auth: ['coordinator'],
    params: MailPath,
    response: DeliveredMail,
    problems: [409],
  },
  async ({ caller, params }) => {
    const result = await releaseQuarantined(caller.networkId, params.mailId, caller.sub, 'automatic');
    if (result.outcome === 'quarantined' || result.outcome === 'held' || result.outcome === 'automatic') {
      throw new ConflictError(`the message cannot be released: ${result.reason}`, [
        { path: 'mailId', message: `not delivered: ${result.reason}`, code: 'not_delivered' },
      ]);
    }
    return reply.ok(result);
  },
);
