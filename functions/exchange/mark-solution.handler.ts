import { assertPartnerMayWrite } from '#functions/networks/index';
import { ForbiddenError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { nowIso } from '#shared/time';
import { assertCanSee, postView } from './post';
import { AnswerPath, PostView } from './schema';
import { getPost, markSolution } from './store';

export const handler = http(
  {
    summary: 'As the asker, mark one answer as the solution of your question (marking another moves it)',
    auth: ['partner'],
    params: AnswerPath,
    response: PostView,
    problems: [409],
  },
  async ({ caller, params }) => {
    await assertPartnerMayWrite(caller);
    const post = await getPost(caller.networkId, params.postId);
    assertCanSee(post, caller);
    if (post.authorPartnerId !== caller.partnerId) {
      throw new ForbiddenError('only the partner who asked marks the solution');
    }
    const now = nowIso();
    await markSolution(caller.networkId, post.id, params.answerId, caller.partnerId, now);
    return reply.ok(postView({ ...post, solutionAnswerId: params.answerId, updatedAt: now }, false));
  },
);
