import { createHash } from 'node:crypto';
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { isConditionFailed } from '#shared/db/errors';
import { networkPk } from '#shared/db/keys';
import { queryPrefix } from '#shared/db/query';
import type { TransactItem } from '#shared/db/transact';
import { nowIso } from '#shared/time';
import { type PendingNotice, Preference } from './schema';

const VERSION = 1;
/** How many pending notices one summary carries (one transaction: the mail and their deletes). */
export const SUMMARY_MAX = 99;

/** A person's key part: a digest of the lower-cased address (addresses may hold any character). */
export const personKey = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 20);

const prefKey = (networkId: string, email: string) => ({
  pk: networkPk(networkId),
  sk: `NOTIFYPREF#${personKey(email)}`,
});
const pendingPrefix = (email: string) => `NOTIFYDAY#${personKey(email)}#`;

/** Everyone's choice in the network (one Query: `pk = NET#n, begins_with(sk, NOTIFYPREF#)`). */
export async function listPreferences(networkId: string): Promise<Preference[]> {
  const items = await queryPrefix(networkPk(networkId), 'NOTIFYPREF#');
  return items.map((i) => Preference.parse(i));
}

/** Sets one person's choice (a plain Put: the last choice wins). */
export async function putPreference(networkId: string, pref: Omit<Preference, 'updatedAt'>) {
  const item: Preference = { ...pref, updatedAt: nowIso() };
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...prefKey(networkId, pref.email), entity: 'notify-pref', v: VERSION, ...item },
    }),
  );
  return item;
}

/**
 * A notice kept for the person's daily summary. Its sort key holds the notice's own key, so the
 * same event (a redelivered mail, a retried close) is kept once.
 */
export function pendingItem(
  networkId: string,
  email: string,
  noticeKey: string,
  notice: PendingNotice,
): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: networkPk(networkId),
        sk: `${pendingPrefix(email)}${notice.at}#${noticeKey}`,
        entity: 'notify-pending',
        v: VERSION,
        ...notice,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A person's pending notices, oldest first (`begins_with(sk, NOTIFYDAY#<person>#)`), at most SUMMARY_MAX. */
export async function listPending(
  networkId: string,
  email: string,
): Promise<(PendingNotice & { sk: string })[]> {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': networkPk(networkId), ':prefix': pendingPrefix(email) },
      Limit: SUMMARY_MAX,
    }),
  );
  return (out.Items ?? []).map((i) => ({
    sk: String(i.sk),
    kind: String(i.kind),
    line: String(i.line),
    at: String(i.at),
  }));
}

/**
 * Writes notice items. Each is conditional (a deterministic id), so one that exists already was
 * queued by an earlier attempt: the others are written one by one then.
 */
export async function writeNotices(items: TransactItem[]): Promise<number> {
  if (items.length === 0) return 0;
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return items.length;
  } catch (err) {
    if (!(err instanceof Error) || err.name !== 'TransactionCanceledException') throw err;
  }
  let written = 0;
  for (const item of items) {
    try {
      await db.send(new PutCommand(item.Put as ConstructorParameters<typeof PutCommand>[0]));
      written++;
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
  }
  return written;
}

/** The summary mail and the deletion of what it summarises, in one transaction; false if sent today already. */
export async function sendSummary(
  networkId: string,
  mailItem: TransactItem,
  pending: { sk: string }[],
): Promise<boolean> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          mailItem,
          ...pending.map((p) => ({
            Delete: { TableName: tableName, Key: { pk: networkPk(networkId), sk: p.sk } },
          })),
        ],
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof Error && err.name === 'TransactionCanceledException') return false;
    throw err;
  }
}
