import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { nowIso } from '#shared/time';
import { PeriodPath, PeriodState } from './schema';
import { projectFor } from './service';
import { setPeriodStatus } from './store';

export const handler = http(
  {
    summary: 'Close a report period: its hours and costs can no longer change',
    auth: ['coordinator'],
    params: PeriodPath,
    response: PeriodState,
    problems: [409],
  },
  async ({ caller, params }) => {
    const project = await projectFor(caller, params.projectId);
    if (!project.periods.some((p) => p.id === params.periodId)) throw new NotFoundError('period');
    const state = await setPeriodStatus(
      caller.networkId,
      project.id,
      params.periodId,
      'closed',
      caller.sub,
      nowIso(),
    );
    return reply.ok(state);
  },
);
