import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { isConditionFailed } from '#shared/db/errors';
import { networkPk } from '#shared/db/keys';
import { AppError, ConflictError, ValidationError } from './errors';
import type { Reply } from './handler';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A request with an Idempotency-Key: its first answer, kept for a day. */
export function idempotencyKey(networkId: string, scope: string, key: string) {
  if (!/^[a-z0-9-]{1,40}$/.test(scope))
    throw new Error(`invalid idempotency scope: ${JSON.stringify(scope)}`);
  return { pk: networkPk(networkId), sk: `IDEM#${scope}#${sha256(key).slice(0, 40)}` };
}

const DAY = 24 * 60 * 60;
/** A claim older than this belongs to a request that died; a retry may take it over. */
const STALE_SECONDS = 60;

class IdempotencyMismatchError extends AppError {
  override name = 'IdempotencyMismatchError';
  constructor() {
    super(422, 'idempotency-key-reused', 'this Idempotency-Key was used with a different request body', [
      { path: 'headers.idempotency-key', message: 'was used with a different request body' },
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
      { path: 'headers.idempotency-key', message: 'must be 1–255 visible ASCII characters' },
    ]);
  }
  const Key = idempotencyKey(networkId, scope, key);
  const requestHash = sha256(JSON.stringify(body ?? null));
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
        { path: 'headers.idempotency-key', message: 'in progress' },
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
