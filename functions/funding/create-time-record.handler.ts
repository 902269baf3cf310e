import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { nowIso } from '#shared/time';
import { CreateTimeRecordBody, ProjectPath, TimeRecord } from './schema';
import { bookedResource, entryPartner, invalid, periodFor, projectFor, referenceErrors } from './service';
import { putRecord } from './store';

export const handler = http(
  {
    summary: 'Record hours on a funded project (a partner its own; the coordinator for any partner)',
    description:
      'Hours per person category, work package and ISO week or day, in quarter hours. They book the partner resource’s capacity for the week (as a job does); past capacity they are still recorded, booked as worked and marked `overbooked`. A closed period refuses new hours with 409 until the coordinator reopens it.',
    auth: ['coordinator', 'partner'],
    params: ProjectPath,
    body: CreateTimeRecordBody,
    response: TimeRecord,
    problems: [409],
    status: 201,
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    const project = await projectFor(caller, params.projectId);
    const partnerId = entryPartner(caller, project, body.partnerId);
    const errors = referenceErrors(project, partnerId, body);
    if (errors.length > 0) invalid(errors);
    const period = periodFor(project, body.when, 'when');
    const resourceId = await bookedResource(caller.networkId, partnerId, body.resourceId);
    const now = nowIso();
    const { resourceId: _, ...fields } = body;
    const record: TimeRecord = {
      ...fields,
      ...(resourceId ? { resourceId } : {}),
      id: newId(),
      partnerId,
      periodId: period.id,
      enteredBy: caller.sub,
      createdAt: now,
      updatedAt: now,
    };
    const stored = await putRecord(caller.networkId, project.id, record);
    return reply.created(stored, `/funding/projects/${project.id}/time-records/${stored.id}`);
  },
);
