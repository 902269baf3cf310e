import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, type TransactWriteCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { isConditionFailed } from '#shared/db/errors';
import { networkPk } from '#shared/db/keys';
import { staleBefore } from '#shared/db/stale';
import { newId } from '#shared/ids';
import { AppError, ConflictError, ValidationError } from './errors';
import type { Reply } from './handler';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const DAY = 24 * 60 * 60;
/** A claim older than this belongs to a request that died before its effect; a retry may take over. */
const STALE_SECONDS = 60;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Whose Idempotency-Key it is: the network, the route's scope and the caller (identity or client). */
export interface IdempotencyScope {
  networkId: string;
  /** The operation (`api-create`, `public-form`): one key may be used once per operation. */
  scope: string;
  /** The JWT `sub`, or for public routes the client (IPv4 address, IPv6 /64). */
  caller: string;
}

/**
 * The record of one Idempotency-Key. The caller is part of the hashed key, so the same key from
 * another caller is another record: a replay never hands one client's answer to another.
 */
export function idempotencyKey({ networkId, scope, caller }: IdempotencyScope, key: string) {
  if (!/^[a-z0-9-]{1,40}$/.test(scope))
    throw new Error(`invalid idempotency scope: ${JSON.stringify(scope)}`);
  return { pk: networkPk(networkId), sk: `IDEM#${scope}#${sha256(`${caller}\n${key}`).slice(0, 40)}` };
}

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

/** What the operation gets: the transaction entry that records its answer WITH its effect. */
export interface IdempotentRun {
  /**
   * The items to add to the effect's own TransactWriteItems: the key's record, now `done` with
   * `answer`, on condition that this request still holds the key. Empty without a key.
   */
  record(answer: Reply): TransactItem[];
}

/**
 * Runs `fn` once per Idempotency-Key and caller (IETF Idempotency-Key draft): the first request
 * claims the key with a conditional put; `fn` writes the answer with its effect in ONE
 * transaction (`run.record`), so a crash after the effect leaves the answer, never a claim a
 * retry would take over. A repeat gets the stored answer (`idempotent-replayed: true`), a repeat
 * while the first is in flight 409, the key with another body 422. A first attempt that failed
 * before its effect frees the key for a retry; one that died leaves a claim a retry may take
 * over after STALE_SECONDS, or at once on a local runtime restarted after a kill (its effect cannot land any more: the record's condition names the
 * claim's token).
 */
export async function idempotent(
  who: IdempotencyScope,
  key: string | undefined,
  body: unknown,
  fn: (run: IdempotentRun) => Promise<Reply>,
): Promise<Reply> {
  if (key === undefined) return fn({ record: () => [] });
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ValidationError('headers.idempotency-key: must be 1–255 visible ASCII characters', [
      {
        path: 'headers.idempotency-key',
        message: 'must be 1–255 visible ASCII characters',
        code: 'invalid_format',
      },
    ]);
  }
  const Key = idempotencyKey(who, key);
  const requestHash = sha256(JSON.stringify(body ?? null));
  const token = newId();
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
          token,
          startedAt: now,
          expiresAt: now + DAY,
        },
        ConditionExpression:
          'attribute_not_exists(pk) OR #state = :released OR (#state = :running AND startedAt < :stale)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':running': 'running',
          ':released': 'released',
          ':stale': staleBefore(STALE_SECONDS, now),
        },
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    return replay(Key, requestHash);
  }
  let recorded = false;
  const done = (answer: Reply) => ({
    ...Key,
    entity: 'idempotency',
    state: 'done',
    requestHash,
    reply: answer,
    expiresAt: now + DAY,
  });
  const run: IdempotentRun = {
    record(answer) {
      recorded = true;
      return [
        {
          Put: {
            TableName: tableName,
            Item: done(answer),
            ConditionExpression: '#state = :running AND #token = :token',
            ExpressionAttributeNames: { '#state': 'state', '#token': 'token' },
            ExpressionAttributeValues: { ':running': 'running', ':token': token },
          },
        },
      ];
    },
  };
  let answer: Reply;
  try {
    answer = await fn(run);
  } catch (err) {
    // free the key for a retry, unless the effect (and with it the answer) landed after all; an
    // update, not a delete, so the public function needs no DeleteItem (infra/functions.ts)
    await db
      .send(
        new UpdateCommand({
          TableName: tableName,
          Key,
          UpdateExpression: 'SET #state = :released',
          ConditionExpression: '#state = :running AND #token = :token',
          ExpressionAttributeNames: { '#state': 'state', '#token': 'token' },
          ExpressionAttributeValues: { ':running': 'running', ':released': 'released', ':token': token },
        }),
      )
      .catch(() => undefined);
    throw err;
  }
  if (!recorded) {
    // an answer without an effect (nothing was written): recording it afterwards cannot double anything
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: done(answer),
        ConditionExpression: '#token = :token',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: { ':token': token },
      }),
    );
  }
  return answer;
}

async function replay(Key: { pk: string; sk: string }, requestHash: string): Promise<Reply> {
  const seen = (await db.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }))).Item;
  if (seen && seen.requestHash !== requestHash) throw new IdempotencyMismatchError();
  if (seen?.state !== 'done') {
    throw new ConflictError('a request with this Idempotency-Key is still being processed; retry shortly', [
      { path: 'headers.idempotency-key', message: 'in progress', code: 'in_progress' },
    ]);
  }
  const first = seen.reply as Reply;
  return { ...first, headers: { ...first.headers, 'idempotent-replayed': 'true' } };
}
