import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { editPost, loadOwnPost } from './edits';
import { postView } from './post';
import { EditPostBody, PostPath, PostView } from './schema';
import { checkTags } from './taxonomy';

export const handler = http(
  {
    summary: 'Edit your own question or practice note (the version before is kept in its history)',
    description: '`version` is the version you edited; if someone changed it meanwhile the answer is 409.',
    auth: ['partner'],
    params: PostPath,
    body: EditPostBody,
    response: PostView,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    const post = await loadOwnPost(caller, params.postId);
    if (body.competences) await checkTags(caller.networkId, body.competences);
    const next = await editPost(caller, post, body);
    return reply.ok(postView(next, false));
  },
);
