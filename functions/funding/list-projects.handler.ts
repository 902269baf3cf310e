import * as z from 'zod/mini';
import { http, reply } from '#shared/http/handler';
import { takesPart } from './project';
import { ProjectSummary } from './schema';
import { listProjects } from './store';

export const handler = http(
  {
    summary: "The network's funded projects (a partner: those it takes part in)",
    auth: ['coordinator', 'partner'],
    response: z.object({ items: z.array(ProjectSummary) }),
  },
  async ({ caller }) => {
    const projects = (await listProjects(caller.networkId)).filter((p) => takesPart(p, caller));
    return reply.ok({
      items: projects.map((p) => ({
        id: p.id,
        title: p.title,
        programme: p.rules.programme,
        start: p.start,
        end: p.end,
        partnerIds: p.partners.map((x) => x.partnerId),
      })),
    });
  },
);
