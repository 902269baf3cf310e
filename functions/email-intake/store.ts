import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { db, tableName } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import { isConditionFailed } from '#shared/db/errors';
import { networkPk } from '#shared/db/keys';
import type { TransactItem } from '#shared/db/transact';
import { ConflictError, NotFoundError } from '#shared/http/errors';

const VERSION = 1;

/** A claim older than this belongs to an invocation that died (Lambda timeout is 60 s). */
export const STALE_CLAIM_SECONDS = 90;

export const MailState = z.enum(['claimed', 'inquiry', 'message', 'quarantined']);
export type MailState = z.infer<typeof MailState>;

export const QuarantineReason = z.enum(['virus', 'spam', 'oversize', 'malformed', 'no-sender', 'bounce']);
export type QuarantineReason = z.infer<typeof QuarantineReason>;

/** One received message in one network: where it ended, and where its raw source is. */
export const MailRecord = z.object({
  mailId: z.string(),
  state: MailState,
  rawKey: z.string(),
  size: z.number(),
  receivedAt: z.string(),
  envelopeFrom: z.optional(z.string()),
  recipients: z.array(z.string()),
  from: z.optional(z.object({ name: z.string(), address: z.string() })),
  subject: z.string(),
  messageId: z.optional(z.string()),
  inquiryId: z.optional(z.string()),
  quarantine: z.optional(z.object({ reason: QuarantineReason, detail: z.string() })),
  releasedBy: z.optional(z.string()),
});
export type MailRecord = z.infer<typeof MailRecord>;

/** An inbound message no network's address matched (kept for the operator). */
export const UnroutableMail = z.object({
  mailId: z.string(),
  rawKey: z.string(),
  size: z.number(),
  receivedAt: z.string(),
  envelopeFrom: z.optional(z.string()),
  recipients: z.array(z.string()),
  from: z.optional(z.object({ name: z.string(), address: z.string() })),
  subject: z.string(),
});
export type UnroutableMail = z.infer<typeof UnroutableMail>;

export const mailKeys = {
  mail: (networkId: string, mailId: string) => ({ pk: networkPk(networkId), sk: `INQMAIL#${mailId}` }),
  /** gsi1: the network's quarantine, newest first. */
  quarantineIndex: (networkId: string) => `${networkPk(networkId)}#INQQUAR`,
  /**
   * Documented exception to the NET# rule: mail that reached no network belongs to no tenant.
   * Only the operator reads it; one partition per month keeps partitions bounded.
   */
  unroutable: (month: string, mailId: string) => ({ pk: `OPS#UNROUTABLE#${month}`, sk: `MAIL#${mailId}` }),
};

const epoch = () => Math.floor(Date.now() / 1000);

/**
 * Claims a received message for processing in this network: a conditional put on its identity.
 * Returns false when it was claimed before (a redelivery, or the same event delivered
 * concurrently), so the message is processed once. A claim left by a crashed invocation may be
 * taken over once it is stale.
 */
export async function claimMail(
  networkId: string,
  record: Omit<MailRecord, 'state'>,
  token: string,
): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...mailKeys.mail(networkId, record.mailId),
          entity: 'inbound-mail',
          v: VERSION,
          ...record,
          state: 'claimed',
          claimToken: token,
          claimedAt: epoch(),
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':claimed': 'claimed', ':stale': epoch() - STALE_CLAIM_SECONDS },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

/** Gives up a claim after a failure, so the next delivery attempt may take it over at once. */
export async function abandonClaim(networkId: string, mailId: string, token: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: mailKeys.mail(networkId, mailId),
      UpdateExpression: 'SET claimedAt = :zero',
      ConditionExpression: 'claimToken = :token',
      ExpressionAttributeValues: { ':zero': 0, ':token': token },
    }),
  );
}

/** ONE transaction entry that settles a claimed message (only by the holder of the claim). */
export function settleMailItem(
  networkId: string,
  mailId: string,
  token: string,
  outcome: { state: 'inquiry' | 'message'; inquiryId: string },
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: mailKeys.mail(networkId, mailId),
      UpdateExpression: 'SET #state = :state, inquiryId = :inquiryId REMOVE claimToken, gsi1pk, gsi1sk',
      ConditionExpression: 'claimToken = :token',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':state': outcome.state,
        ':inquiryId': outcome.inquiryId,
        ':token': token,
      },
    },
  };
}

/** Puts a claimed message into the network's quarantine (reviewable, releasable). */
export async function quarantineMail(
  networkId: string,
  mailId: string,
  token: string,
  quarantine: { reason: QuarantineReason; detail: string },
  receivedAt: string,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: mailKeys.mail(networkId, mailId),
      UpdateExpression:
        'SET #state = :state, quarantine = :q, gsi1pk = :g1pk, gsi1sk = :g1sk REMOVE claimToken',
      ConditionExpression: 'claimToken = :token',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':state': 'quarantined',
        ':q': quarantine,
        ':g1pk': mailKeys.quarantineIndex(networkId),
        ':g1sk': `${receivedAt}#${mailId}`,
        ':token': token,
      },
    }),
  );
}

export async function getMailRecord(networkId: string, mailId: string): Promise<MailRecord | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: mailKeys.mail(networkId, mailId) }));
  return out.Item ? MailRecord.parse(out.Item) : undefined;
}

/** A page of the network's quarantine, newest first. */
export async function listQuarantine(
  networkId: string,
  opts: { limit?: number; cursor?: string },
): Promise<{ items: MailRecord[]; cursor?: string }> {
  const pk = mailKeys.quarantineIndex(networkId);
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: opts.limit ?? 25,
      ExclusiveStartKey: decodeCursor(opts.cursor, { index: 'gsi1', partition: pk }),
    }),
  );
  return {
    items: (out.Items ?? []).map((i) => MailRecord.parse(i)),
    cursor: encodeCursor(out.LastEvaluatedKey),
  };
}

/**
 * The coordinator releases a quarantined message: it is claimed again for processing, by one
 * caller only (two concurrent releases give one 200 and one 409).
 */
export async function claimForRelease(
  networkId: string,
  mailId: string,
  token: string,
  by: string,
): Promise<MailRecord> {
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: mailKeys.mail(networkId, mailId),
        UpdateExpression: 'SET #state = :claimed, claimToken = :token, claimedAt = :now, releasedBy = :by',
        ConditionExpression:
          'attribute_exists(pk) AND (#state = :quarantined OR (#state = :claimed AND claimedAt < :stale))',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':claimed': 'claimed',
          ':quarantined': 'quarantined',
          ':token': token,
          ':now': epoch(),
          ':stale': epoch() - STALE_CLAIM_SECONDS,
          ':by': by,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return MailRecord.parse(out.Attributes);
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    const seen = await getMailRecord(networkId, mailId);
    if (!seen) throw new NotFoundError('quarantined message');
    throw new ConflictError(`the message is not in quarantine (it ended as ${seen.state})`, [
      { path: 'mailId', message: `not in quarantine: ${seen.state}`, code: 'not_quarantined' },
    ]);
  }
}

// ---- unroutable (operator) -----------------------------------------------------------------

/** Keeps a message that reached no network; false when this very message is kept already. */
export async function keepUnroutable(month: string, mail: UnroutableMail): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...mailKeys.unroutable(month, mail.mailId), entity: 'unroutable-mail', v: VERSION, ...mail },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

export async function getUnroutable(month: string, mailId: string): Promise<UnroutableMail | undefined> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: mailKeys.unroutable(month, mailId) }),
  );
  return out.Item ? UnroutableMail.parse(out.Item) : undefined;
}

/** A page of one month's unroutable mail (in identity order; the page is sorted newest first). */
export async function listUnroutable(
  month: string,
  opts: { limit?: number; cursor?: string },
): Promise<{ items: UnroutableMail[]; cursor?: string }> {
  const { pk } = mailKeys.unroutable(month, 'x');
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      Limit: opts.limit ?? 50,
      ExclusiveStartKey: decodeCursor(opts.cursor, { partition: pk }),
    }),
  );
  const items = (out.Items ?? []).map((i) => UnroutableMail.parse(i));
  items.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  return { items, cursor: encodeCursor(out.LastEvaluatedKey) };
}
