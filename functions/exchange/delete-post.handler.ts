import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { deletePost, loadOwnPost } from './edits';
import { PostPath } from './schema';

export const handler = http(
  {
    summary: 'Delete your own question or practice note (its text stays in the history for the coordinator)',
    auth: ['partner'],
    params: PostPath,
    status: 204,
    problems: [409],
  },
  async ({ caller, params }) => {
    await assertPartnerMayWrite(caller);
    await deletePost(caller, await loadOwnPost(caller, params.postId));
    return reply.noContent();
  },
);
