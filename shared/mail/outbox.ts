/**
 * The transactional mail outbox. Code that mails does not send: it writes a `mail-out` item
 * (status `queued`) in the same transaction as the change the mail is about, or right after it.
 * The table's stream hands each new item to the consumer (functions/mail/send-queued.handler.ts),
 * which composes and sends it through `sendMail` and marks it `sent`. So a Lambda that dies after
 * its write still gets its mail out, a slow mail server never fails a user's request, and the HTTP
 * functions bundle neither nodemailer nor the SES client. Delivery is at least once: a consumer
 * that sent but could not mark the item may send it again on the retry.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { db, tableName } from '#shared/db/client';
import { isConditionFailed } from '#shared/db/errors';
import { networkPk } from '#shared/db/keys';
import { newId } from '#shared/ids';
import { nowIso } from '#shared/time';
import type { OutgoingMail } from './compose';
import { loadMailConfig } from './config';
import { newMessageId } from './message-id';

const VERSION = 1;
export const MAIL_OUT_ENTITY = 'mail-out';
/** How long a mail item is kept (sent or not) before DynamoDB's TTL removes it. */
export const MAIL_OUT_TTL_DAYS = 90;
export const MAIL_OUT_PREFIX = 'MAILOUT#';

/** `NET#<networkId>` / `MAILOUT#<id>`: the network's partition, so tenancy holds for mail too. */
export function mailOutKey(networkId: string, id: string) {
  if (id.length === 0 || id.length > 200 || id.includes('#')) {
    throw new Error(`invalid mail id: ${JSON.stringify(id)}`);
  }
  return { pk: networkPk(networkId), sk: `${MAIL_OUT_PREFIX}${id}` };
}

const Address = z.object({ name: z.optional(z.string()), address: z.string() });

/** An OutgoingMail as stored: attachments as text, binary ones base64-encoded. */
const StoredMail = z.object({
  from: Address,
  to: z.array(Address),
  cc: z.optional(z.array(Address)),
  replyTo: z.optional(Address),
  subject: z.string(),
  text: z.string(),
  html: z.optional(z.string()),
  inReplyTo: z.optional(z.string()),
  references: z.optional(z.array(z.string())),
  headers: z.optional(z.record(z.string(), z.string())),
  attachments: z.optional(
    z.array(
      z.object({
        filename: z.string(),
        contentType: z.string(),
        content: z.string(),
        encoding: z.optional(z.literal('base64')),
      }),
    ),
  ),
});
type StoredMail = z.infer<typeof StoredMail>;

/** The `mail-out` item, parsed wherever it is read back (the stream image, a GetItem). */
export const QueuedMail = z.object({
  pk: z.string(),
  sk: z.string(),
  entity: z.literal(MAIL_OUT_ENTITY),
  v: z.number(),
  id: z.string(),
  networkId: z.string(),
  status: z.enum(['queued', 'sent']),
  messageId: z.string(),
  mail: StoredMail,
  createdAt: z.string(),
  expiresAt: z.number(),
  sentAt: z.optional(z.string()),
  receipt: z.optional(z.string()),
});
export type QueuedMail = z.infer<typeof QueuedMail>;

function toStored(mail: OutgoingMail): StoredMail {
  const { attachments, ...rest } = mail;
  return {
    ...rest,
    ...(attachments
      ? {
          attachments: attachments.map((a) =>
            typeof a.content === 'string'
              ? { filename: a.filename, contentType: a.contentType, content: a.content }
              : {
                  filename: a.filename,
                  contentType: a.contentType,
                  content: Buffer.from(a.content).toString('base64'),
                  encoding: 'base64' as const,
                },
          ),
        }
      : {}),
  };
}

/** The stored mail as the composer takes it (base64 attachments back to bytes). */
export function outgoingMailOf(item: QueuedMail): OutgoingMail {
  const { attachments, ...rest } = item.mail;
  return {
    ...rest,
    ...(attachments
      ? {
          attachments: attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.encoding === 'base64' ? Buffer.from(a.content, 'base64') : a.content,
          })),
        }
      : {}),
  };
}

export interface QueueOptions {
  /**
   * The item's id; a new ULID by default. A caller that must not queue the same mail twice
   * passes a deterministic one (`ack-<inquiryId>`): the put is guarded by attribute_not_exists.
   */
  id?: string;
  /** The Message-ID to send with; computed now by default, so callers can store it for threading. */
  messageId?: string;
}

export interface QueuedMailPut {
  Put: {
    TableName: string;
    Item: QueuedMail;
    ConditionExpression: string;
  };
}

/**
 * ONE TransactWriteItems `Put` that queues `mail` for the network: put it into the transaction
 * that makes the change the mail is about. `Put.Item.messageId` is the Message-ID it will carry.
 */
export function queuedMailItem(
  networkId: string,
  mail: OutgoingMail,
  opts: QueueOptions = {},
): QueuedMailPut {
  const id = opts.id ?? newId();
  const domain = mail.from.address.split('@')[1] || loadMailConfig().domain;
  const createdAt = nowIso();
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...mailOutKey(networkId, id),
        entity: MAIL_OUT_ENTITY,
        v: VERSION,
        id,
        networkId,
        status: 'queued',
        messageId: opts.messageId ?? newMessageId(domain),
        mail: toStored(mail),
        createdAt,
        expiresAt: Math.floor(Date.parse(createdAt) / 1000) + MAIL_OUT_TTL_DAYS * 86_400,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Queues one mail with a single conditional Put, for callers without a transaction. Returns
 * `queued: false` when an item with the same (deterministic) id is there already.
 */
export async function queueMail(
  networkId: string,
  mail: OutgoingMail,
  opts: QueueOptions = {},
): Promise<{ id: string; messageId: string; queued: boolean }> {
  const { Put } = queuedMailItem(networkId, mail, opts);
  const result = { id: Put.Item.id, messageId: Put.Item.messageId };
  try {
    await db.send(new PutCommand(Put));
    return { ...result, queued: true };
  } catch (err) {
    if (isConditionFailed(err)) return { ...result, queued: false };
    throw err;
  }
}

/** A mail item as it is now (strongly consistent): the consumer checks it before sending. */
export async function getMailOut(networkId: string, id: string): Promise<QueuedMail | undefined> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: mailOutKey(networkId, id), ConsistentRead: true }),
  );
  return out.Item ? QueuedMail.parse(out.Item) : undefined;
}

/** queued → sent, with when and where it went. False if it was not queued any more. */
export async function markMailSent(networkId: string, id: string, receipt: string): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: mailOutKey(networkId, id),
        UpdateExpression: 'SET #status = :sent, sentAt = :at, receipt = :receipt',
        ConditionExpression: '#status = :queued',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':queued': 'queued',
          ':at': nowIso(),
          ':receipt': receipt,
        },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}
