import { NotFoundError } from '#shared/http/errors';
import { http } from '#shared/http/handler';
import { mailStorage } from '#shared/mail/storage';
import { rawSource } from './raw';
import { UnroutablePath } from './schema';
import { getUnroutable } from './store';

export const handler = http(
  {
    summary: 'The raw source of an unroutable message (operator)',
    auth: ['operator'],
    produces: ['message/rfc822'],
    problems: [413],
    params: UnroutablePath,
  },
  async ({ params }) => {
    const kept = await getUnroutable(params.month, params.mailId);
    const raw = kept ? await mailStorage().getRaw(kept.rawKey) : undefined;
    if (!raw) throw new NotFoundError('unroutable message');
    return rawSource(raw, params.mailId);
  },
);
