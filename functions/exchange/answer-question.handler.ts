import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { nowIso } from '#shared/time';
import { newAnswer } from './drafts';
import { answerViews, assertCanSee } from './post';
import { AnswerBody, AnswerView, PostPath } from './schema';
import { addAnswer, getPost } from './store';

export const handler = http(
  {
    summary: 'Answer a question (Markdown)',
    auth: ['partner'],
    params: PostPath,
    body: AnswerBody,
    response: AnswerView,
    status: 201,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    const post = await getPost(caller.networkId, params.postId);
    assertCanSee(post, caller);
    const answer = newAnswer(newId(), post.id, caller.partnerId, body.body, nowIso());
    await addAnswer(caller.networkId, answer);
    return reply.created(answerViews(post, [answer], caller, new Set())[0]);
  },
);
