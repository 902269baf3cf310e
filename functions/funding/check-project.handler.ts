import { http, reply } from '#shared/http/handler';
import { draftChecks } from './project';
import { CheckProjectBody, ProjectCheckView } from './schema';
import { partnerFacts } from './service';

export const handler = http(
  {
    summary: 'The live checks of a project being filled in (nothing is written)',
    description:
      "The same body as starting a project (the title may still be missing, partners and work packages may be none yet): answers the rules it would get (the preset's copy or `rules`), its periods, each partner's kind, size and highest rate, the planned totals and funding, the checks in German and English, and the field errors the create would refuse it with.",
    auth: ['coordinator'],
    body: CheckProjectBody,
    response: ProjectCheckView,
  },
  async ({ caller, body }) => {
    const facts = await partnerFacts(caller.networkId);
    return reply.ok(draftChecks(caller.networkId, body, facts));
  },
);
