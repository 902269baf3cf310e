import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { HistoryAnswer, PostPath } from './schema';
import { getPost, listHistory } from './store';

export const handler = http(
  {
    summary: "The earlier versions of a thread's post and answers (edits and deletions), oldest first",
    auth: ['coordinator'],
    params: PostPath,
    response: HistoryAnswer,
  },
  async ({ caller, params }) => {
    if (!(await getPost(caller.networkId, params.postId))) throw new NotFoundError('post');
    const items = (await listHistory(caller.networkId, params.postId)).map(
      ({ postId: _, competences: __, ...h }) => h,
    );
    return reply.ok({ items });
  },
);
