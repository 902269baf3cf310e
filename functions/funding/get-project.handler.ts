import { http, reply } from '#shared/http/handler';
import { projectView } from './project';
import { ProjectPath, ProjectView } from './schema';
import { partnerFacts, projectDataFor } from './service';

export const handler = http(
  {
    summary: 'A funded project with its totals and live checks',
    description:
      'The coordinator sees every partner; a partner its own plan, categories, rate and funding, and the project totals.',
    auth: ['coordinator', 'partner'],
    params: ProjectPath,
    response: ProjectView,
  },
  async ({ caller, params }) => {
    // totals and checks are the project's, so they are built from every record
    const [data, facts] = await Promise.all([
      projectDataFor(caller, params.projectId, true),
      partnerFacts(caller.networkId),
    ]);
    return reply.ok(projectView(data, facts, caller));
  },
);
