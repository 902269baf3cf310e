import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { encodeTime } from 'ulid';
import { batchWriteAll, deleteRequests, putRequests } from '#shared/db/batch';
import { db, tableName } from '#shared/db/client';
import { isConditionFailed } from '#shared/db/errors';
import { networkPk, part } from '#shared/db/keys';
import { queryAll } from '#shared/db/query';
import type { TransactItem } from '#shared/db/transact';
import { ConflictError, NotFoundError } from '#shared/http/errors';
import { indexTerms } from './post';
import {
  Answer,
  type Attachment,
  DEFAULT_PREFERENCES,
  HistoryEntry,
  MAX_ATTACHMENTS,
  Meeting,
  Post,
  type Preferences,
  PreferencesBody,
  type RsvpAnswer,
  RsvpBody,
} from './schema';

const VERSION = 1;

/**
 * Keys of the exchange, all in the network's partition. A thread (question or practice) and its
 * answers share a sort-key range, so one Query reads a thread; the word index holds one small
 * item per (term, post) so a search is a Query per term (docs/data-model.md).
 */
export const exchangeKeys = {
  post: (networkId: string, postId: string) => ({ pk: networkPk(networkId), sk: `XPOST#${part(postId)}` }),
  answer: (networkId: string, postId: string, answerId: string) => ({
    pk: networkPk(networkId),
    sk: `XPOST#${part(postId)}#A#${part(answerId)}`,
  }),
  history: (networkId: string, postId: string, answerId: string | undefined, version: number) => ({
    pk: networkPk(networkId),
    sk: `XHIST#${part(postId)}#${answerId ? part(answerId) : '-'}#${String(version).padStart(6, '0')}`,
  }),
  /** One helpful mark of a partner on a post (`-`) or an answer: its existence is the vote. */
  vote: (networkId: string, postId: string, answerId: string | undefined, partnerId: string) => ({
    pk: networkPk(networkId),
    sk: `XVOTE#${part(postId)}#${answerId ? part(answerId) : '-'}#${part(partnerId)}`,
  }),
  /** Word index: `XIDX#<term>#<postId>`; terms are `*`, `k:<kind>`, `c:<competence>`, `w:<stem>`. */
  index: (networkId: string, term: string, postId: string) => ({
    pk: networkPk(networkId),
    sk: `XIDX#${term}#${part(postId)}`,
  }),
  indexPrefix: (term: string) => `XIDX#${term}`,
};

const stored = (key: { pk: string; sk: string }, entity: string, item: object) => ({
  ...key,
  entity,
  v: VERSION,
  ...item,
});

/**
 * Attribute names are written `#name` in every expression here (`hidden`, `kind` and others are
 * reserved words); this fills in ExpressionAttributeNames from the expressions themselves.
 */
function named<T extends { UpdateExpression?: string; ConditionExpression?: string }>(
  input: T,
): T & { ExpressionAttributeNames?: Record<string, string> } {
  const text = `${input.UpdateExpression ?? ''} ${input.ConditionExpression ?? ''}`;
  const names = Object.fromEntries([...text.matchAll(/#(\w+)/g)].map((m) => [m[0], m[1]!]));
  return Object.keys(names).length > 0 ? { ...input, ExpressionAttributeNames: names } : input;
}

/** Every Update and ConditionCheck of a transaction, named. */
const namedItems = (items: unknown[]) =>
  (items as Record<string, object>[]).map((i) =>
    Object.fromEntries(Object.entries(i).map(([k, v]) => [k, k === 'Put' ? v : named(v)])),
  );

// ---- index --------------------------------------------------------------------------------

export interface IndexHit {
  postId: string;
  createdAt: string;
  helpful: number;
}

/** Exact terms (all, kind, competence) are also on gsi1, most helpful first; word stems are not. */
const ranked = (term: string) => !term.startsWith('w:');
const helpfulKey = (helpful: number, postId: string) => `${String(helpful).padStart(6, '0')}#${postId}`;
const rankedPk = (networkId: string, term: string) => `${networkPk(networkId)}#XIDX#${term}`;

const indexItem = (networkId: string, post: Post, term: string) =>
  stored(exchangeKeys.index(networkId, term, post.id), 'x-index', {
    postId: post.id,
    createdAt: post.createdAt,
    helpful: post.helpful,
    ...(ranked(term) ? { gsi1pk: rankedPk(networkId, term), gsi1sk: helpfulKey(post.helpful, post.id) } : {}),
  });

/** Puts the post's index items (a visible post is findable); not atomic with the post. */
export async function indexPost(networkId: string, post: Post, terms = indexTerms(post)): Promise<void> {
  await batchWriteAll(putRequests(terms.map((t) => indexItem(networkId, post, t))));
}

/** Removes index items (a post hidden, deleted, or terms an edit dropped). */
export async function unindexPost(networkId: string, postId: string, terms: string[]): Promise<void> {
  await batchWriteAll(deleteRequests(terms.map((t) => exchangeKeys.index(networkId, t, postId))));
}

/**
 * The posts a term finds: exact for kinds and competences, word stems by prefix (`w:pump` finds
 * `w:pumpe…`), so a short search word also finds its longer forms. One Query each, keys only.
 */
export async function queryTerm(networkId: string, term: string, prefix: boolean): Promise<IndexHit[]> {
  const items = await queryAll({
    // a range, not begins_with: the same keys, and DynamoDB Local serves a range from its index
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': networkPk(networkId),
      ':from': prefix ? exchangeKeys.indexPrefix(term) : `${exchangeKeys.indexPrefix(term)}#`,
      ':to': `${exchangeKeys.indexPrefix(term)}${prefix ? '' : '#'}~`,
    },
    ProjectionExpression: 'postId, createdAt, helpful',
  });
  return items.map((i) => ({
    postId: String(i.postId),
    createdAt: String(i.createdAt),
    helpful: Number(i.helpful),
  }));
}

/**
 * One page of an exact term, newest first, behind the post `before` (a cursor): the common case
 * of a list by kind, competence or all, read as one bounded Query instead of the whole term.
 */
export async function queryTermNewest(
  networkId: string,
  term: string,
  limit: number,
  before: string | undefined,
): Promise<IndexHit[]> {
  const prefix = `${exchangeKeys.indexPrefix(term)}#`;
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': networkPk(networkId),
        ':from': prefix,
        ':to': before ? `${prefix}${part(before)}` : `${prefix}~`,
      },
      ProjectionExpression: 'postId, createdAt, helpful',
      ScanIndexForward: false,
      Limit: limit + 2,
    }),
  );
  return (out.Items ?? [])
    .map((i) => ({ postId: String(i.postId), createdAt: String(i.createdAt), helpful: Number(i.helpful) }))
    .filter((h) => h.postId !== before)
    .slice(0, limit + 1);
}

/**
 * One page of an exact term, most helpful first (ties: newest first), behind the cursor's
 * (helpful, post): one bounded Query on gsi1, descending.
 */
export async function queryTermHelpful(
  networkId: string,
  term: string,
  limit: number,
  after: { helpful: number; postId: string } | undefined,
): Promise<IndexHit[]> {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: after ? 'gsi1pk = :pk AND gsi1sk < :after' : 'gsi1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': rankedPk(networkId, term),
        ...(after ? { ':after': helpfulKey(after.helpful, part(after.postId)) } : {}),
      },
      ProjectionExpression: 'postId, createdAt, helpful',
      ScanIndexForward: false,
      Limit: limit + 1,
    }),
  );
  return (out.Items ?? []).map((i) => ({
    postId: String(i.postId),
    createdAt: String(i.createdAt),
    helpful: Number(i.helpful),
  }));
}

/**
 * Raises the helpful count on a post's index items to `helpful` (never lowers it: marks are only
 * ever added, so concurrent updates converge on the highest count).
 */
export async function raiseIndexedHelpful(networkId: string, post: Post, helpful: number): Promise<void> {
  await Promise.all(
    indexTerms(post).map((t) =>
      db
        .send(
          new UpdateCommand(
            named({
              TableName: tableName,
              Key: exchangeKeys.index(networkId, t, post.id),
              UpdateExpression: ranked(t) ? 'SET #helpful = :h, gsi1sk = :s' : 'SET #helpful = :h',
              ConditionExpression: 'attribute_exists(pk) AND #helpful < :h',
              ExpressionAttributeValues: {
                ':h': helpful,
                ...(ranked(t) ? { ':s': helpfulKey(helpful, post.id) } : {}),
              },
            }),
          ),
        )
        .catch((err) => {
          if (!isConditionFailed(err)) throw err;
        }),
    ),
  );
}

// ---- posts and threads --------------------------------------------------------------------

export async function createPost(networkId: string, post: Post): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: stored(exchangeKeys.post(networkId, post.id), 'x-post', post),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  await indexPost(networkId, post);
}

export async function getPost(networkId: string, postId: string): Promise<Post | undefined> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: exchangeKeys.post(networkId, postId), ConsistentRead: true }),
  );
  return out.Item ? Post.parse(out.Item) : undefined;
}

/** Several posts by id (a search page), in the order asked. */
export async function getPosts(networkId: string, postIds: string[]): Promise<Post[]> {
  const found = new Map<string, Post>();
  for (let i = 0; i < postIds.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = postIds
      .slice(i, i + 100)
      .map((id) => exchangeKeys.post(networkId, id));
    while (keys && keys.length > 0) {
      const out: BatchGetCommandOutput = await db.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
      );
      for (const p of out.Responses?.[tableName] ?? []) {
        const post = Post.parse(p);
        found.set(post.id, post);
      }
      keys = out.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return postIds.flatMap((id) => found.get(id) ?? []);
}

/** A thread: the post and its answers in one strongly consistent Query; plus the caller's marks. */
export async function getThread(
  networkId: string,
  postId: string,
  partnerId?: string,
): Promise<{ post: Post; answers: Answer[]; marked: Set<string> } | undefined> {
  const { pk, sk } = exchangeKeys.post(networkId, postId);
  const [items, votes] = await Promise.all([
    queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': sk, ':to': `${sk}#~` },
      ConsistentRead: true,
    }),
    partnerId ? votesOf(networkId, postId) : Promise.resolve([]),
  ]);
  const postItem = items.find((i) => i.entity === 'x-post');
  if (!postItem) return undefined;
  const mine = votes.filter((v) => v.partnerId === partnerId).map((v) => v.target);
  return {
    post: Post.parse(postItem),
    answers: items.filter((i) => i.entity === 'x-answer').map((i) => Answer.parse(i)),
    marked: new Set(mine),
  };
}

/** The helpful marks on a thread: `target` is the answer id, or `-` for the post itself. */
async function votesOf(networkId: string, postId: string): Promise<{ target: string; partnerId: string }[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': networkPk(networkId), ':p': `XVOTE#${part(postId)}#` },
    ProjectionExpression: 'sk',
  });
  return items.map((i) => {
    const [, , target, partnerId] = String(i.sk).split('#');
    return { target: target!, partnerId: partnerId! };
  });
}

/** Why a conditional write on a post failed, as the client should hear it. */
async function refusal(networkId: string, postId: string, answerId?: string): Promise<never> {
  const thread = await getThread(networkId, postId);
  if (!thread || (answerId && !thread.answers.some((a) => a.id === answerId))) {
    throw new NotFoundError(answerId ? 'answer' : 'post');
  }
  throw new ConflictError('the post changed meanwhile: reload it and try again', [
    { path: 'version', message: 'changed meanwhile', code: 'changed_meanwhile' },
  ]);
}

const transact = async (items: unknown[], onConflict: () => Promise<never>) => {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: namedItems(items) as never }));
  } catch (err) {
    if ((err as { name?: string }).name === 'TransactionCanceledException') await onConflict();
    throw err;
  }
};

/**
 * Adds an answer while the question is there, open for answers (not locked, hidden or deleted);
 * `extra` items commit with it (the intake settles the answering mail in the same transaction).
 */
export async function addAnswer(
  networkId: string,
  answer: Answer,
  extra: TransactItem[] = [],
): Promise<void> {
  await transact(
    [
      ...extra,
      {
        Update: {
          TableName: tableName,
          Key: exchangeKeys.post(networkId, answer.postId),
          // the first answer's time, kept: the report's median time to a first answer
          UpdateExpression:
            'ADD #answerCount :one SET #updatedAt = :now, #firstAnsweredAt = if_not_exists(#firstAnsweredAt, :now)',
          ConditionExpression:
            'attribute_exists(pk) AND #kind = :q AND #locked = :f AND #hidden = :f AND #deleted = :f',
          ExpressionAttributeValues: { ':one': 1, ':now': answer.createdAt, ':q': 'question', ':f': false },
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: stored(exchangeKeys.answer(networkId, answer.postId, answer.id), 'x-answer', answer),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
    async () => {
      const post = await getPost(networkId, answer.postId);
      if (!post || post.hidden) throw new NotFoundError('post');
      if (post.kind !== 'question') throw new ConflictError('only questions take answers');
      throw new ConflictError(
        post.locked ? 'the thread is locked by the coordinator' : 'the question was deleted',
      );
    },
  );
}

type Change = { title?: string; body?: string; html?: string; competences?: string[]; deleted?: boolean };

function setClause(change: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts = Object.entries(change).map(([k, v]) => {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    return `#${k} = :${k}`;
  });
  return { parts, names, values };
}

/**
 * Changes the author's post or answer if it is still at `version` (optimistic locking) and
 * writes the replaced version to the history, in one transaction: of two edits made on the
 * same version one wins, the other gets 409 and nothing of it is written.
 */
export async function changeOwn(
  networkId: string,
  target: { postId: string; answerId?: string },
  authorPartnerId: string,
  version: number,
  change: Change,
  previous: HistoryEntry,
  now: string,
): Promise<void> {
  const key = target.answerId
    ? exchangeKeys.answer(networkId, target.postId, target.answerId)
    : exchangeKeys.post(networkId, target.postId);
  const { parts, values } = setClause({ ...change, updatedAt: now });
  await transact(
    [
      {
        Update: {
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET ${parts.join(', ')} ADD #version :one`,
          ConditionExpression:
            'attribute_exists(pk) AND #version = :v AND #authorPartnerId = :me AND #deleted = :f',
          ExpressionAttributeValues: {
            ...values,
            ':one': 1,
            ':v': version,
            ':me': authorPartnerId,
            ':f': false,
          },
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: stored(
            exchangeKeys.history(networkId, target.postId, target.answerId, version),
            'x-history',
            previous,
          ),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
    () => refusal(networkId, target.postId, target.answerId),
  );
}

/** The replaced versions of a thread (post and answers), oldest first. */
export async function listHistory(networkId: string, postId: string): Promise<HistoryEntry[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': networkPk(networkId), ':p': `XHIST#${part(postId)}#` },
  });
  return items.map((i) => HistoryEntry.parse(i));
}

/** The asker marks one answer (visible, not deleted) as the solution; marking another moves it. */
export async function markSolution(
  networkId: string,
  postId: string,
  answerId: string,
  askerPartnerId: string,
  now: string,
): Promise<void> {
  await transact(
    [
      {
        Update: {
          TableName: tableName,
          Key: exchangeKeys.post(networkId, postId),
          UpdateExpression: 'SET #solutionAnswerId = :a, #updatedAt = :now',
          ConditionExpression:
            'attribute_exists(pk) AND #kind = :q AND #authorPartnerId = :me AND #deleted = :f AND #hidden = :f',
          ExpressionAttributeValues: {
            ':a': answerId,
            ':now': now,
            ':q': 'question',
            ':me': askerPartnerId,
            ':f': false,
          },
        },
      },
      {
        ConditionCheck: {
          TableName: tableName,
          Key: exchangeKeys.answer(networkId, postId, answerId),
          ConditionExpression: 'attribute_exists(pk) AND #deleted = :f AND #hidden = :f',
          ExpressionAttributeValues: { ':f': false },
        },
      },
    ],
    () => refusal(networkId, postId, answerId),
  );
}

/**
 * One helpful mark by a partner on a practice or an answer, counted once: the vote item's
 * `attribute_not_exists` and the counters' `ADD` commit together or not at all. A question's own
 * count sums its answers' marks, so "most helpful first" ranks threads. Returns false when the
 * partner had marked it already (nothing counted twice).
 */
export async function addHelpful(
  networkId: string,
  postId: string,
  answerId: string | undefined,
  partnerId: string,
  now: string,
): Promise<boolean> {
  const notOwn = {
    ConditionExpression:
      'attribute_exists(pk) AND #authorPartnerId <> :me AND #deleted = :f AND #hidden = :f',
    ExpressionAttributeValues: { ':one': 1, ':me': partnerId, ':f': false },
  };
  const items: unknown[] = [
    {
      Put: {
        TableName: tableName,
        Item: stored(exchangeKeys.vote(networkId, postId, answerId, partnerId), 'x-vote', {
          postId,
          ...(answerId ? { answerId } : {}),
          partnerId,
          createdAt: now,
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
  if (answerId) {
    items.push(
      {
        Update: {
          TableName: tableName,
          Key: exchangeKeys.answer(networkId, postId, answerId),
          UpdateExpression: 'ADD #helpful :one',
          ...notOwn,
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: exchangeKeys.post(networkId, postId),
          UpdateExpression: 'ADD #helpful :one',
          ConditionExpression: 'attribute_exists(pk) AND #hidden = :f',
          ExpressionAttributeValues: { ':one': 1, ':f': false },
        },
      },
    );
  } else {
    items.push({
      Update: {
        TableName: tableName,
        Key: exchangeKeys.post(networkId, postId),
        UpdateExpression: 'ADD #helpful :one',
        ...notOwn,
        ConditionExpression: `${notOwn.ConditionExpression} AND #kind = :p`,
        ExpressionAttributeValues: { ...notOwn.ExpressionAttributeValues, ':p': 'practice' },
      },
    });
  }
  try {
    await db.send(new TransactWriteCommand({ TransactItems: namedItems(items) as never }));
    return true;
  } catch (err) {
    const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (reasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    if ((err as { name?: string }).name !== 'TransactionCanceledException') throw err;
    const thread = await getThread(networkId, postId);
    const target = answerId ? thread?.answers.find((a) => a.id === answerId) : thread?.post;
    if (!thread || !target || target.hidden || thread.post.hidden)
      throw new NotFoundError(answerId ? 'answer' : 'post');
    if (target.authorPartnerId === partnerId)
      throw new ConflictError('your own post cannot be marked helpful by you');
    if (target.deleted) throw new ConflictError('a deleted post cannot be marked helpful');
    if (!answerId) throw new ConflictError('only practices and answers are marked helpful, not questions');
    throw err;
  }
}

/** The coordinator hides or shows a thread or one answer, locks or unlocks a thread. */
export async function moderate(
  networkId: string,
  postId: string,
  answerId: string | undefined,
  change: { hidden?: boolean; locked?: boolean },
  now: string,
): Promise<void> {
  const { parts, names, values } = setClause({ ...change, updatedAt: now });
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: answerId
          ? exchangeKeys.answer(networkId, postId, answerId)
          : exchangeKeys.post(networkId, postId),
        UpdateExpression: `SET ${parts.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (err) {
    if (isConditionFailed(err)) throw new NotFoundError(answerId ? 'answer' : 'post');
    throw err;
  }
}

/** Where a practice's file lives in the mail storage (S3 in AWS, DATA_DIR locally). */
export const attachmentKey = (networkId: string, postId: string, attachmentId: string) =>
  `attachments/${part(networkId)}/exchange-${part(postId)}/${part(attachmentId)}`;

/**
 * Lists a stored file on the author's practice, while it has fewer than the allowed number: of
 * two uploads racing for the last place one is refused (409).
 */
export async function addAttachment(
  networkId: string,
  postId: string,
  authorPartnerId: string,
  attachment: Attachment,
): Promise<void> {
  try {
    await db.send(
      new UpdateCommand(
        named({
          TableName: tableName,
          Key: exchangeKeys.post(networkId, postId),
          UpdateExpression:
            'SET #attachments = list_append(if_not_exists(#attachments, :none), :one), #updatedAt = :now',
          ConditionExpression:
            'attribute_exists(pk) AND #kind = :p AND #authorPartnerId = :me AND #deleted = :f AND (attribute_not_exists(#attachments) OR size(#attachments) < :max)',
          ExpressionAttributeValues: {
            ':none': [],
            ':one': [attachment],
            ':now': attachment.uploadedAt,
            ':p': 'practice',
            ':me': authorPartnerId,
            ':f': false,
            ':max': MAX_ATTACHMENTS,
          },
        }),
      ),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    throw new ConflictError(`a practice note carries at most ${MAX_ATTACHMENTS} files`, [], { cause: err });
  }
}

// ---- preferences and the digest --------------------------------------------------------

const prefKey = (networkId: string, partnerId: string) => ({
  pk: networkPk(networkId),
  sk: `XPREF#${part(partnerId)}`,
});

export async function putPreferences(
  networkId: string,
  partnerId: string,
  prefs: Preferences,
): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: stored(prefKey(networkId, partnerId), 'x-preferences', { partnerId, ...prefs }),
    }),
  );
}

/** Every partner's exchange mail preferences that differ from the default: one Query. */
export async function listPreferences(networkId: string): Promise<Map<string, Preferences>> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': networkPk(networkId), ':p': 'XPREF#' },
  });
  return new Map(
    items.map((i) => [
      String(i.partnerId),
      PreferencesBody.parse({ expertMail: i.expertMail, weeklyDigest: i.weeklyDigest }),
    ]),
  );
}

export async function getPreferences(networkId: string, partnerId: string): Promise<Preferences> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: prefKey(networkId, partnerId) }));
  return out.Item
    ? PreferencesBody.parse({ expertMail: out.Item.expertMail, weeklyDigest: out.Item.weeklyDigest })
    : DEFAULT_PREFERENCES;
}

/**
 * The visible posts created since `since`: post ids are ULIDs, so the `*` term's sort keys from
 * the ULID of that instant on are exactly them (one Query), then one BatchGet.
 */
export async function postsSince(networkId: string, since: string): Promise<Post[]> {
  const from = `${exchangeKeys.indexPrefix('*')}#${encodeTime(Date.parse(since), 10).toLowerCase()}`;
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': networkPk(networkId),
      ':from': from,
      ':to': `${exchangeKeys.indexPrefix('*')}#~`,
    },
    ProjectionExpression: 'postId',
  });
  return getPosts(
    networkId,
    items.map((i) => String(i.postId)),
  );
}

const digestKey = (networkId: string) => ({ pk: networkPk(networkId), sk: 'XDIGEST' });

export async function putDigestSchedule(
  networkId: string,
  s: { enabled: boolean; weekday: string; time: string; timezone: string },
): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: stored(digestKey(networkId), 'x-digest', s) }));
}

// ---- experience meetings ------------------------------------------------------------------

const meetingKey = (networkId: string, meetingId: string) => ({
  pk: networkPk(networkId),
  sk: `XMEET#${part(meetingId)}`,
});
const rsvpKey = (networkId: string, meetingId: string, partnerId: string) => ({
  pk: networkPk(networkId),
  sk: `XMEET#${part(meetingId)}#RSVP#${part(partnerId)}`,
});

/** Meetings on gsi1 by start: `NET#<id>#XMEETS`, `<startsAt>#<meetingId>`. */
const meetingsByStartPk = (networkId: string) => `${networkPk(networkId)}#XMEETS`;

export async function createMeeting(networkId: string, m: Meeting): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...stored(meetingKey(networkId, m.id), 'x-meeting', m),
        gsi1pk: meetingsByStartPk(networkId),
        gsi1sk: `${m.startsAt}#${part(m.id)}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** A meeting with every partner's answer: one Query over its sort-key range. */
export async function getMeeting(
  networkId: string,
  meetingId: string,
): Promise<{ meeting: Meeting; answers: Map<string, RsvpAnswer> } | undefined> {
  const { pk, sk } = meetingKey(networkId, meetingId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': pk, ':from': sk, ':to': `${sk}#~` },
    ConsistentRead: true,
  });
  const item = items.find((i) => i.entity === 'x-meeting');
  if (!item) return undefined;
  return {
    meeting: Meeting.parse(item),
    answers: new Map(
      items
        .filter((i) => i.entity === 'x-rsvp')
        .map((i) => [String(i.partnerId), RsvpBody.parse({ answer: i.answer }).answer]),
    ),
  };
}

/**
 * The network's meetings by start (one bounded Query on gsi1): upcoming ones (start at or after
 * `now`) soonest first, past ones latest first. Cancelled meetings are listed (marked).
 */
export async function listMeetings(
  networkId: string,
  when: 'upcoming' | 'past',
  now: string,
  limit: number,
): Promise<Meeting[]> {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression:
        when === 'upcoming' ? 'gsi1pk = :pk AND gsi1sk >= :now' : 'gsi1pk = :pk AND gsi1sk < :now',
      ExpressionAttributeValues: { ':pk': meetingsByStartPk(networkId), ':now': now },
      ScanIndexForward: when === 'upcoming',
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => Meeting.parse(i));
}

/** One partner's answers to the given meetings (limit ≤ 100): one BatchGetItem of the RSVP items. */
export async function rsvpsOf(
  networkId: string,
  partnerId: string,
  meetingIds: string[],
): Promise<Map<string, RsvpAnswer>> {
  const found = new Map<string, RsvpAnswer>();
  let keys: Record<string, unknown>[] | undefined = meetingIds
    .slice(0, 100)
    .map((m) => rsvpKey(networkId, m, partnerId));
  while (keys && keys.length > 0) {
    const out: BatchGetCommandOutput = await db.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
    );
    for (const i of out.Responses?.[tableName] ?? []) {
      const meetingId = String(i.sk).split('#')[1]!;
      found.set(meetingId, RsvpBody.parse({ answer: i.answer }).answer);
    }
    keys = out.UnprocessedKeys?.[tableName]?.Keys;
  }
  return found;
}

/**
 * Cancels a meeting once: sets `cancelledAt` and raises `sequence` in one conditional update, so
 * of two concurrent cancellations one wins (the other 409) and calendars replace the invitation.
 */
export async function cancelMeeting(networkId: string, meetingId: string, now: string): Promise<Meeting> {
  try {
    const out = await db.send(
      new UpdateCommand(
        named({
          TableName: tableName,
          Key: meetingKey(networkId, meetingId),
          UpdateExpression: 'SET #cancelledAt = :now, #sequence = #sequence + :one',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#cancelledAt)',
          ExpressionAttributeValues: { ':now': now, ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return Meeting.parse(out.Attributes);
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    if (!(await getMeeting(networkId, meetingId))) throw new NotFoundError('meeting');
    throw new ConflictError('the meeting is already cancelled');
  }
}

/**
 * The network's experience meetings with each one's yes answers (who attends): one Query over
 * `XMEET#` (meetings and their answers sort together). For reports of other capabilities.
 */
export async function listMeetingsWithAttendance(
  networkId: string,
): Promise<{ meeting: Meeting; attending: string[] }[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': networkPk(networkId), ':prefix': 'XMEET#' },
  });
  const attending = new Map<string, string[]>();
  for (const i of items) {
    if (i.entity !== 'x-rsvp' || i.answer !== 'yes') continue;
    const meetingId = String(i.sk).split('#')[1]!;
    attending.set(meetingId, [...(attending.get(meetingId) ?? []), String(i.partnerId)]);
  }
  return items
    .filter((i) => i.entity === 'x-meeting')
    .map((i) => Meeting.parse(i))
    .map((meeting) => ({ meeting, attending: attending.get(meeting.id) ?? [] }));
}

/**
 * A partner's answer, one item per partner (a later answer replaces the earlier one), written
 * only while the meeting exists (one transaction with a ConditionCheck).
 */
export async function putRsvp(
  networkId: string,
  meetingId: string,
  partnerId: string,
  answer: RsvpAnswer,
  now: string,
): Promise<void> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: meetingKey(networkId, meetingId),
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(cancelledAt)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: stored(rsvpKey(networkId, meetingId, partnerId), 'x-rsvp', {
                partnerId,
                answer,
                answeredAt: now,
              }),
            },
          },
        ],
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'TransactionCanceledException') throw err;
    if (!(await getMeeting(networkId, meetingId))) throw new NotFoundError('meeting');
    throw new ConflictError('the meeting is cancelled');
  }
}

export async function setMinutes(
  networkId: string,
  meetingId: string,
  minutes: string,
  html: string,
): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: meetingKey(networkId, meetingId),
        UpdateExpression: 'SET minutes = :m, minutesHtml = :h',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':m': minutes, ':h': html },
      }),
    );
  } catch (err) {
    if (isConditionFailed(err)) throw new NotFoundError('meeting');
    throw err;
  }
}

// ---- the network's key for signed meeting links: shared with the job mails' links

export { linkKey } from '#shared/links/key';
