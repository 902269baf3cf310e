import { listCompetences } from '#functions/networks/store';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { teach } from './competence-model';
import { lessonOf } from './competences';
import { InquiryPath } from './schema';
import { getInquiry, setCompetences } from './store';
import { checkedCompetences } from './taxonomy';
import { CompetencesAnswer, SetCompetencesBody } from './write-schema';

export const handler = http(
  {
    summary:
      "Correct the competences the inquiry needs and estimate hours per competence; the first correction teaches the network's suggestion",
    auth: ['coordinator'],
    params: InquiryPath,
    body: SetCompetencesBody,
    response: CompetencesAnswer,
  },
  async ({ caller, params, body }) => {
    const competences = await checkedCompetences(caller.networkId, body.competences);
    const before = await getInquiry(caller.networkId, params.inquiryId);
    if (!before) throw new NotFoundError('inquiry');
    await setCompetences(caller.networkId, params.inquiryId, competences, caller.sub);
    // a correction of the suggestion teaches; later changes of the coordinator's own choice do not
    const suggested = before.competences.filter((c) => c.suggested).map((c) => c.competenceId);
    if (before.competences.length === 0 || suggested.length > 0) {
      const lesson = lessonOf(
        `${before.subject}\n${before.text}`,
        suggested,
        competences.map((c) => c.competenceId),
        await listCompetences(caller.networkId),
      );
      await teach(caller.networkId, lesson);
    }
    return reply.ok({ competences });
  },
);
