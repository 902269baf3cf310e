import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../shared/db/client';
import { networkPk } from '../../shared/db/keys';
import { type UsageEvent, usageMonth } from './usage';

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
