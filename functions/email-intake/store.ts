import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { db, tableName } from '#shared/db/client';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';
import { isConditionFailed } from '#shared/db/errors';
import { networkPk } from '#shared/db/keys';
import { staleBefore } from '#shared/db/stale';
import type { TransactItem } from '#shared/db/transact';
import { setExpression } from '#shared/db/update';
import { ConflictError, NotFoundError } from '#shared/http/errors';

const VERSION = 1;

/**
 * A claim older than this belongs to an invocation that died (Lambda timeout is 60 s); on a local
 * runtime restarted after a kill, any claim from before its start (shared/db/stale.ts).
 */
export const STALE_CLAIM_SECONDS = 90;
/** Processing attempts of one message before it is quarantined as `processing-failed`. */
export const MAX_ATTEMPTS = 5;

export const MailState = z.enum([
  'claimed',
  'inquiry',
  'message',
  'quarantined',
  'held',
  'rejected',
  'automatic',
  /** A partner's reply to an exchange mail, become an answer to its question. */
  'answer',
]);
export type MailState = z.infer<typeof MailState>;

export const QuarantineReason = z.enum([
  'virus',
  'spam',
  'oversize',
  'malformed',
  'no-sender',
  'bounce',
  'processing-failed',
  /** A reply to an exchange mail (`[Q-…]`) from an address that is no active partner's. */
  'not-a-partner',
  /** A reply to an exchange mail whose question takes no answers (locked, deleted, hidden, gone). */
  'thread-closed',
  /** A reply to an exchange mail with nothing left once the quoted mail is stripped. */
  'empty-answer',
]);
export type QuarantineReason = z.infer<typeof QuarantineReason>;

/**
 * Why a message waits for the coordinator instead of showing on its inquiry: its sender is not
 * a participant and it names only the (guessable) reference number, or DMARC says its From is
 * forged.
 */
export const HeldReason = z.enum(['stranger', 'dmarc-fail']);
export type HeldReason = z.infer<typeof HeldReason>;

/** SES receipt verdicts (`PASS`, `FAIL`, `GRAY`, `PROCESSING_FAILED`) and the sender's DMARC policy. */
export const Verdicts = z.object({
  spam: z.optional(z.string()),
  virus: z.optional(z.string()),
  spf: z.optional(z.string()),
  dkim: z.optional(z.string()),
  dmarc: z.optional(z.string()),
  dmarcPolicy: z.optional(z.string()),
});
export type Verdicts = z.infer<typeof Verdicts>;

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
  /** An answer by mail: the question and the answer it became. */
  postId: z.optional(z.string()),
  answerId: z.optional(z.string()),
  quarantine: z.optional(z.object({ reason: QuarantineReason, detail: z.string() })),
  releasedBy: z.optional(z.string()),
  /** SES verdicts, kept so that a retry from the raw source judges the message the same way. */
  verdicts: z.optional(Verdicts),
  /** Held for the coordinator: why, and the inquiry it would be added to. */
  held: z.optional(
    z.object({
      reason: HeldReason,
      detail: z.string(),
      inquiryId: z.optional(z.string()),
      reference: z.optional(z.string()),
    }),
  ),
  /** Automatic mail (auto-reply, list or bulk) that answers nothing of ours: what marked it. */
  automatic: z.optional(z.object({ kind: z.enum(['auto-reply', 'list']), reason: z.string() })),
  /** The coordinator who rejected a held message, and when. */
  rejectedBy: z.optional(z.string()),
  rejectedAt: z.optional(z.string()),
  /** Processing attempts so far (claims taken), and why the last one failed. */
  attempts: z.optional(z.number()),
  lastError: z.optional(z.string()),
});
export type MailRecord = z.infer<typeof MailRecord>;

/** The fields a delivery knows about a message before it is claimed. */
export type MailFacts = Omit<
  MailRecord,
  | 'state'
  | 'attempts'
  | 'lastError'
  | 'inquiryId'
  | 'quarantine'
  | 'held'
  | 'automatic'
  | 'rejectedBy'
  | 'rejectedAt'
>;

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
  /** gsi1: messages held for the coordinator's confirmation, newest first. */
  heldIndex: (networkId: string) => `${networkPk(networkId)}#INQHELD`,
  /** gsi1: automatic mail (auto-replies, lists) that answers nothing of ours, newest first. */
  automaticIndex: (networkId: string) => `${networkPk(networkId)}#INQAUTO`,
  /**
   * gsi2, documented exception to the NET# rule: the operator's view of mail that needs the
   * intake's attention across networks, which no per-network Query can give the sweeper. Only
   * in-flight claims (`OPS#INTAKE#CLAIMS`, by claim time) and messages quarantined as
   * `processing-failed` (`OPS#INTAKE#FAILED#<yyyy-mm>`) carry the keys, so it stays small.
   */
  claimsIndex: 'OPS#INTAKE#CLAIMS',
  claimSort: (claimedAt: number, networkId: string, mailId: string) =>
    `${String(claimedAt).padStart(10, '0')}#${networkId}#${mailId}`,
  failedIndex: (month: string) => `OPS#INTAKE#FAILED#${month}`,
  /**
   * Documented exception to the NET# rule: mail that reached no network belongs to no tenant.
   * Only the operator reads it; one partition per month keeps partitions bounded.
   */
  unroutable: (month: string, mailId: string) => ({ pk: `OPS#UNROUTABLE#${month}`, sk: `MAIL#${mailId}` }),
};

const epoch = () => Math.floor(Date.now() / 1000);

export type Claim =
  | { kind: 'claimed'; attempts: number; lastError?: string }
  | { kind: 'settled'; state: MailState }
  | { kind: 'in-flight' };

/**
 * Claims a received message for processing in this network: one conditional UpdateItem on its
 * identity, counting the attempt. A message claimed before is `settled` (a redelivery: nothing
 * to do) or `in-flight` (another invocation holds a fresh claim, or died holding it: the caller
 * fails temporarily so that SES, Lambda or the SMTP client retries, and the sweeper finishes a
 * claim that went stale). A stale claim is taken over.
 */
export async function claimMail(networkId: string, facts: MailFacts, token: string): Promise<Claim> {
  const now = epoch();
  const set = setExpression({
    entity: 'inbound-mail',
    v: VERSION,
    ...facts,
    state: 'claimed',
    claimToken: token,
    claimedAt: now,
    gsi2pk: mailKeys.claimsIndex,
    gsi2sk: mailKeys.claimSort(now, networkId, facts.mailId),
  });
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: mailKeys.mail(networkId, facts.mailId),
        UpdateExpression: `${set.UpdateExpression} ADD attempts :one`,
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND claimedAt < :stale)',
        ExpressionAttributeNames: { ...set.ExpressionAttributeNames, '#state': 'state' },
        ExpressionAttributeValues: {
          ...set.ExpressionAttributeValues,
          ':one': 1,
          ':claimed': 'claimed',
          ':stale': staleBefore(STALE_CLAIM_SECONDS, now),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const lastError = out.Attributes?.lastError as string | undefined;
    return { kind: 'claimed', attempts: Number(out.Attributes?.attempts ?? 1), lastError };
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    const seen = await getMailRecord(networkId, facts.mailId, true);
    return seen && seen.state !== 'claimed' ? { kind: 'settled', state: seen.state } : { kind: 'in-flight' };
  }
}

/**
 * Gives up a claim after a temporary failure: the next delivery attempt, or the sweeper, may take
 * it over at once; the error is kept for the operator.
 */
export async function abandonClaim(
  networkId: string,
  mailId: string,
  token: string,
  error: string,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: mailKeys.mail(networkId, mailId),
      UpdateExpression: 'SET claimedAt = :zero, gsi2sk = :sort, lastError = :error',
      ConditionExpression: 'claimToken = :token',
      ExpressionAttributeValues: {
        ':zero': 0,
        ':sort': mailKeys.claimSort(0, networkId, mailId),
        ':error': error.slice(0, 1000),
        ':token': token,
      },
    }),
  );
}

/** Claims that went stale (their invocation died or gave up), oldest first: one Query on gsi2. */
export async function staleClaims(limit: number): Promise<(MailRecord & { networkId: string })[]> {
  const bound = mailKeys.claimSort(staleBefore(STALE_CLAIM_SECONDS), '', '');
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :bound',
      ExpressionAttributeValues: { ':pk': mailKeys.claimsIndex, ':bound': bound },
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => ({
    ...MailRecord.parse(i),
    networkId: String(i.pk).slice('NET#'.length),
  }));
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
      UpdateExpression:
        'SET #state = :state, inquiryId = :inquiryId REMOVE claimToken, lastError, gsi1pk, gsi1sk, gsi2pk, gsi2sk',
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

/** Settles a claimed message as an answer to an exchange question (in the answer's transaction). */
export function settleMailAsAnswer(
  networkId: string,
  mailId: string,
  token: string,
  outcome: { postId: string; answerId: string },
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: mailKeys.mail(networkId, mailId),
      UpdateExpression:
        'SET #state = :state, postId = :postId, answerId = :answerId REMOVE claimToken, lastError, gsi1pk, gsi1sk, gsi2pk, gsi2sk',
      ConditionExpression: 'claimToken = :token',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':state': 'answer',
        ':postId': outcome.postId,
        ':answerId': outcome.answerId,
        ':token': token,
      },
    },
  };
}

/**
 * Puts a claimed message into the network's quarantine (reviewable, releasable). A message that
 * failed processing is also listed for the operator (gsi2, by month).
 */
export async function quarantineMail(
  networkId: string,
  mailId: string,
  token: string,
  quarantine: { reason: QuarantineReason; detail: string },
  receivedAt: string,
): Promise<void> {
  const failed = quarantine.reason === 'processing-failed';
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: mailKeys.mail(networkId, mailId),
      UpdateExpression: failed
        ? 'SET #state = :state, quarantine = :q, gsi1pk = :g1pk, gsi1sk = :g1sk, gsi2pk = :g2pk, gsi2sk = :g1sk, attempts = :zero REMOVE claimToken'
        : 'SET #state = :state, quarantine = :q, gsi1pk = :g1pk, gsi1sk = :g1sk, attempts = :zero REMOVE claimToken, gsi2pk, gsi2sk',
      ConditionExpression: 'claimToken = :token',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':state': 'quarantined',
        ':q': quarantine,
        ':g1pk': mailKeys.quarantineIndex(networkId),
        ':g1sk': `${receivedAt}#${mailId}`,
        ':zero': 0,
        ':token': token,
        ...(failed ? { ':g2pk': mailKeys.failedIndex(receivedAt.slice(0, 7)) } : {}),
      },
    }),
  );
}

/** Messages of one month that failed processing, in every network (operator), newest first. */
export async function listProcessingFailed(
  month: string,
  limit = 100,
): Promise<{ networkId: string; mailId: string; receivedAt: string; subject: string; detail: string }[]> {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': mailKeys.failedIndex(month) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => {
    const r = MailRecord.parse(i);
    return {
      networkId: String(i.pk).slice('NET#'.length),
      mailId: r.mailId,
      receivedAt: r.receivedAt,
      subject: r.subject,
      detail: r.quarantine?.detail ?? '',
    };
  });
}

export async function getMailRecord(
  networkId: string,
  mailId: string,
  consistent = false,
): Promise<MailRecord | undefined> {
  const out = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: mailKeys.mail(networkId, mailId),
      ConsistentRead: consistent,
    }),
  );
  return out.Item ? MailRecord.parse(out.Item) : undefined;
}

/** A page of the network's quarantine, newest first. */
export function listQuarantine(networkId: string, opts: { limit?: number; cursor?: string }) {
  return listByIndex(mailKeys.quarantineIndex(networkId), opts);
}

/** A page of the messages held for the coordinator's confirmation, newest first. */
export function listHeld(networkId: string, opts: { limit?: number; cursor?: string }) {
  return listByIndex(mailKeys.heldIndex(networkId), opts);
}

async function listByIndex(
  pk: string,
  opts: { limit?: number; cursor?: string },
): Promise<{ items: MailRecord[]; cursor?: string }> {
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

/** A page of the automatic mail kept apart from the inquiries, newest first. */
export function listAutomatic(networkId: string, opts: { limit?: number; cursor?: string }) {
  return listByIndex(mailKeys.automaticIndex(networkId), opts);
}

/**
 * Keeps a claimed automatic message (an auto-reply or list mail that answers nothing of ours)
 * as its own kind: listed on gsi1, no inquiry, no reference number, no acknowledgement.
 */
export async function keepAutomatic(
  networkId: string,
  mailId: string,
  token: string,
  automatic: NonNullable<MailRecord['automatic']>,
  receivedAt: string,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: mailKeys.mail(networkId, mailId),
      UpdateExpression:
        'SET #state = :state, automatic = :auto, gsi1pk = :g1pk, gsi1sk = :g1sk, attempts = :zero REMOVE claimToken, gsi2pk, gsi2sk',
      ConditionExpression: 'claimToken = :token',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':state': 'automatic',
        ':auto': automatic,
        ':g1pk': mailKeys.automaticIndex(networkId),
        ':g1sk': `${receivedAt}#${mailId}`,
        ':zero': 0,
        ':token': token,
      },
    }),
  );
}

/**
 * Holds a claimed message for the coordinator (listed on gsi1 until confirmed or rejected); it
 * is on no inquiry's timeline meanwhile.
 */
export async function holdMail(
  networkId: string,
  mailId: string,
  token: string,
  held: NonNullable<MailRecord['held']>,
  receivedAt: string,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: mailKeys.mail(networkId, mailId),
      UpdateExpression:
        'SET #state = :state, held = :held, gsi1pk = :g1pk, gsi1sk = :g1sk, attempts = :zero REMOVE claimToken, gsi2pk, gsi2sk',
      ConditionExpression: 'claimToken = :token',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':state': 'held',
        ':held': held,
        ':g1pk': mailKeys.heldIndex(networkId),
        ':g1sk': `${receivedAt}#${mailId}`,
        ':zero': 0,
        ':token': token,
      },
    }),
  );
}

/**
 * The coordinator rejects a held message: it stays (raw source kept, state `rejected`) but
 * leaves the list and reaches no inquiry. Only a held message can be rejected, so a rejection
 * racing a confirmation gives one 200 and one 409.
 */
export async function rejectHeld(
  networkId: string,
  mailId: string,
  by: string,
  at: string,
): Promise<MailRecord> {
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: mailKeys.mail(networkId, mailId),
        UpdateExpression: 'SET #state = :rejected, rejectedBy = :by, rejectedAt = :at REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(pk) AND #state = :held',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':rejected': 'rejected', ':held': 'held', ':by': by, ':at': at },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return MailRecord.parse(out.Attributes);
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    throw await notIn(networkId, mailId, 'held');
  }
}

/** The states a coordinator takes a message out of: quarantine, held, automatic. */
export type ReleasableState = 'quarantined' | 'held' | 'automatic';

const RELEASABLE: Record<ReleasableState, { what: string; where: string; code: string }> = {
  quarantined: { what: 'quarantined message', where: 'in quarantine', code: 'not_quarantined' },
  held: { what: 'held message', where: 'held for confirmation', code: 'not_held' },
  automatic: { what: 'automatic message', where: 'kept as automatic mail', code: 'not_automatic' },
};

async function notIn(networkId: string, mailId: string, state: ReleasableState): Promise<Error> {
  const seen = await getMailRecord(networkId, mailId, true);
  const { what, where, code } = RELEASABLE[state];
  if (!seen) return new NotFoundError(what);
  return new ConflictError(`the message is not ${where} (it ended as ${seen.state})`, [
    { path: 'mailId', message: `not ${where}: ${seen.state}`, code },
  ]);
}

/**
 * The coordinator releases a quarantined (or confirms a held) message: it is claimed again for
 * processing, by one caller only (two concurrent releases give one 200 and one 409).
 */
export async function claimForRelease(
  networkId: string,
  mailId: string,
  token: string,
  by: string,
  from: ReleasableState = 'quarantined',
): Promise<MailRecord> {
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: mailKeys.mail(networkId, mailId),
        UpdateExpression:
          'SET #state = :claimed, claimToken = :token, claimedAt = :now, releasedBy = :by, gsi2pk = :g2pk, gsi2sk = :g2sk ADD attempts :one',
        ConditionExpression:
          'attribute_exists(pk) AND (#state = :from OR (#state = :claimed AND claimedAt < :stale))',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':claimed': 'claimed',
          ':from': from,
          ':token': token,
          ':now': epoch(),
          ':stale': staleBefore(STALE_CLAIM_SECONDS),
          ':by': by,
          ':one': 1,
          ':g2pk': mailKeys.claimsIndex,
          ':g2sk': mailKeys.claimSort(epoch(), networkId, mailId),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return MailRecord.parse(out.Attributes);
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    throw await notIn(networkId, mailId, from);
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
