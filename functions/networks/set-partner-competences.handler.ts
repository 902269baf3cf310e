import { http, reply } from '#shared/http/handler';
import { assertPartnerMayWrite } from './access';
import { Partner, PartnerPath } from './schema';
import { setPartnerCompetences } from './store';
import { checkCompetences } from './taxonomy';
import { SetCompetencesBody } from './write-schema';

export const handler = http(
  {
    summary: "Replace a partner's competences (taxonomy id + level 1–5)",
    auth: ['coordinator', 'partner'],
    params: PartnerPath,
    body: SetCompetencesBody,
    response: Partner,
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller, params.partnerId);
    await checkCompetences(caller.networkId, body.competences);
    return reply.ok(await setPartnerCompetences(caller.networkId, params.partnerId, body.competences));
  },
);
