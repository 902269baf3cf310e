import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { activePartnerCondition } from '#functions/networks/store';
import { db, tableName } from '#shared/db/client';
import { failedTransactionItems, isConditionFailed } from '#shared/db/errors';
import { networkPk } from '#shared/db/keys';
import { queryAll } from '#shared/db/query';
import { withConflictRetry } from '#shared/db/retry';
import type { TransactItem } from '#shared/db/transact';
import { setExpression } from '#shared/db/update';
import { ConflictError, ForbiddenError, NotFoundError } from '#shared/http/errors';
import type { Allocation } from './pool';
import { Line, Pool, type PoolStatus } from './schema';

const VERSION = 1;
/** Key parts must not contain the separator; ids are validated by the schemas before this. */
export const poolKeys = {
  pool: (networkId: string, poolId: string) => ({ pk: networkPk(networkId), sk: `POOL#${poolId}` }),
  line: (networkId: string, poolId: string, partnerId: string) => ({
    pk: networkPk(networkId),
    sk: `POOL#${poolId}#LINE#${partnerId}`,
  }),
  /** gsi1: pools of a network by state, by deadline. */
  byState: (networkId: string, status: PoolStatus) => `${networkPk(networkId)}#POOLS#${status}`,
  /** The per-network, per-year counter of order numbers. */
  orderSequence: (networkId: string, year: number) => ({ pk: networkPk(networkId), sk: `POOLSEQ#${year}` }),
  /** gsi2: a partner's pool lines (its purchase history), oldest pool first. */
  purchases: (networkId: string, partnerId: string) => `${networkPk(networkId)}#PURCHASES#${partnerId}`,
};

const stateIndex = (networkId: string, p: Pick<Pool, 'id' | 'status' | 'deadline'>) => ({
  gsi1pk: poolKeys.byState(networkId, p.status),
  gsi1sk: `${p.deadline}#${p.id}`,
});

/** Transaction conflicts on the pool item are retried with jittered backoff, bounded (then 429). */
const retryConflicts = <T>(run: () => Promise<T>) => withConflictRetry(run);

// ---- pools --------------------------------------------------------------------------------

/**
 * The next order number of the network's year (`HHN-B-2027-0007`: the network's reference prefix,
 * so a supplier of several networks can tell them apart; `B` for Bestellung, one letter so no
 * subject parser takes it for an inquiry reference), by one atomic ADD like inquiry references:
 * concurrent opens get distinct numbers without reading first. A number whose pool is then not
 * created (its schedule failed) is skipped, which a supplier never notices.
 */
export async function nextOrderNumber(networkId: string, prefix: string, year: number): Promise<string> {
  const out = await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: poolKeys.orderSequence(networkId, year),
      UpdateExpression: 'ADD seq :one SET entity = :entity, v = :v',
      ExpressionAttributeValues: { ':one': 1, ':entity': 'pool-sequence', ':v': VERSION },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return `${prefix}-B-${year}-${String(Number(out.Attributes?.seq)).padStart(4, '0')}`;
}

export async function createPool(networkId: string, pool: Pool): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...poolKeys.pool(networkId, pool.id),
        ...stateIndex(networkId, pool),
        entity: 'pool',
        v: VERSION,
        ...pool,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** Removes a pool that was just created (its schedule could not be created). */
export async function deleteNewPool(networkId: string, poolId: string): Promise<void> {
  await db.send(
    new DeleteCommand({
      TableName: tableName,
      Key: poolKeys.pool(networkId, poolId),
      ConditionExpression: 'participants = :zero',
      ExpressionAttributeValues: { ':zero': 0 },
    }),
  );
}

export async function getPool(networkId: string, poolId: string): Promise<Pool | undefined> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: poolKeys.pool(networkId, poolId), ConsistentRead: true }),
  );
  return out.Item ? Pool.parse(out.Item) : undefined;
}

/** The pool and all its lines: one strongly consistent Query over the pool's sort-key range. */
export async function getPoolWithLines(
  networkId: string,
  poolId: string,
): Promise<{ pool: Pool; lines: Line[] } | undefined> {
  const { pk, sk } = poolKeys.pool(networkId, poolId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': pk, ':from': sk, ':to': `${sk}#~` },
    ConsistentRead: true,
  });
  const poolItem = items.find((i) => i.entity === 'pool');
  if (!poolItem) return undefined;
  return {
    pool: Pool.parse(poolItem),
    lines: items.filter((i) => i.entity === 'line').map((i) => Line.parse(i)),
  };
}

/** One partner's line in a pool, if it joined. */
export async function getLine(
  networkId: string,
  poolId: string,
  partnerId: string,
): Promise<Line | undefined> {
  const out = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: poolKeys.line(networkId, poolId, partnerId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? Line.parse(out.Item) : undefined;
}

/** Pools of a network in one state, by deadline: one Query on gsi1. */
export async function listPools(networkId: string, status: PoolStatus): Promise<Pool[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': poolKeys.byState(networkId, status) },
  });
  return items.map((i) => Pool.parse(i));
}

/**
 * Closed pools whose deadline is at or after `since` (UTC ISO-8601), for reports (pool savings
 * in a period; a pool closes at its deadline or earlier): one Query on gsi1.
 */
export async function listClosedPoolsSince(networkId: string, since: string): Promise<Pool[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
    ExpressionAttributeValues: { ':pk': poolKeys.byState(networkId, 'closed'), ':since': since },
  });
  return items.map((i) => Pool.parse(i));
}

/** A partner's lines in all pools: one Query on gsi2. */
export async function listPartnerLines(networkId: string, partnerId: string): Promise<Line[]> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': poolKeys.purchases(networkId, partnerId) },
  });
  return items.map((i) => Line.parse(i));
}

/** Several pools of one network by id: BatchGetItem, 100 keys per request. */
export async function getPools(networkId: string, poolIds: string[]): Promise<Pool[]> {
  const pools: Pool[] = [];
  for (let i = 0; i < poolIds.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = poolIds
      .slice(i, i + 100)
      .map((id) => poolKeys.pool(networkId, id));
    while (keys && keys.length > 0) {
      const out: BatchGetCommandOutput = await db.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      pools.push(...(out.Responses?.[tableName] ?? []).map((p) => Pool.parse(p)));
      keys = out.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return pools;
}

// ---- participation: join, change, withdraw (transactional with the pool total) ------------

/** The pool side of every participation transaction: the total moves only while it is open. */
function poolUpdate(
  networkId: string,
  poolId: string,
  delta: number,
  participantsDelta: number,
  now: string,
) {
  const values: Record<string, unknown> = {
    ':delta': delta,
    ':pd': participantsDelta,
    ':open': 'open',
    ':now': now,
  };
  return {
    Update: {
      TableName: tableName,
      Key: poolKeys.pool(networkId, poolId),
      UpdateExpression: 'ADD totalQuantity :delta, participants :pd SET updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND #status = :open AND deadline > :now',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    },
  };
}

/** Why the pool side of a transaction failed, in words a partner understands. */
async function poolRefusal(
  networkId: string,
  poolId: string,
  now: string,
  cause: unknown,
  joiningPartnerId?: string,
): Promise<never> {
  const pool = await getPool(networkId, poolId);
  // a pool the partner may not join answers like one that does not exist
  if (
    !pool ||
    (joiningPartnerId && pool.eligiblePartnerIds && !pool.eligiblePartnerIds.includes(joiningPartnerId))
  )
    throw new NotFoundError('pool');
  if (pool.status !== 'open')
    throw new ConflictError(`the pool is ${pool.status}; quantities can no longer change`, [], { cause });
  if (pool.deadline <= now)
    throw new ConflictError(`the pool's deadline ${pool.deadline} has passed`, [], { cause });
  throw new ConflictError('the pool changed meanwhile, try again', [], { cause });
}

/**
 * Joins a partner with a quantity in one transaction: the pool total grows (only while the pool
 * is open, before its deadline, and if the partner is eligible), the line is created (once), and
 * the partner must be active. Nothing is read before, so a join is one round trip.
 */
export async function joinPool(networkId: string, line: Line, now: string): Promise<void> {
  const pool = poolUpdate(networkId, line.poolId, line.quantity, 1, now);
  pool.Update.ConditionExpression +=
    ' AND (attribute_not_exists(eligiblePartnerIds) OR contains(eligiblePartnerIds, :partnerId))';
  pool.Update.ExpressionAttributeValues[':partnerId'] = line.partnerId;
  try {
    await retryConflicts(() =>
      db.send(
        new TransactWriteCommand({
          TransactItems: [
            pool,
            {
              Put: {
                TableName: tableName,
                Item: {
                  ...poolKeys.line(networkId, line.poolId, line.partnerId),
                  gsi2pk: poolKeys.purchases(networkId, line.partnerId),
                  gsi2sk: `POOL#${line.poolId}`,
                  entity: 'line',
                  v: VERSION,
                  ...line,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            activePartnerCondition(networkId, line.partnerId),
          ],
        }),
      ),
    );
  } catch (err) {
    const failed = failedTransactionItems(err);
    if (failed.includes(0)) await poolRefusal(networkId, line.poolId, now, err, line.partnerId);
    if (failed.includes(1)) {
      throw new ConflictError(
        'you joined this pool already; change your quantity with PATCH /pools/{poolId}/lines/{partnerId}',
        [{ path: 'quantity', message: 'already joined', code: 'exists' }],
        { cause: err },
      );
    }
    if (failed.includes(2)) throw new ForbiddenError('only active partners of the network can join pools');
    throw err;
  }
}

/**
 * Sets a partner's quantity. Optimistic on the line (its quantity must still be the one read), so
 * the pool total moves by exactly the difference; a lost race on the line re-reads and retries.
 */
export async function changeQuantity(
  networkId: string,
  poolId: string,
  partnerId: string,
  quantity: number,
  now: string,
): Promise<Line> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const line = await getLine(networkId, poolId, partnerId);
    if (!line) throw new NotFoundError('your line in this pool');
    if (line.quantity === quantity) return line;
    try {
      await retryConflicts(() =>
        db.send(
          new TransactWriteCommand({
            TransactItems: [
              poolUpdate(networkId, poolId, quantity - line.quantity, 0, now),
              {
                Update: {
                  TableName: tableName,
                  Key: poolKeys.line(networkId, poolId, partnerId),
                  UpdateExpression: 'SET quantity = :q, updatedAt = :now',
                  ConditionExpression: 'quantity = :seen',
                  ExpressionAttributeValues: { ':q': quantity, ':seen': line.quantity, ':now': now },
                },
              },
            ],
          }),
        ),
      );
      return { ...line, quantity, updatedAt: now };
    } catch (err) {
      const failed = failedTransactionItems(err);
      if (failed.includes(0)) await poolRefusal(networkId, poolId, now, err);
      if (!failed.includes(1)) throw err;
      // the line changed or was withdrawn meanwhile: read again
    }
  }
  throw new ConflictError('your line keeps changing meanwhile, try again');
}

/** Withdraws a partner: its line goes, the pool total shrinks by its quantity, atomically. */
export async function withdraw(
  networkId: string,
  poolId: string,
  partnerId: string,
  now: string,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const line = await getLine(networkId, poolId, partnerId);
    if (!line) throw new NotFoundError('your line in this pool');
    try {
      await retryConflicts(() =>
        db.send(
          new TransactWriteCommand({
            TransactItems: [
              poolUpdate(networkId, poolId, -line.quantity, -1, now),
              {
                Delete: {
                  TableName: tableName,
                  Key: poolKeys.line(networkId, poolId, partnerId),
                  ConditionExpression: 'quantity = :seen',
                  ExpressionAttributeValues: { ':seen': line.quantity },
                },
              },
            ],
          }),
        ),
      );
      return;
    } catch (err) {
      const failed = failedTransactionItems(err);
      if (failed.includes(0)) await poolRefusal(networkId, poolId, now, err);
      if (!failed.includes(1)) throw err;
    }
  }
  throw new ConflictError('your line keeps changing meanwhile, try again');
}

/**
 * Claims the "tier reached" e-mail for `tier`: only the first caller to raise `tierNotified` to
 * it wins, so concurrent joins crossing the same boundary mail once.
 */
export async function claimTierNotice(networkId: string, poolId: string, tier: number): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: poolKeys.pool(networkId, poolId),
        UpdateExpression: 'SET tierNotified = :t',
        ConditionExpression: '#status = :open AND tierNotified < :t',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':t': tier, ':open': 'open' },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

// ---- lifecycle: deadline, cancel, close ---------------------------------------------------

/** The conditional update that moves a pool from `from` and sets `patch`. */
function transitionUpdate(
  networkId: string,
  poolId: string,
  from: PoolStatus,
  patch: Record<string, unknown>,
) {
  const set = setExpression(patch);
  return {
    TableName: tableName,
    Key: poolKeys.pool(networkId, poolId),
    UpdateExpression: set.UpdateExpression,
    ConditionExpression: '#status = :from',
    ExpressionAttributeNames: { ...set.ExpressionAttributeNames, '#status': 'status' },
    ExpressionAttributeValues: { ...set.ExpressionAttributeValues, ':from': from },
  };
}

async function transition(
  networkId: string,
  poolId: string,
  from: PoolStatus,
  patch: Record<string, unknown>,
): Promise<Pool | undefined> {
  try {
    const out = await db.send(
      new UpdateCommand({
        ...transitionUpdate(networkId, poolId, from, patch),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Pool.parse(out.Attributes);
  } catch (err) {
    if (isConditionFailed(err)) return undefined;
    throw err;
  }
}

/** Moves the deadline of an open pool (and its place in the by-state index). */
export function updateDeadline(networkId: string, pool: Pool, deadline: string, now: string) {
  return transition(networkId, pool.id, 'open', {
    deadline,
    updatedAt: now,
    ...stateIndex(networkId, { ...pool, deadline }),
  });
}

/** open → cancelled, with the reason; undefined if the pool was not open. */
export function cancelPool(networkId: string, pool: Pool, reason: string, now: string) {
  return transition(networkId, pool.id, 'open', {
    status: 'cancelled',
    cancelReason: reason,
    closedAt: now,
    updatedAt: now,
    ...stateIndex(networkId, { ...pool, status: 'cancelled' }),
  });
}

/**
 * open → closing: from here on no join, change or withdraw lands (their transactions require
 * `open`), so the lines read afterwards are final. Undefined if the pool was not open.
 */
export function beginClosing(networkId: string, pool: Pool, trigger: 'deadline' | 'early', now: string) {
  return transition(networkId, pool.id, 'open', {
    status: 'closing',
    closeTrigger: trigger,
    updatedAt: now,
    ...stateIndex(networkId, { ...pool, status: 'closing' }),
  });
}

/** How many `extra` items finishClosing's transaction takes (DynamoDB's limit is 100 in all). */
export const FINISH_EXTRA_MAX = 99;

/**
 * closing → closed (with the allocation) or cancelled (with the reason), in ONE transaction with
 * the `extra` items (at most FINISH_EXTRA_MAX: the queued mails that tell of it), so exactly one
 * caller wins this transition and its mails go out even if it dies right after. Undefined if
 * someone else finished the close first.
 */
export async function finishClosing(
  networkId: string,
  pool: Pool,
  outcome: { status: 'closed'; allocation: Allocation } | { status: 'cancelled'; reason: string },
  now: string,
  extra: TransactItem[] = [],
): Promise<Pool | undefined> {
  if (extra.length > FINISH_EXTRA_MAX)
    throw new Error(`finishClosing takes at most ${FINISH_EXTRA_MAX} items`);
  const update = transitionUpdate(networkId, pool.id, 'closing', {
    status: outcome.status,
    closedAt: now,
    updatedAt: now,
    ...(outcome.status === 'closed' ? { allocation: outcome.allocation } : { cancelReason: outcome.reason }),
    ...stateIndex(networkId, { ...pool, status: outcome.status }),
  });
  try {
    await retryConflicts(() =>
      db.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, ...extra] })),
    );
  } catch (err) {
    if (failedTransactionItems(err).includes(0)) return undefined;
    throw err;
  }
  return getPool(networkId, pool.id);
}
