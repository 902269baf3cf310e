import { getNetwork } from '#functions/networks/store';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { scheduler } from '#shared/scheduler/index';
import { nowIso } from '#shared/time';
import { newProject, projectErrors, projectView } from './project';
import { projectSchedule } from './schedule';
import { CreateProjectBody, ProjectView } from './schema';
import { invalid, partnerFacts } from './service';
import { createProject, deleteNewProject } from './store';

export const handler = http(
  {
    summary: 'Start a funded cooperation project',
    description:
      "Copies the programme's rules (the COIN Netzwerke preset by default, or `rules` as given) into the project, creates its report periods (one per project year unless given) and its daily check (reminders, period reports) in the network's timezone.",
    auth: ['coordinator'],
    problems: [503],
    body: CreateProjectBody,
    response: ProjectView,
    status: 201,
  },
  async ({ caller, body }) => {
    const [network, facts] = await Promise.all([
      getNetwork(caller.networkId),
      partnerFacts(caller.networkId),
    ]);
    if (!network) throw new NotFoundError('network');
    const project = newProject(caller.networkId, body, newId(), nowIso());
    const errors = projectErrors(project, new Set(facts.keys()));
    if (errors.length > 0) invalid(errors);
    await createProject(caller.networkId, project, caller.sub);
    try {
      await scheduler().upsert(projectSchedule(caller.networkId, project, network.timezone));
    } catch (err) {
      // a project without its reminders and reports must not stay
      await deleteNewProject(caller.networkId, project);
      throw err;
    }
    const view = projectView({ project, periodStates: [], records: [], costs: [] }, facts, caller);
    return reply.created(view, `/funding/projects/${project.id}`);
  },
);
