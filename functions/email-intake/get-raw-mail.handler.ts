import { NotFoundError } from '#shared/http/errors';
import { http } from '#shared/http/handler';
import { mailStorage } from '#shared/mail/storage';
import { rawSource } from './raw';
import { MailPath } from './schema';
import { getMailRecord } from './store';

export const handler = http(
  {
    summary: 'The raw source (message/rfc822) of a message the network received',
    auth: ['coordinator'],
    produces: ['message/rfc822'],
    problems: [413],
    params: MailPath,
  },
  async ({ caller, params }) => {
    const record = await getMailRecord(caller.networkId, params.mailId);
    if (!record) throw new NotFoundError('message');
    const raw = await mailStorage().getRaw(record.rawKey);
    if (!raw) throw new NotFoundError('raw source');
    return rawSource(raw, params.mailId);
  },
);
