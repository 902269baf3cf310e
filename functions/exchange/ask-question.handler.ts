import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { nowIso } from '#shared/time';
import { newPost } from './drafts';
import { notifyExperts } from './experts';
import { postView } from './post';
import { AskQuestionBody, PostView } from './schema';
import { createPost } from './store';
import { checkTags } from './taxonomy';

export const handler = http(
  {
    summary: 'Ask the network a question, tagged with competences (the experts among the partners are told)',
    description:
      'Markdown body, rendered to safe HTML. Partners holding a tagged competence at level 4 or 5 get a mail (never the asker), right away or in their weekly digest.',
    auth: ['partner'],
    body: AskQuestionBody,
    response: PostView,
    status: 201,
  },
  async ({ caller, body }) => {
    await assertPartnerMayWrite(caller);
    await checkTags(caller.networkId, body.competences);
    const post = newPost('question', newId(), caller.partnerId, body, nowIso());
    await createPost(caller.networkId, post);
    await notifyExperts(caller.networkId, post);
    return reply.created(postView(post, false), `/exchange/posts/${post.id}`);
  },
);
