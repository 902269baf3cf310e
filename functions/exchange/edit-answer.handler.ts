import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { editAnswer, loadOwnAnswer } from './edits';
import { answerViews } from './post';
import { AnswerPath, AnswerView, EditAnswerBody } from './schema';

export const handler = http(
  {
    summary: 'Edit your own answer (the version before is kept in the history)',
    auth: ['partner'],
    params: AnswerPath,
    body: EditAnswerBody,
    response: AnswerView,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    const { post, answer } = await loadOwnAnswer(caller, params.postId, params.answerId);
    const next = await editAnswer(caller, answer, body);
    return reply.ok(answerViews(post, [next], caller, new Set())[0]);
  },
);
