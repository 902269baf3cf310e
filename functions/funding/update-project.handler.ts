import { getNetwork } from '#functions/networks/store';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { scheduler } from '#shared/scheduler/index';
import { nowIso } from '#shared/time';
import { projectErrors, projectView } from './project';
import { projectSchedule } from './schedule';
import { ProjectPath, ProjectView, UpdateProjectBody } from './schema';
import { invalid, partnerFacts, projectDataFor } from './service';
import { replaceProject } from './store';

export const handler = http(
  {
    summary:
      "Change a funded project: title, dates, partners and rates, work packages, categories, the project's rules",
    description:
      'Send the `revision` you read; a change by someone else meanwhile gives 409. Periods are fixed at creation; changed dates must still hold them.',
    auth: ['coordinator'],
    params: ProjectPath,
    body: UpdateProjectBody,
    response: ProjectView,
    problems: [409, 503],
  },
  async ({ caller, params, body }) => {
    const [data, facts] = await Promise.all([
      projectDataFor(caller, params.projectId),
      partnerFacts(caller.networkId),
    ]);
    const { revision, ...patch } = body;
    const current = data.project;
    const next = {
      ...current,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      revision: current.revision + 1,
      updatedAt: nowIso(),
    };
    const errors = projectErrors(next, new Set(facts.keys()));
    if (errors.length > 0) invalid(errors);
    await replaceProject(caller.networkId, next, revision);
    if (patch.checkTime && patch.checkTime !== current.checkTime) {
      const network = await getNetwork(caller.networkId);
      if (!network) throw new NotFoundError('network');
      await scheduler().upsert(projectSchedule(caller.networkId, next, network.timezone));
    }
    return reply.ok(projectView({ ...data, project: next }, facts, caller));
  },
);
