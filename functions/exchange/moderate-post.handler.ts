import { http, reply } from '#shared/http/handler';
import { nowIso } from '#shared/time';
import { answerViews, indexTerms, postView } from './post';
import { ModerationBody, PostPath, ThreadView } from './schema';
import { getThread, indexPost, moderate, unindexPost } from './store';

export const handler = http(
  {
    summary: 'Moderate a thread: hide or show it or one of its answers, lock or unlock it for answers',
    description:
      'A hidden thread is gone for partners (404) and from the search; the coordinator still sees it.',
    auth: ['coordinator'],
    params: PostPath,
    body: ModerationBody,
    response: ThreadView,
  },
  async ({ caller, params, body }) => {
    const { answerId, ...change } = body;
    await moderate(caller.networkId, params.postId, answerId, change, nowIso());
    const thread = await getThread(caller.networkId, params.postId);
    if (!thread) throw new Error('moderated post vanished');
    const { post, answers } = thread;
    if (!answerId && change.hidden !== undefined && !post.deleted) {
      if (post.hidden) await unindexPost(caller.networkId, post.id, indexTerms(post));
      else await indexPost(caller.networkId, post);
    }
    return reply.ok({ ...postView(post, false), answers: answerViews(post, answers, caller, new Set()) });
  },
);
