import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { isConditionFailed } from '#shared/db/errors';
import { networkPk, part } from '#shared/db/keys';
import { queryAll } from '#shared/db/query';
import { setExpression } from '#shared/db/update';
import { ConflictError } from '#shared/http/errors';
import { newId } from '#shared/ids';
import { nowIso } from '#shared/time';
import { Delivery, ReportSettings } from './schema';

const VERSION = 1;

/** Keys of the reports capability (docs/data-model.md, "Reports"). */
export const reportKeys = {
  settings: (networkId: string) => ({ pk: networkPk(networkId), sk: 'REPORTCFG' }),
  subscription: (networkId: string, partnerId: string) => ({
    pk: networkPk(networkId),
    sk: `REPORTSUB#${part(partnerId)}`,
  }),
  delivery: (networkId: string, from: string, to: string) => ({
    pk: networkPk(networkId),
    sk: `REPORTSENT#${part(from)}#${part(to)}`,
  }),
};

export async function getSettings(networkId: string): Promise<ReportSettings | undefined> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: reportKeys.settings(networkId), ConsistentRead: true }),
  );
  return out.Item ? ReportSettings.parse(out.Item) : undefined;
}

/**
 * Stores the settings as the next revision of what the caller read (`seen`, undefined when there
 * were none): two coordinators saving at once cannot both win; the loser gets 409.
 */
export async function putSettings(
  networkId: string,
  settings: Omit<ReportSettings, 'revision' | 'updatedAt' | 'updatedBy'>,
  by: string,
  seen: number | undefined,
): Promise<ReportSettings> {
  const stored: ReportSettings = {
    ...settings,
    revision: (seen ?? 0) + 1,
    updatedAt: nowIso(),
    updatedBy: by,
  };
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...reportKeys.settings(networkId), entity: 'report-settings', v: VERSION, ...stored },
        ConditionExpression: seen === undefined ? 'attribute_not_exists(pk)' : 'revision = :seen',
        ...(seen === undefined ? {} : { ExpressionAttributeValues: { ':seen': seen } }),
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    throw new ConflictError(
      'the report schedule was changed by someone else meanwhile; reload and retry',
      [{ path: 'body', message: 'changed meanwhile', code: 'changed_meanwhile' }],
      { cause: err },
    );
  }
  return stored;
}

/** Deletes the settings; returns what was there. */
export async function deleteSettings(networkId: string): Promise<ReportSettings | undefined> {
  const out = await db.send(
    new DeleteCommand({ TableName: tableName, Key: reportKeys.settings(networkId), ReturnValues: 'ALL_OLD' }),
  );
  return out.Attributes ? ReportSettings.parse(out.Attributes) : undefined;
}

/** A partner opts in (Put, idempotent) or out (Delete, idempotent). */
export async function setSubscription(networkId: string, partnerId: string, subscribed: boolean) {
  const key = reportKeys.subscription(networkId, partnerId);
  if (subscribed) {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...key, entity: 'report-subscription', v: VERSION, partnerId, subscribedAt: nowIso() },
      }),
    );
  } else {
    await db.send(new DeleteCommand({ TableName: tableName, Key: key }));
  }
}

/** The partners who opted in: one Query on the `REPORTSUB#` prefix. */
export async function listSubscriptions(
  networkId: string,
): Promise<{ partnerId: string; subscribedAt: string }[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': networkPk(networkId), ':prefix': 'REPORTSUB#' },
  });
  return items.map((i) => ({ partnerId: String(i.partnerId), subscribedAt: String(i.subscribedAt) }));
}

/** Parses a delivery item; `sentTo` is a DynamoDB string set. */
function delivery(item: Record<string, unknown>): Delivery & { claimToken?: string } {
  const sentTo = item.sentTo instanceof Set ? [...(item.sentTo as Set<string>)].sort() : undefined;
  return { ...Delivery.parse({ ...item, sentTo }), claimToken: item.claimToken as string | undefined };
}

export type Claim =
  | { outcome: 'claimed'; token: string; delivery: Delivery }
  | { outcome: 'sent'; delivery: Delivery }
  | { outcome: 'in-progress'; delivery: Delivery };

/**
 * Claims the delivery of a network's report for a period: ONE conditional write decides which of
 * several concurrent or repeated invocations sends. It succeeds when there is no record yet, when
 * the last attempt failed, or when an attempt has been `sending` since before `staleBefore`
 * (it died without a word). Otherwise the record says `sent` or another attempt is under way.
 */
export async function claimDelivery(
  networkId: string,
  d: { from: string; to: string; trigger: Delivery['trigger']; scheduledTime: string },
  now: string,
  staleBefore: string,
): Promise<Claim> {
  const token = newId();
  const key = reportKeys.delivery(networkId, d.from, d.to);
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression:
          'SET #status = :sending, claimedAt = :now, claimToken = :token, #trigger = :trigger, scheduledTime = :scheduled, #from = :from, #to = :to, entity = :entity, v = :v, recipients = if_not_exists(recipients, :none) ADD attempts :one',
        ConditionExpression:
          'attribute_not_exists(pk) OR #status = :failed OR (#status = :sending AND claimedAt < :stale)',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#trigger': 'trigger',
          '#from': 'from',
          '#to': 'to',
        },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':failed': 'failed',
          ':now': now,
          ':stale': staleBefore,
          ':token': token,
          ':trigger': d.trigger,
          ':scheduled': d.scheduledTime,
          ':from': d.from,
          ':to': d.to,
          ':entity': 'report-delivery',
          ':v': VERSION,
          ':none': [],
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { outcome: 'claimed', token, delivery: delivery(out.Attributes!) };
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    const current = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    const found = delivery(current.Item!);
    return { outcome: found.status === 'sent' ? 'sent' : 'in-progress', delivery: found };
  }
}

/** Notes that the report went to one recipient (`coordinator` or `partner:<id>`), while the claim holds. */
export async function markSentTo(
  networkId: string,
  period: { from: string; to: string },
  token: string,
  recipient: string,
) {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: reportKeys.delivery(networkId, period.from, period.to),
      UpdateExpression: 'ADD sentTo :who',
      ConditionExpression: 'claimToken = :token',
      ExpressionAttributeValues: { ':who': new Set([recipient]), ':token': token },
    }),
  );
}

/** Ends an attempt: `sent` (or `failed`, which a retry may claim again) with who got what. */
export async function finishDelivery(
  networkId: string,
  period: { from: string; to: string },
  token: string,
  result: { status: 'sent' | 'failed'; recipients: Delivery['recipients']; error?: string },
): Promise<void> {
  const { status, recipients, error } = result;
  const set = setExpression({ status, recipients, finishedAt: nowIso(), error });
  const names: Record<string, string> = { ...set.ExpressionAttributeNames, '#tok': 'claimToken' };
  if (!error) names['#err'] = 'error';
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: reportKeys.delivery(networkId, period.from, period.to),
      UpdateExpression: error ? set.UpdateExpression : `${set.UpdateExpression} REMOVE #err`,
      ConditionExpression: '#tok = :token',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...set.ExpressionAttributeValues, ':token': token },
    }),
  );
}

/** The network's report deliveries, newest period first: one Query on the `REPORTSENT#` prefix. */
export async function listDeliveries(networkId: string, limit: number): Promise<Delivery[]> {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': networkPk(networkId), ':prefix': 'REPORTSENT#' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => {
    const { claimToken: _, ...d } = delivery(i);
    return d;
  });
}
