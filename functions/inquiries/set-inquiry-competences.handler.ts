import { http, reply } from '#shared/http/handler';
import { CompetencesAnswer, InquiryPath, SetCompetencesBody } from './schema';
import { setCompetences } from './store';
import { checkedCompetences } from './taxonomy';

export const handler = http(
  {
    summary: 'Correct the competences the inquiry needs and estimate hours per competence',
    auth: ['coordinator'],
    params: InquiryPath,
    body: SetCompetencesBody,
    response: CompetencesAnswer,
  },
  async ({ caller, params, body }) => {
    const competences = await checkedCompetences(caller.networkId, body.competences);
    await setCompetences(caller.networkId, params.inquiryId, competences, caller.sub);
    return reply.ok({ competences });
  },
);
