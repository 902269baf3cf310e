import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { nowIso } from '#shared/time';
import { CreateTimeRecordBody, ProjectPath, TimeRecord } from './schema';
import { entryPartner, invalid, periodFor, projectFor, referenceErrors } from './service';
import { putRecord } from './store';

export const handler = http(
  {
    summary: 'Record hours on a funded project (a partner its own; the coordinator for any partner)',
    description:
      'Hours per person category, work package and ISO week or day, in quarter hours. A closed period refuses new hours with 409 until the coordinator reopens it.',
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
    const now = nowIso();
    const record: TimeRecord = {
      ...body,
      id: newId(),
      partnerId,
      periodId: period.id,
      enteredBy: caller.sub,
      createdAt: now,
      updatedAt: now,
    };
    await putRecord(caller.networkId, project.id, record);
    return reply.created(record, `/funding/projects/${project.id}/time-records/${record.id}`);
  },
);
