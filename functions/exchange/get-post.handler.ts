import { http, reply } from '#shared/http/handler';
import { answerViews, assertCanSee, postView } from './post';
import { PostPath, ThreadView } from './schema';
import { getThread } from './store';

export const handler = http(
  {
    summary: 'A question with its answers, or a practice note',
    auth: ['coordinator', 'partner'],
    params: PostPath,
    response: ThreadView,
  },
  async ({ caller, params }) => {
    const thread = await getThread(
      caller.networkId,
      params.postId,
      caller.role === 'partner' ? caller.partnerId : undefined,
    );
    assertCanSee(thread?.post, caller);
    const { post, answers, marked } = thread!;
    return reply.ok({
      ...postView(post, marked.has('-')),
      answers: answerViews(post, answers, caller, marked),
    });
  },
);
