import { http, reply } from '#shared/http/handler';
import { idFromLabel } from './network';
import { Competence } from './schema';
import { createCompetence } from './store';
import { CreateCompetenceBody } from './write-schema';

export const handler = http(
  {
    summary: 'Add a competence to the taxonomy',
    auth: ['coordinator'],
    body: CreateCompetenceBody,
    response: Competence,
    status: 201,
    problems: [409],
  },
  async ({ caller, body }) => {
    const competence = {
      id: body.id ?? idFromLabel(body.label_en),
      label_de: body.label_de,
      label_en: body.label_en,
      synonyms: body.synonyms ?? [],
    };
    await createCompetence(caller.networkId, competence);
    return reply.created(competence, `/competences/${competence.id}`);
  },
);
