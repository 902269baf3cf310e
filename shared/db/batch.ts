import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Writes any number of puts and deletes in batches of 25, retrying what DynamoDB left
 * unprocessed. Not atomic: for seeding and bulk set-up, never for a user's change.
 */
export async function batchWriteAll(requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: Record<string, WriteRequest[]> | undefined = { [tableName]: requests.slice(i, i + 25) };
    while (pending && Object.keys(pending).length > 0) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: pending }));
      pending = out.UnprocessedItems as Record<string, WriteRequest[]> | undefined;
    }
  }
}

export const putRequests = (items: Record<string, unknown>[]): WriteRequest[] =>
  items.map((Item) => ({ PutRequest: { Item } }));

export const deleteRequests = (keys: Record<string, unknown>[]): WriteRequest[] =>
  keys.map((Key) => ({ DeleteRequest: { Key } }));
