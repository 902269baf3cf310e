import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { isConditionFailed } from '#shared/db/errors';
import { AppError, ConflictError, TooManyRequestsError, ValidationError } from '#shared/http/errors';
import type { Reply } from '#shared/http/handler';
import { inquiryKeys } from './keys';

// ---- rate limits ---------------------------------------------------------------------------

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
        Key: inquiryKeys.rate(networkId, bucket, window),
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

// ---- Idempotency-Key -------------------------------------------------------------------------

const DAY = 24 * 60 * 60;
/** A claim older than this belongs to a request that died; a retry may take it over. */
const STALE_SECONDS = 60;

class IdempotencyMismatchError extends AppError {
  override name = 'IdempotencyMismatchError';
  constructor() {
    super(422, 'idempotency-key-reused', 'this Idempotency-Key was used with a different request body', [
      {
        path: 'headers.idempotency-key',
        message: 'was used with a different request body',
        code: 'idempotency_key_reused',
      },
    ]);
  }
}

/**
 * Runs `fn` once per Idempotency-Key (per network and route, for a day): the first request
 * claims the key with a conditional put and stores its answer; a repeat gets that answer again
 * (`idempotent-replayed: true`), a repeat while the first is still running gets 409, and the
 * same key with another body gets 422. A failed first attempt frees the key for a retry.
 */
export async function idempotent(
  networkId: string,
  scope: string,
  key: string | undefined,
  body: unknown,
  fn: () => Promise<Reply>,
): Promise<Reply> {
  if (key === undefined) return fn();
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ValidationError('headers.idempotency-key: must be 1–255 visible ASCII characters', [
      {
        path: 'headers.idempotency-key',
        message: 'must be 1–255 visible ASCII characters',
        code: 'invalid_format',
      },
    ]);
  }
  const Key = inquiryKeys.idempotency(networkId, scope, key);
  const requestHash = createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
  const now = Math.floor(Date.now() / 1000);
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...Key,
          entity: 'idempotency',
          state: 'running',
          requestHash,
          startedAt: now,
          expiresAt: now + DAY,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :running AND startedAt < :stale)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':running': 'running', ':stale': now - STALE_SECONDS },
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    const seen = (await db.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }))).Item;
    if (seen?.requestHash !== requestHash) throw new IdempotencyMismatchError();
    if (seen.state !== 'done') {
      throw new ConflictError('a request with this Idempotency-Key is still being processed; retry shortly', [
        { path: 'headers.idempotency-key', message: 'in progress', code: 'in_progress' },
      ]);
    }
    const first = seen.reply as Reply;
    return { ...first, headers: { ...first.headers, 'idempotent-replayed': 'true' } };
  }
  let result: Reply;
  try {
    result = await fn();
  } catch (err) {
    await db.send(new DeleteCommand({ TableName: tableName, Key })).catch(() => undefined);
    throw err;
  }
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key,
      UpdateExpression: 'SET #state = :done, reply = :reply',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':done': 'done', ':reply': result },
    }),
  );
  return result;
}
