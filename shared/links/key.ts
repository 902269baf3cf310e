import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { isConditionFailed } from '#shared/db/errors';
import { networkPk } from '#shared/db/keys';

/**
 * The network's one key for signed links in mails (a meeting's yes / no / maybe, a job part's
 * confirm / decline): 32 random bytes, base64url, in the item `NET#<networkId>` / `XLINKKEY`.
 * Each kind of link puts its own purpose into what it signs (mac.ts), so a token of one kind
 * never verifies as another.
 */
export const newLinkKey = () => randomBytes(32).toString('base64url');

const linkKeyKey = (networkId: string) => ({ pk: networkPk(networkId), sk: 'XLINKKEY' });

/**
 * The network's link key: read, or created once on first use (`attribute_not_exists`; of two
 * first uses at once the loser reads the winner's key). Without `create`, undefined when none.
 */
export async function linkKey(networkId: string, create: () => string): Promise<string>;
export async function linkKey(networkId: string): Promise<string | undefined>;
export async function linkKey(networkId: string, create?: () => string): Promise<string | undefined> {
  const read = async () =>
    (
      await db.send(
        new GetCommand({ TableName: tableName, Key: linkKeyKey(networkId), ConsistentRead: true }),
      )
    ).Item?.key as string | undefined;
  const found = await read();
  if (found || !create) return found;
  const key = create();
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...linkKeyKey(networkId), entity: 'x-link-key', v: 1, key },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return key;
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    return (await read())!;
  }
}
