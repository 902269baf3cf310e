import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { networkPk } from '#shared/db/keys';
import { queryAll } from '#shared/db/query';
import { USAGE_EVENTS, type UsageCounts, type UsageEvent, usageMonth } from './events';

/** The network's counter item for one month (docs/data-model.md, "Usage metering"). */
export const usageKey = (networkId: string, month: string) => ({
  pk: networkPk(networkId),
  sk: `USAGE#${month}`,
});

/**
 * Counts a billable event with an atomic ADD on the network's month item (no read, no race).
 * Call it after the counted thing has happened for real (after the conditional write succeeded),
 * so retried requests and redelivered mail are not counted twice.
 */
export async function recordUsage(
  networkId: string,
  event: UsageEvent,
  count = 1,
  at = new Date(),
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: usageKey(networkId, usageMonth(at)),
      UpdateExpression: 'ADD #e :n SET entity = :entity, v = :v',
      ExpressionAttributeNames: { '#e': event },
      ExpressionAttributeValues: { ':n': count, ':entity': 'usage', ':v': 1 },
    }),
  );
}

/** A network's usage months, newest first: one Query on the `USAGE#` prefix. */
export async function listUsage(networkId: string): Promise<{ month: string; counts: UsageCounts }[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': networkPk(networkId), ':prefix': 'USAGE#' },
    ScanIndexForward: false,
  });
  return items.map((item) => ({
    month: String(item.sk).slice('USAGE#'.length),
    counts: Object.fromEntries(USAGE_EVENTS.map((e) => [e, Number(item[e] ?? 0)])) as UsageCounts,
  }));
}
