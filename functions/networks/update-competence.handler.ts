import { http, reply } from '#shared/http/handler';
import { Competence, CompetencePath } from './schema';
import { updateCompetence } from './store';
import { UpdateCompetenceBody } from './write-schema';

export const handler = http(
  {
    summary: 'Change labels or synonyms of a competence',
    auth: ['coordinator'],
    params: CompetencePath,
    body: UpdateCompetenceBody,
    response: Competence,
  },
  async ({ caller, params, body }) =>
    reply.ok(await updateCompetence(caller.networkId, params.competenceId, body)),
);
