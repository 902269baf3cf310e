import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { nowIso } from '#shared/time';
import { newPost } from './drafts';
import { postView } from './post';
import { PostView, PublishPracticeBody } from './schema';
import { createPost } from './store';
import { checkTags } from './taxonomy';

export const handler = http(
  {
    summary: 'Publish a practice note ("So machen wir\'s"), tagged with competences',
    auth: ['partner'],
    body: PublishPracticeBody,
    response: PostView,
    status: 201,
  },
  async ({ caller, body }) => {
    await assertPartnerMayWrite(caller);
    await checkTags(caller.networkId, body.competences);
    const post = newPost('practice', newId(), caller.partnerId, body, nowIso());
    await createPost(caller.networkId, post);
    return reply.created(postView(post, false), `/exchange/posts/${post.id}`);
  },
);
