import * as z from 'zod/mini';
import { ConflictError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { releaseQuarantined } from './intake';
import { MailPath } from './schema';

export const handler = http(
  {
    summary: 'Release a quarantined message: it becomes an inquiry or a message on its inquiry',
    auth: ['coordinator'],
    params: MailPath,
    response: z.union([
      z.object({
        outcome: z.enum(['inquiry', 'message']),
        networkId: z.string(),
        mailId: z.string(),
        inquiryId: z.string(),
      }),
      z.object({ outcome: z.literal('duplicate'), networkId: z.optional(z.string()), mailId: z.string() }),
    ]),
    problems: [409],
  },
  async ({ caller, params }) => {
    const result = await releaseQuarantined(caller.networkId, params.mailId, caller.sub);
    if (result.outcome === 'quarantined') {
      throw new ConflictError(`the message cannot be released: ${result.reason}`, [
        { path: 'mailId', message: `stays in quarantine: ${result.reason}`, code: 'still_quarantined' },
      ]);
    }
    return reply.ok(result);
  },
);
