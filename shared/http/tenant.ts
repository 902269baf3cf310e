import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { keys } from '#shared/db/keys';
import { NotFoundError } from './errors';

/**
 * Networks a warm function has seen exist. Networks are never deleted, so a positive answer
 * stays true; the cap only bounds memory in a long-lived process (the local runtime).
 */
const known = new Set<string>();
const MAX_KNOWN = 10_000;

/**
 * Refuses a token whose network does not exist (a token issued for a network that was never
 * created, or by a misconfigured user pool) before the handler runs, so no route writes items
 * under a partition that belongs to nobody. One strongly consistent GetItem per network and
 * warm function: a network created a moment ago is found.
 */
export async function assertNetworkExists(networkId: string): Promise<void> {
  if (known.has(networkId)) return;
  const out = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.network(networkId),
      ProjectionExpression: 'pk',
      ConsistentRead: true,
    }),
  );
  if (!out.Item) throw new NotFoundError('network');
  if (known.size >= MAX_KNOWN) known.clear();
  known.add(networkId);
}
