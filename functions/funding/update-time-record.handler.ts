import { assertPartnerMayWrite } from '#functions/networks/index';
import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { nowIso } from '#shared/time';
import { RecordPath, TimeRecord, UpdateTimeRecordBody } from './schema';
import { invalid, periodFor, projectFor, referenceErrors } from './service';
import { getRecord, replaceRecord } from './store';

export const handler = http(
  {
    summary: 'Correct a time record (its old and new period must be open)',
    auth: ['coordinator', 'partner'],
    params: RecordPath,
    body: UpdateTimeRecordBody,
    response: TimeRecord,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    const project = await projectFor(caller, params.projectId);
    const current = await getRecord(caller.networkId, project.id, params.recordId);
    if (!current || (caller.role === 'partner' && current.partnerId !== caller.partnerId)) {
      throw new NotFoundError('time record');
    }
    const errors = referenceErrors(project, current.partnerId, body);
    if (errors.length > 0) invalid(errors);
    const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const next: TimeRecord = { ...current, ...patch, updatedAt: nowIso() };
    next.periodId = periodFor(project, next.when, 'when').id;
    return reply.ok(await replaceRecord(caller.networkId, project.id, current, next));
  },
);
