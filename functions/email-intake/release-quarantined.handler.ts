import { ConflictError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { releaseQuarantined } from './intake';
import { DeliveredMail, MailPath } from './schema';

export const handler = http(
  {
    summary: 'Release a quarantined message: it becomes an inquiry or a message on its inquiry',
    auth: ['coordinator'],
    params: MailPath,
    response: DeliveredMail,
    problems: [409],
  },
  async ({ caller, params }) => {
    const result = await releaseQuarantined(caller.networkId, params.mailId, caller.sub);
    if (result.outcome === 'quarantined' || result.outcome === 'held' || result.outcome === 'automatic') {
      throw new ConflictError(`the message cannot be released: ${result.reason}`, [
        { path: 'mailId', message: `stays in quarantine: ${result.reason}`, code: 'still_quarantined' },
      ]);
    }
    return reply.ok(result);
  },
);
