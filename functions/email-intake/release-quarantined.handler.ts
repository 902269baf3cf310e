import { ConflictError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { releaseQuarantined } from './intake';
import { MailPath } from './schema';

export const handler = http(
  {
    summary: 'Release a quarantined message: it becomes an inquiry or a message on its inquiry',
    auth: ['coordinator'],
    params: MailPath,
  },
  async ({ caller, params }) => {
    const result = await releaseQuarantined(caller.networkId, params.mailId, caller.sub);
    if (result.outcome === 'quarantined') {
      throw new ConflictError(`the message cannot be released: ${result.reason}`, [
        { path: 'mailId', message: `stays in quarantine: ${result.reason}` },
      ]);
    }
    return reply.ok(result);
  },
);
