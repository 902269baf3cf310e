import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { deleteAnswer, loadOwnAnswer } from './edits';
import { AnswerPath } from './schema';

export const handler = http(
  {
    summary: 'Delete your own answer (its text stays in the history for the coordinator)',
    auth: ['partner'],
    params: AnswerPath,
    status: 204,
    problems: [409],
  },
  async ({ caller, params }) => {
    await assertPartnerMayWrite(caller);
    const { answer } = await loadOwnAnswer(caller, params.postId, params.answerId);
    await deleteAnswer(caller, answer);
    return reply.noContent();
  },
);
