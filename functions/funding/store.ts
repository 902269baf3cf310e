/**
 * The funding capability's DynamoDB access. Everything of a project lives in the network's
 * partition: the project item `FUNDPROJ#<projectId>` (list: one Query on that prefix) and its
 * children under `FUND#<projectId>#` (period states, time records, costs), so a report reads a
 * whole project with one GetItem and one Query. A write to a record or cost checks its period's
 * state in the same transaction, so a write racing a period close either lands before the close
 * or is refused with 409, never after it.
 */
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { bookPartnerHours, releaseItems } from '#functions/matching/store';
import { getPartner } from '#functions/networks/store';
import { db, tableName } from '#shared/db/client';
import { failedTransactionItems, isConditionFailed } from '#shared/db/errors';
import { networkPk, part } from '#shared/db/keys';
import { queryAll, queryPrefix } from '#shared/db/query';
import { withConflictRetry } from '#shared/db/retry';
import type { TransactItem } from '#shared/db/transact';
import { ConflictError, NotFoundError } from '#shared/http/errors';
import { isoWeek } from '#shared/weeks';
import { COST_KINDS, Cost, PeriodState, Project, TimeRecord } from './schema';
import type { CostAmounts, RecordAmounts } from './totals';

const VERSION = 1;

type HoursSumKey = Pick<TimeRecord, 'periodId' | 'partnerId' | 'workPackageId' | 'categoryId'>;
type CostSumKey = Pick<Cost, 'periodId' | 'partnerId' | 'workPackageId' | 'kind'>;

/**
 * The running sums a record or cost write keeps in the same transaction (ADD, so concurrent
 * writes add up): totals, checks and reports read these few items instead of every record.
 * Hours are summed in quarter hours, so the sums stay exact integers.
 */
function addToSum(
  key: { pk: string; sk: string },
  fields: Record<string, string>,
  delta: number,
): TransactItem {
  const names = Object.keys(fields);
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET entity = :entity, ${names.map((_, i) => `#f${i} = :f${i}`).join(', ')} ADD amount :delta`,
      ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
      ExpressionAttributeValues: {
        ':entity': 'funding-sum',
        ':delta': delta,
        ...Object.fromEntries(names.map((n, i) => [`:f${i}`, fields[n]])),
      },
    },
  };
}

const hoursSumKeyOf = (r: HoursSumKey): HoursSumKey => ({
  periodId: r.periodId,
  partnerId: r.partnerId,
  workPackageId: r.workPackageId,
  categoryId: r.categoryId,
});
const addHours = (networkId: string, projectId: string, r: HoursSumKey, quarterHours: number) =>
  addToSum(
    fundingKeys.hoursSum(networkId, projectId, r),
    { what: 'hours', ...hoursSumKeyOf(r) },
    quarterHours,
  );
const addCost = (networkId: string, projectId: string, c: CostSumKey, cents: number) =>
  addToSum(
    fundingKeys.costSum(networkId, projectId, c),
    {
      what: 'cost',
      periodId: c.periodId,
      partnerId: c.partnerId,
      workPackageId: c.workPackageId,
      kind: c.kind,
    },
    cents,
  );
const quarters = (hours: number) => Math.round(hours * 4);

export const fundingKeys = {
  project: (networkId: string, projectId: string) => ({
    pk: networkPk(networkId),
    sk: `FUNDPROJ#${part(projectId)}`,
  }),
  period: (networkId: string, projectId: string, periodId: string) => ({
    pk: networkPk(networkId),
    sk: `FUND#${part(projectId)}#PERIOD#${part(periodId)}`,
  }),
  record: (networkId: string, projectId: string, recordId: string) => ({
    pk: networkPk(networkId),
    sk: `FUND#${part(projectId)}#REC#${part(recordId)}`,
  }),
  cost: (networkId: string, projectId: string, costId: string) => ({
    pk: networkPk(networkId),
    sk: `FUND#${part(projectId)}#COST#${part(costId)}`,
  }),
  /** Quarter hours of one partner, work package and category in one period (ADD-maintained). */
  hoursSum: (networkId: string, projectId: string, k: HoursSumKey) => ({
    pk: networkPk(networkId),
    sk: `FUND#${part(projectId)}#SUM#H#${part(k.periodId)}#${part(k.partnerId)}#${part(k.workPackageId)}#${part(k.categoryId)}`,
  }),
  /** Cents of one partner, work package and cost kind in one period (ADD-maintained). */
  costSum: (networkId: string, projectId: string, k: CostSumKey) => ({
    pk: networkPk(networkId),
    sk: `FUND#${part(projectId)}#SUM#C#${part(k.periodId)}#${part(k.partnerId)}#${part(k.workPackageId)}#${part(k.kind)}`,
  }),
  children: (projectId: string) => `FUND#${part(projectId)}#`,
} as const;

/** The storage key of a cost's receipt, beside the mail attachments (shared/mail/storage.ts). */
export const receiptKey = (networkId: string, projectId: string, costId: string, rev?: string) =>
  `attachments/${part(networkId)}/funding-${part(projectId)}/${part(costId)}${rev ? `-${part(rev)}` : ''}`;

const periodClosed = (periodId: string) =>
  new ConflictError(
    `period ${periodId} is closed: the coordinator must reopen it before anything in it changes`,
    [
      {
        path: 'periodId',
        message: `period ${periodId} is closed`,
        code: 'period_closed',
        params: { periodId },
      },
    ],
  );

/** A ConditionCheck that holds only while the period is open. */
const periodOpen = (networkId: string, projectId: string, periodId: string): TransactItem => ({
  ConditionCheck: {
    TableName: tableName,
    Key: fundingKeys.period(networkId, projectId, periodId),
    ConditionExpression: '#status = :open',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':open': 'open' },
  },
});

/** Runs a transaction whose first `periodIds.length` items are period checks; maps failures to 409. */
async function transactInOpenPeriods(periodIds: string[], items: TransactItem[], what: string) {
  try {
    await withConflictRetry(() => db.send(new TransactWriteCommand({ TransactItems: items })));
  } catch (err) {
    const failed = failedTransactionItems(err);
    if (failed.length === 0) throw err;
    const closed = failed.find((i) => i < periodIds.length);
    if (closed !== undefined) throw periodClosed(periodIds[closed]!);
    throw new ConflictError(
      `the ${what} was changed or removed by someone else meanwhile; reload and retry`,
      [{ path: 'body', message: `the ${what} changed meanwhile`, code: 'changed_meanwhile' }],
    );
  }
}

// ---- projects ---------------------------------------------------------------------------------

/** Writes the project and its periods (all open) in one transaction. */
export async function createProject(networkId: string, project: Project, by: string): Promise<void> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: {
          ...fundingKeys.project(networkId, project.id),
          entity: 'funding-project',
          v: VERSION,
          ...project,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...project.periods.map(
      (p): TransactItem => ({
        Put: {
          TableName: tableName,
          Item: {
            ...fundingKeys.period(networkId, project.id, p.id),
            entity: 'funding-period',
            v: VERSION,
            periodId: p.id,
            status: 'open',
            changedAt: project.createdAt,
            changedBy: by,
          },
        },
      }),
    ),
  ];
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (failedTransactionItems(err).includes(0)) {
      throw new ConflictError(`project ${project.id} exists already`, [
        { path: 'id', message: 'exists already', code: 'exists' },
      ]);
    }
    throw err;
  }
}

/** Removes a project that was just created (its schedule could not be made). */
export async function deleteNewProject(networkId: string, project: Project): Promise<void> {
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Delete: { TableName: tableName, Key: fundingKeys.project(networkId, project.id) } },
        ...project.periods.map(
          (p): TransactItem => ({
            Delete: { TableName: tableName, Key: fundingKeys.period(networkId, project.id, p.id) },
          }),
        ),
      ],
    }),
  );
}

export async function getProject(networkId: string, projectId: string): Promise<Project | undefined> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: fundingKeys.project(networkId, projectId) }),
  );
  return out.Item ? Project.parse(out.Item) : undefined;
}

/** The network's projects: one Query on the `FUNDPROJ#` prefix (children sort elsewhere). */
export async function listProjects(networkId: string): Promise<Project[]> {
  return (await queryPrefix(networkPk(networkId), 'FUNDPROJ#')).map((i) => Project.parse(i));
}

/** Replaces the project if its revision is still the one the coordinator read (else 409). */
export async function replaceProject(networkId: string, next: Project, seenRevision: number): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...fundingKeys.project(networkId, next.id), entity: 'funding-project', v: VERSION, ...next },
        ConditionExpression: 'attribute_exists(pk) AND revision = :seen',
        ExpressionAttributeValues: { ':seen': seenRevision },
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    throw new ConflictError('the project was changed by someone else meanwhile; reload and retry', [
      {
        path: 'revision',
        message: `revision ${seenRevision} is not the current one`,
        code: 'changed_meanwhile',
      },
    ]);
  }
}

const SumItem = z.object({
  what: z.enum(['hours', 'cost']),
  periodId: z.string(),
  partnerId: z.string(),
  workPackageId: z.string(),
  categoryId: z.optional(z.string()),
  kind: z.optional(z.enum(COST_KINDS)),
  amount: z.number(),
});

/** A Query on one prefix below the project, projected to `attributes` (for a partner: its own items). */
function queryBelow(
  networkId: string,
  projectId: string,
  prefix: string,
  attributes: string[],
  partnerId?: string,
) {
  const names = Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a]));
  return queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': networkPk(networkId),
      ':prefix': `${fundingKeys.children(projectId)}${prefix}`,
      ...(partnerId ? { ':partner': partnerId } : {}),
    },
    ProjectionExpression: Object.keys(names).join(', '),
    ExpressionAttributeNames: { ...names, ...(partnerId ? { '#partner': 'partnerId' } : {}) },
    ...(partnerId ? { FilterExpression: '#partner = :partner' } : {}),
  });
}

/**
 * What the totals, checks and reports need below a project: the period states and the running
 * sums (hours per partner, work package, category and period; cents per partner, work package,
 * cost kind and period), as record- and cost-shaped amounts. Two Queries in parallel, a few
 * hundred small items however many records there are; `partnerId` narrows the sums to one
 * partner (a filter on the same Query).
 */
export async function loadChildren(networkId: string, projectId: string, partnerId?: string) {
  const [periods, sums] = await Promise.all([
    listPeriodStates(networkId, projectId),
    queryBelow(
      networkId,
      projectId,
      'SUM#',
      ['what', 'periodId', 'partnerId', 'workPackageId', 'categoryId', 'kind', 'amount'],
      partnerId,
    ),
  ]);
  const records: RecordAmounts[] = [];
  const costs: CostAmounts[] = [];
  for (const raw of sums) {
    const i = SumItem.parse(raw);
    if (i.amount === 0) continue;
    const at = { periodId: i.periodId, partnerId: i.partnerId, workPackageId: i.workPackageId };
    if (i.what === 'hours' && i.categoryId)
      records.push({ ...at, categoryId: i.categoryId, hours: i.amount / 4 });
    else if (i.what === 'cost' && i.kind) costs.push({ ...at, kind: i.kind, amountCents: i.amount });
  }
  return { periodStates: periods, records, costs };
}

/** The project's period states: one projected Query. */
export async function listPeriodStates(networkId: string, projectId: string): Promise<PeriodState[]> {
  const items = await queryBelow(networkId, projectId, 'PERIOD#', [
    'periodId',
    'status',
    'changedAt',
    'changedBy',
    'reportMailedAt',
    'finalReportMailedAt',
  ]);
  return items.map((i) => PeriodState.parse(i));
}

/**
 * Notes on the period's state that its report (or, `final`, the project's final report) was
 * queued, so the daily check does not build it again; the outbox keeps mail items only 90 days,
 * so their deterministic ids alone would not keep an old period's report from going twice.
 */
export async function markReportMailed(
  networkId: string,
  projectId: string,
  periodId: string,
  which: 'period' | 'final',
  at: string,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: fundingKeys.period(networkId, projectId, periodId),
      UpdateExpression: 'SET #at = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#at': which === 'final' ? 'finalReportMailedAt' : 'reportMailedAt' },
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}

/** Who recorded on which week or day (the monthly reminder): one projected Query. */
export async function listRecordDays(networkId: string, projectId: string) {
  const items = await queryBelow(networkId, projectId, 'REC#', ['partnerId', 'when']);
  return items.map((i) => z.object({ partnerId: z.string(), when: z.string() }).parse(i));
}

/** Only the time records of a project (for a partner: its own), one Query on the records' prefix. */
export async function listRecords(
  networkId: string,
  projectId: string,
  partnerId?: string,
): Promise<TimeRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': networkPk(networkId),
      ':prefix': `${fundingKeys.children(projectId)}REC#`,
      ...(partnerId ? { ':partner': partnerId } : {}),
    },
    ...(partnerId ? { FilterExpression: 'partnerId = :partner' } : {}),
  });
  return items.map((i) => TimeRecord.parse(i));
}

/** Only the costs of a project (for a partner: its own). */
export async function listCosts(networkId: string, projectId: string, partnerId?: string): Promise<Cost[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': networkPk(networkId),
      ':prefix': `${fundingKeys.children(projectId)}COST#`,
      ...(partnerId ? { ':partner': partnerId } : {}),
    },
    ...(partnerId ? { FilterExpression: 'partnerId = :partner' } : {}),
  });
  return items.map((i) => Cost.parse(i));
}

// ---- periods ------------------------------------------------------------------------------------

/** open → closed or closed → open; 409 when the period is in the other state already. */
export async function setPeriodStatus(
  networkId: string,
  projectId: string,
  periodId: string,
  to: 'open' | 'closed',
  by: string,
  at: string,
): Promise<PeriodState> {
  const from = to === 'closed' ? 'open' : 'closed';
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: fundingKeys.period(networkId, projectId, periodId),
        UpdateExpression: 'SET #status = :to, changedAt = :at, changedBy = :by',
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':to': to, ':from': from, ':at': at, ':by': by },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return PeriodState.parse(out.Attributes);
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    throw new ConflictError(`period ${periodId} is ${to} already`, [
      { path: 'periodId', message: `is ${to} already`, code: `already_${to}` },
    ]);
  }
}

// ---- time records ---------------------------------------------------------------------------------

export async function getRecord(networkId: string, projectId: string, recordId: string) {
  const out = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: fundingKeys.record(networkId, projectId, recordId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? TimeRecord.parse(out.Item) : undefined;
}

const recordItem = (networkId: string, projectId: string, r: TimeRecord) => ({
  ...fundingKeys.record(networkId, projectId, r.id),
  entity: 'funding-record',
  v: VERSION,
  ...r,
});

/** The ISO week a record's hours book: its week, or the week of its day. */
export const recordWeek = (r: Pick<TimeRecord, 'when'>) => (r.when.includes('W') ? r.when : isoWeek(r.when));

const bookingOf = (r: TimeRecord) => [{ week: recordWeek(r), hours: r.hours }];

/**
 * Writes a record's items together with its booking on the partner's resource (matching's
 * bookPartnerHours, same transaction). Capacity first holds: when the week has no room left the
 * write is repeated booking past capacity and the record is marked `overbooked` (the hours were
 * worked; refusing them would only make the records wrong). Returns whether it overbooked.
 */
async function writeWithBooking(
  networkId: string,
  periodIds: string[],
  r: TimeRecord,
  release: TimeRecord | undefined,
  itemsFor: (overbooked: boolean) => TransactItem[],
): Promise<boolean> {
  const send = async (overbook: boolean) => {
    const extra = itemsFor(overbook);
    try {
      const booked =
        r.resourceId !== undefined &&
        (await bookPartnerHours(networkId, r.partnerId, r.resourceId, bookingOf(r), extra, {
          overbook,
          ...(release ? { release: bookingOf(release) } : {}),
        }).catch((err) => {
          // the partner removed the resource since the record booked it: the record is still
          // corrected, with nothing left to book on (a resource named in the request was checked before)
          if (err instanceof NotFoundError) return false;
          throw err;
        }));
      if (!booked) {
        await withConflictRetry(() => db.send(new TransactWriteCommand({ TransactItems: extra })));
      }
    } catch (err) {
      const reasons = (err as { CancellationReasons?: unknown[] }).CancellationReasons;
      const failed = failedTransactionItems(err);
      if (failed.length === 0 || !reasons) throw err;
      const offset = reasons.length - extra.length;
      const closed = failed.find((i) => i >= offset && i - offset < periodIds.length);
      if (closed !== undefined) throw periodClosed(periodIds[closed - offset]!);
      throw new ConflictError(
        'the time record was changed or removed by someone else meanwhile; reload and retry',
        [{ path: 'body', message: 'the time record changed meanwhile', code: 'changed_meanwhile' }],
      );
    }
  };
  try {
    await send(false);
    return false;
  } catch (err) {
    if (!(err instanceof ConflictError) || !err.message.startsWith('capacity ran out')) throw err;
    await send(true);
    return true;
  }
}

const hasResource = async (networkId: string, r: TimeRecord) =>
  (await getPartner(networkId, r.partnerId))?.resources.some((x) => x.id === r.resourceId) ?? false;

/** Release of a record's booking when it goes (same transaction as its Delete). */
async function deleteWithRelease(
  networkId: string,
  periodIds: string[],
  r: TimeRecord,
  items: TransactItem[],
) {
  const all = r.resourceId
    ? [
        ...releaseItems(
          networkId,
          [{ partnerId: r.partnerId, resourceId: r.resourceId, ...bookingOf(r)[0]! }],
          false,
          true,
        ),
        ...items,
      ]
    : items;
  const offset = all.length - items.length;
  try {
    await withConflictRetry(() => db.send(new TransactWriteCommand({ TransactItems: all })));
  } catch (err) {
    const failed = failedTransactionItems(err);
    if (failed.length === 0) throw err;
    // the partner removed the resource since the record booked it: nothing is left to release
    if (failed.some((i) => i < offset) && r.resourceId && !(await hasResource(networkId, r))) {
      return deleteWithRelease(networkId, periodIds, { ...r, resourceId: undefined }, items);
    }
    const closed = failed.find((i) => i >= offset && i - offset < periodIds.length);
    if (closed !== undefined) throw periodClosed(periodIds[closed - offset]!);
    throw new ConflictError(
      'the time record was changed or removed by someone else meanwhile; reload and retry',
      [{ path: 'body', message: 'the time record changed meanwhile', code: 'changed_meanwhile' }],
    );
  }
}

/** Writes a new record, its sum and its booking; returns the record as stored (overbooked marked). */
export async function putRecord(networkId: string, projectId: string, r: TimeRecord): Promise<TimeRecord> {
  let stored = r;
  await writeWithBooking(networkId, [r.periodId], r, undefined, (overbooked) => {
    stored = overbooked ? { ...r, overbooked } : r;
    return [
      periodOpen(networkId, projectId, r.periodId),
      {
        Put: {
          TableName: tableName,
          Item: recordItem(networkId, projectId, stored),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      addHours(networkId, projectId, r, quarters(r.hours)),
    ];
  });
  return stored;
}

/**
 * Replaces a record if unchanged since read; both its old and its new period must be open. The
 * old hours are released and the new ones booked in the same transaction.
 */
export async function replaceRecord(
  networkId: string,
  projectId: string,
  current: TimeRecord,
  next: TimeRecord,
): Promise<TimeRecord> {
  const periods = [...new Set([current.periodId, next.periodId])];
  const { overbooked: _, ...base } = next;
  let stored: TimeRecord = base;
  await writeWithBooking(networkId, periods, base, current.resourceId ? current : undefined, (overbooked) => {
    stored = overbooked ? { ...base, overbooked } : base;
    return [
      ...periods.map((p) => periodOpen(networkId, projectId, p)),
      {
        Put: {
          TableName: tableName,
          Item: recordItem(networkId, projectId, stored),
          ConditionExpression: 'updatedAt = :seen',
          ExpressionAttributeValues: { ':seen': current.updatedAt },
        },
      },
      // one item may appear once per transaction: the same sum gets the difference
      ...(JSON.stringify(hoursSumKeyOf(current)) === JSON.stringify(hoursSumKeyOf(next))
        ? [addHours(networkId, projectId, next, quarters(next.hours) - quarters(current.hours))]
        : [
            addHours(networkId, projectId, current, -quarters(current.hours)),
            addHours(networkId, projectId, next, quarters(next.hours)),
          ]),
    ];
  });
  return stored;
}

export async function deleteRecord(networkId: string, projectId: string, current: TimeRecord) {
  await deleteWithRelease(networkId, [current.periodId], current, [
    periodOpen(networkId, projectId, current.periodId),
    {
      Delete: {
        TableName: tableName,
        Key: fundingKeys.record(networkId, projectId, current.id),
        ConditionExpression: 'updatedAt = :seen',
        ExpressionAttributeValues: { ':seen': current.updatedAt },
      },
    },
    addHours(networkId, projectId, current, -quarters(current.hours)),
  ]);
}

// ---- costs ------------------------------------------------------------------------------------------

export async function getCost(networkId: string, projectId: string, costId: string) {
  const out = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: fundingKeys.cost(networkId, projectId, costId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? Cost.parse(out.Item) : undefined;
}

export async function putCost(networkId: string, projectId: string, c: Cost): Promise<void> {
  await transactInOpenPeriods(
    [c.periodId],
    [
      periodOpen(networkId, projectId, c.periodId),
      {
        Put: {
          TableName: tableName,
          Item: { ...fundingKeys.cost(networkId, projectId, c.id), entity: 'funding-cost', v: VERSION, ...c },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      addCost(networkId, projectId, c, c.amountCents),
    ],
    'cost',
  );
}

/** The cost is still as read: its `updatedAt`, or never changed (a cost from before edits had none). */
const costUnchanged = (c: Cost) =>
  c.updatedAt
    ? { ConditionExpression: 'updatedAt = :seen', ExpressionAttributeValues: { ':seen': c.updatedAt } }
    : { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(updatedAt)' };

const costSumKeyOf = (c: CostSumKey) => [c.periodId, c.partnerId, c.workPackageId, c.kind].join('|');

/**
 * Replaces a cost if unchanged since read; its old and new period must be open. The sums move in
 * the same transaction (the same sum once, with the difference).
 */
export async function replaceCost(networkId: string, projectId: string, current: Cost, next: Cost) {
  const periods = [...new Set([current.periodId, next.periodId])];
  await transactInOpenPeriods(
    periods,
    [
      ...periods.map((p) => periodOpen(networkId, projectId, p)),
      {
        Put: {
          TableName: tableName,
          Item: {
            ...fundingKeys.cost(networkId, projectId, next.id),
            entity: 'funding-cost',
            v: VERSION,
            ...next,
          },
          ...costUnchanged(current),
        },
      },
      ...(costSumKeyOf(current) === costSumKeyOf(next)
        ? [addCost(networkId, projectId, next, next.amountCents - current.amountCents)]
        : [
            addCost(networkId, projectId, current, -current.amountCents),
            addCost(networkId, projectId, next, next.amountCents),
          ]),
    ],
    'cost',
  );
}

export async function deleteCost(networkId: string, projectId: string, c: Cost): Promise<void> {
  await transactInOpenPeriods(
    [c.periodId],
    [
      periodOpen(networkId, projectId, c.periodId),
      {
        Delete: {
          TableName: tableName,
          Key: fundingKeys.cost(networkId, projectId, c.id),
          // a concurrent edit moved the sums: the removal takes back what is stored, not what was read
          ...costUnchanged(c),
        },
      },
      addCost(networkId, projectId, c, -c.amountCents),
    ],
    'cost',
  );
}
