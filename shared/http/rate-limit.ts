import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { isConditionFailed } from '#shared/db/errors';
import { networkPk } from '#shared/db/keys';
import { TooManyRequestsError } from './errors';

/** A rate-limit window counter of one network (TTL'd); `bucket` names who or what is counted. */
export function rateKey(networkId: string, bucket: string, window: number) {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(bucket))
    throw new Error(`invalid rate bucket: ${JSON.stringify(bucket)}`);
  return { pk: networkPk(networkId), sk: `RATE#${bucket}#${window}` };
}

/**
 * Counts one event in a fixed window and says whether it is within `limit`. One UpdateItem:
 * `ADD n :1` only while `n < limit`, so concurrent callers never overshoot; the window item
 * expires by TTL. API Gateway throttles a route as a whole; this is per network and per client.
 */
export async function withinRate(
  networkId: string,
  bucket: string,
  limit: number,
  windowSeconds: number,
  now = Date.now(),
): Promise<boolean> {
  const window = Math.floor(now / 1000 / windowSeconds);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: rateKey(networkId, bucket, window),
        UpdateExpression: 'ADD n :one SET entity = :entity, expiresAt = :exp',
        ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': limit,
          ':entity': 'rate-window',
          ':exp': (window + 2) * windowSeconds,
        },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

/** Throws 429 when the window is full. */
export async function enforceRate(
  networkId: string,
  bucket: string,
  limit: number,
  windowSeconds: number,
): Promise<void> {
  if (!(await withinRate(networkId, bucket, limit, windowSeconds))) {
    throw new TooManyRequestsError(
      `too many requests: at most ${limit} per ${windowSeconds / 60} minutes, try again later`,
    );
  }
}

/** A client's network: the IPv4 address, or the /64 of an IPv6 address (one household). */
export function clientBucket(sourceIp: string): string {
  if (!sourceIp.includes(':')) return `ip-${sourceIp.replace(/[^0-9.]/g, '')}`;
  const groups = sourceIp.split('::')[0]!.split(':').slice(0, 4);
  return `ip6-${groups
    .join('-')
    .toLowerCase()
    .replace(/[^0-9a-f-]/g, '')}`;
}
