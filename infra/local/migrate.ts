/**
 * Data migrations `npm start` runs before it serves, so a DATA_DIR written by an older version
 * keeps working. Each migration is idempotent (safe to run on every start, and again after a
 * crash half-way); a marker item records that one finished, so later starts skip it.
 *
 * Finding the networks to migrate is the project's one Scan, and it is local only: it runs over
 * DynamoDB Local's table at start-up, never in a request and never in AWS (no deployed function
 * is granted Scan). A deployed table would be migrated by running `migrateLegacyBookings` per
 * network id from the operator's list.
 */
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { migrateLegacyBookings } from '#functions/matching/store';
import { db, tableName } from '#shared/db/client';
import { nowIso } from '#shared/time';

/** Marker of a finished migration (operator partition: no tenant reads it). */
const marker = (name: string) => ({ pk: 'OPS#MIGRATIONS', sk: `MIGRATION#${name}` });

/** Network ids in the local table: one paged Scan projecting the key of each network item. */
async function localNetworkIds(): Promise<string[]> {
  const ids: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'sk = :network',
        ExpressionAttributeValues: { ':network': 'NETWORK' },
        ProjectionExpression: 'pk',
        ExclusiveStartKey,
      }),
    );
    for (const item of out.Items ?? []) ids.push(String(item.pk).slice('NET#'.length));
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return ids;
}

/**
 * Runs the migrations not yet marked done: bookings from one item per resource and week to one
 * item per resource and year. Returns what each moved.
 */
export async function migrateLocalData(log?: (line: string) => void): Promise<{ bookingsMoved: number }> {
  const name = 'bookings-by-year';
  const done = await db.send(
    new GetCommand({ TableName: tableName, Key: marker(name), ConsistentRead: true }),
  );
  if (done.Item) return { bookingsMoved: 0 };
  let bookingsMoved = 0;
  for (const networkId of await localNetworkIds()) bookingsMoved += await migrateLegacyBookings(networkId);
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...marker(name), entity: 'migration', v: 1, at: nowIso() },
    }),
  );
  if (bookingsMoved > 0) log?.(`migrated ${bookingsMoved} week bookings to one item per resource and year`);
  return { bookingsMoved };
}
