import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import { failedTransactionItems, isTransactionConflict } from '#shared/db/errors';
import { queryAll } from '#shared/db/query';
import type { TransactItem } from '#shared/db/transact';
import { setExpression } from '#shared/db/update';
import { ConflictError, NotFoundError } from '#shared/http/errors';
import { newId } from '#shared/ids';
import { nowIso } from '#shared/time';
import { inquiryIndex, inquiryKeys } from './keys';
import { canTransition, TRANSITIONS } from './lifecycle';
import { Inquiry, type InquiryCompetence, type InquiryStatus, TimelineEntry } from './schema';

/** The version of the items this store writes (`v`). */
export const VERSION = 1;

export interface TimelineInput {
  kind: string;
  text: string;
  by?: string;
  data?: Record<string, unknown>;
}

// ---- transaction building blocks (also used by matching) ---------------------------------

/**
 * ONE TransactWriteItems entry that moves the inquiry to `to`, only if its status is one of
 * `from` right now; sets `status`, `updatedAt`, the by-status index key and `set`.
 */
export function statusTransitionItem(
  networkId: string,
  inquiryId: string,
  from: readonly InquiryStatus[],
  to: InquiryStatus,
  set: Record<string, unknown> = {},
): TransactItem {
  const update = setExpression({
    status: to,
    updatedAt: nowIso(),
    gsi2pk: inquiryIndex.status(networkId, to),
    ...set,
  });
  return {
    Update: {
      TableName: tableName,
      Key: inquiryKeys.inquiry(networkId, inquiryId),
      ...update,
      ConditionExpression: `attribute_exists(pk) AND #current IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
      ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#current': 'status' },
      ExpressionAttributeValues: {
        ...update.ExpressionAttributeValues,
        ...Object.fromEntries(from.map((s, i) => [`:from${i}`, s])),
      },
    },
  };
}

/** ONE TransactWriteItems `Put` of a timeline entry (its id is a ULID, so entries sort by time). */
export function timelineEntryItem(networkId: string, inquiryId: string, entry: TimelineInput): TransactItem {
  const id = newId();
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...inquiryKeys.timeline(networkId, inquiryId, id),
        entity: 'timeline',
        v: VERSION,
        id,
        at: nowIso(),
        ...entry,
      },
    },
  };
}

/** Maps a conversation's Message-ID to the inquiry; never re-points one to another inquiry. */
export function messageIdItem(networkId: string, inquiryId: string, messageId: string): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...inquiryKeys.messageId(networkId, messageId),
        entity: 'inquiry-message-id',
        v: VERSION,
        inquiryId,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR inquiryId = :me',
      ExpressionAttributeValues: { ':me': inquiryId },
    },
  };
}

export async function transact(items: TransactItem[]) {
  await db.send(new TransactWriteCommand({ TransactItems: items }));
}

// ---- read ----------------------------------------------------------------------------------

export async function getInquiry(networkId: string, inquiryId: string): Promise<Inquiry | undefined> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: inquiryKeys.inquiry(networkId, inquiryId) }),
  );
  return out.Item ? Inquiry.parse(out.Item) : undefined;
}

/** The inquiry and its whole timeline, oldest entry first: one Query over its key range. */
export async function getInquiryWithTimeline(
  networkId: string,
  inquiryId: string,
): Promise<{ inquiry: Inquiry; timeline: TimelineEntry[] } | undefined> {
  const { pk, sk } = inquiryKeys.inquiry(networkId, inquiryId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': pk, ':from': sk, ':to': `${sk}#~` },
  });
  const head = items.find((i) => i.entity === 'inquiry');
  if (!head) return undefined;
  return {
    inquiry: Inquiry.parse(head),
    timeline: items.filter((i) => i.entity === 'timeline').map((i) => TimelineEntry.parse(i)),
  };
}

/** A page of the network's inquiries, newest first, optionally of one status. */
export async function listInquiries(
  networkId: string,
  opts: { status?: InquiryStatus; limit?: number; cursor?: string },
): Promise<{ items: Inquiry[]; cursor?: string }> {
  const [index, pkName, pk] = opts.status
    ? (['gsi2', 'gsi2pk', inquiryIndex.status(networkId, opts.status)] as const)
    : (['gsi1', 'gsi1pk', inquiryIndex.all(networkId)] as const);
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': pkName },
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: opts.limit ?? 25,
      ExclusiveStartKey: decodeCursor(opts.cursor, { index, partition: pk }),
    }),
  );
  return {
    items: (out.Items ?? []).map((i) => Inquiry.parse(i)),
    cursor: encodeCursor(out.LastEvaluatedKey),
  };
}

/**
 * Status and arrival time of every inquiry in the given statuses (for reports: open inquiries by
 * status and age): one Query on gsi2 per status, only the two attributes projected.
 */
export async function listInquiryAges(
  networkId: string,
  statuses: readonly InquiryStatus[],
): Promise<{ status: InquiryStatus; createdAt: string }[]> {
  const pages = await Promise.all(
    statuses.map((status) =>
      queryAll({
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': inquiryIndex.status(networkId, status) },
        ProjectionExpression: '#status, createdAt',
        ExpressionAttributeNames: { '#status': 'status' },
      }),
    ),
  );
  return pages.flat().map((i) => ({ status: i.status as InquiryStatus, createdAt: String(i.createdAt) }));
}

const idBy = async (key: { pk: string; sk: string }) =>
  (await db.send(new GetCommand({ TableName: tableName, Key: key }))).Item?.inquiryId as string | undefined;

/** The inquiry behind a reference number of this network (subject tokens). */
export const inquiryIdByReference = (networkId: string, reference: string) =>
  idBy(inquiryKeys.reference(networkId, reference));

/** The inquiry behind a customer's status link of this network (status-link.ts). */
export const inquiryIdByStatusToken = (networkId: string, token: string) =>
  idBy(inquiryKeys.statusToken(networkId, token));

/** ONE TransactWriteItems `Put` of a status link's digest → the inquiry (in the create transaction). */
export function statusTokenItem(networkId: string, inquiryId: string, token: string): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...inquiryKeys.statusToken(networkId, token),
        entity: 'inquiry-status-link',
        v: VERSION,
        inquiryId,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The inquiry a Message-ID of this network's conversations belongs to. */
export const inquiryIdByMessageId = (networkId: string, messageId: string) =>
  idBy(inquiryKeys.messageId(networkId, messageId));

// ---- change --------------------------------------------------------------------------------

/** Touches the inquiry (404 if it does not exist) and adds a timeline entry, in one transaction. */
export async function addTimelineEntry(
  networkId: string,
  inquiryId: string,
  entry: TimelineInput,
  opts: { set?: Record<string, unknown>; appendThread?: string[]; extra?: TransactItem[] } = {},
): Promise<void> {
  const update = setExpression({ updatedAt: nowIso(), ...opts.set });
  if (opts.appendThread?.length) {
    update.UpdateExpression += ', #thread = list_append(if_not_exists(#thread, :empty), :thread)';
    update.ExpressionAttributeNames['#thread'] = 'mailThread';
    update.ExpressionAttributeValues[':thread'] = opts.appendThread;
    update.ExpressionAttributeValues[':empty'] = [];
  }
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: inquiryKeys.inquiry(networkId, inquiryId),
        ...update,
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
    timelineEntryItem(networkId, inquiryId, entry),
    ...(opts.appendThread ?? []).map((m) => messageIdItem(networkId, inquiryId, m)),
    ...(opts.extra ?? []),
  ];
  try {
    await transact(items);
  } catch (err) {
    if (failedTransactionItems(err).includes(0)) throw new NotFoundError('inquiry');
    throw err;
  }
}

/**
 * Moves the inquiry along its lifecycle. The write lands only if the status is still the one
 * read (or `seen`, the inquiry the caller read and decided on), so of two concurrent changes one
 * wins and the other gets 409. Changes that touch a job go through matching's
 * `changeInquiryStatus`, which cancels the job in the same transaction.
 */
export async function changeStatus(
  networkId: string,
  inquiryId: string,
  to: InquiryStatus,
  by: string,
  reason?: string,
  seen?: Inquiry,
  /** Items for the same transaction: the customer's notice of the change. */
  extra: (current: Inquiry) => TransactItem[] = () => [],
): Promise<Inquiry> {
  const current = seen ?? (await getInquiry(networkId, inquiryId));
  if (!current) throw new NotFoundError('inquiry');
  if (!canTransition(current.status, to)) {
    const allowed = TRANSITIONS[current.status];
    throw new ConflictError(
      `status: an inquiry in status ${current.status} can go to ${allowed.length ? allowed.join(', ') : 'no other status'}, not ${to}`,
      [{ path: 'status', message: `cannot go from ${current.status} to ${to}`, code: 'invalid_transition' }],
    );
  }
  try {
    await transact([
      statusTransitionItem(networkId, inquiryId, [current.status], to),
      timelineEntryItem(networkId, inquiryId, {
        kind: 'status',
        text: reason ? `${current.status} → ${to}: ${reason}` : `${current.status} → ${to}`,
        by,
        data: { from: current.status, to, ...(reason ? { reason } : {}) },
      }),
      ...extra(current),
    ]);
  } catch (err) {
    if (failedTransactionItems(err).includes(0) || isTransactionConflict(err)) {
      throw new ConflictError('the inquiry was changed by someone else meanwhile; reload and retry', [
        { path: 'status', message: 'changed meanwhile', code: 'changed_meanwhile' },
      ]);
    }
    throw err;
  }
  return (await getInquiry(networkId, inquiryId)) ?? { ...current, status: to };
}

/** Replaces the inquiry's competences (the coordinator's correction of the suggestion). */
export async function setCompetences(
  networkId: string,
  inquiryId: string,
  competences: InquiryCompetence[],
  by: string,
): Promise<void> {
  await addTimelineEntry(
    networkId,
    inquiryId,
    {
      kind: 'competences',
      text: competences.length
        ? `competences: ${competences.map((c) => (c.hours ? `${c.competenceId} (${c.hours} h)` : c.competenceId)).join(', ')}`
        : 'competences cleared',
      by,
      data: { competences: competences.map((c) => ({ competenceId: c.competenceId, hours: c.hours })) },
    },
    { set: { competences } },
  );
}
