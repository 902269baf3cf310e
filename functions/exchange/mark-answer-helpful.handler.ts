import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { markHelpful } from './helpful';
import { AnswerPath, HelpfulAnswer } from './schema';
import { getThread } from './store';

export const handler = http(
  {
    summary: 'Mark an answer helpful (once per partner; not your own)',
    auth: ['partner'],
    params: AnswerPath,
    response: HelpfulAnswer,
    problems: [409],
  },
  async ({ caller, params }) => {
    await assertPartnerMayWrite(caller);
    await markHelpful(caller, params.postId, params.answerId);
    const thread = await getThread(caller.networkId, params.postId);
    const answer = thread?.answers.find((a) => a.id === params.answerId);
    return reply.ok({ helpful: answer?.helpful ?? 0, markedHelpfulByMe: true });
  },
);
