import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { markHelpful } from './helpful';
import { HelpfulAnswer, PostPath } from './schema';
import { getPost } from './store';

export const handler = http(
  {
    summary: 'Mark a practice note helpful (once per partner; not your own)',
    auth: ['partner'],
    params: PostPath,
    response: HelpfulAnswer,
    problems: [409],
  },
  async ({ caller, params }) => {
    await assertPartnerMayWrite(caller);
    await markHelpful(caller, params.postId);
    const post = await getPost(caller.networkId, params.postId);
    return reply.ok({ helpful: post?.helpful ?? 0, markedHelpfulByMe: true });
  },
);
