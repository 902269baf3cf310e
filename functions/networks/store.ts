import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { failedTransactionItems, isConditionFailed } from '#shared/db/errors';
import { keys, networkPk, prefixes } from '#shared/db/keys';
import { queryAll, queryPrefix } from '#shared/db/query';
import { setExpression } from '#shared/db/update';
import { ConflictError, type FieldErrorInput, NotFoundError } from '#shared/http/errors';
import { nowIso } from '#shared/time';
import { Competence, Network, Partner, type PartnerCompetence, Resource } from './schema';
import type { CreateCompetenceBody, UpdateCompetenceBody } from './write-schema';

const VERSION = 1;

/** Strips key and bookkeeping attributes and validates what came back from the table. */
const item = <T>(schema: { parse: (v: unknown) => T }, raw: Record<string, unknown>): T => schema.parse(raw);

// ---- directory (public slug, inbound address → network id) ------------------------------

async function directoryLookup(key: { pk: string; sk: string }): Promise<string | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: key }));
  return out.Item?.networkId as string | undefined;
}

/** The network id behind a public slug (public routes address the network this way). */
export const networkIdBySlug = (slug: string) => directoryLookup(keys.slug(slug));
/** The network id behind an inbound e-mail local part. */
export const networkIdByInbox = (localPart: string) => directoryLookup(keys.inbox(localPart));

// ---- networks -----------------------------------------------------------------------------

/**
 * Creates the network and claims its slug and inbound address in one transaction, so two
 * concurrent creates with the same slug give exactly one network (the other gets 409).
 */
export async function createNetwork(n: Network): Promise<void> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.network(n.id), entity: 'network', v: VERSION, ...n },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.slug(n.slug), entity: 'directory', networkId: n.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.inbox(n.inboundLocalPart), entity: 'directory', networkId: n.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  } catch (err) {
    const failed = failedTransactionItems(err);
    if (failed.length === 0) throw err;
    const fields = [
      { path: 'id', message: `network id ${n.id} is taken`, code: 'taken' },
      { path: 'slug', message: `slug ${n.slug} is taken`, code: 'taken' },
      { path: 'inboundLocalPart', message: `inbound address ${n.inboundLocalPart} is taken`, code: 'taken' },
    ];
    const errors = failed.map((i) => fields[i]!);
    throw new ConflictError(errors.map((e) => e.message).join('; '), errors, { cause: err });
  }
}

export async function getNetwork(networkId: string): Promise<Network | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.network(networkId) }));
  return out.Item ? item(Network, out.Item) : undefined;
}

/**
 * Applies a patch to the network. Optimistic: the write only lands if the network has not changed
 * since `current` was read; a changed slug or inbound address moves its directory entry in the
 * same transaction (claimed with attribute_not_exists, so a taken slug gives 409).
 */
export async function updateNetwork(current: Network, patch: Partial<Network>): Promise<Network> {
  const next: Network = { ...current, ...stripUndefined(patch), updatedAt: nowIso() };
  const update = setExpression({ ...stripUndefined(patch), updatedAt: next.updatedAt });
  const items: NonNullable<TransactWriteCommand['input']['TransactItems']> = [
    {
      Update: {
        TableName: tableName,
        Key: keys.network(current.id),
        ...update,
        ConditionExpression: '#updatedAt = :seen',
        ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#updatedAt': 'updatedAt' },
        ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':seen': current.updatedAt },
      },
    },
  ];
  const fields: FieldErrorInput[] = [
    {
      path: 'body',
      message: 'the network was changed by someone else meanwhile; reload and retry',
      code: 'changed_meanwhile',
    },
  ];
  const moves = [
    { path: 'slug', from: current.slug, to: next.slug, key: keys.slug },
    { path: 'inboundLocalPart', from: current.inboundLocalPart, to: next.inboundLocalPart, key: keys.inbox },
  ] as const;
  for (const m of moves) {
    if (m.from === m.to) continue;
    items.push({
      Put: {
        TableName: tableName,
        Item: { ...m.key(m.to), entity: 'directory', networkId: current.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    fields.push({ path: m.path, message: `${m.to} is taken`, code: 'taken' });
    items.push({
      Delete: {
        TableName: tableName,
        Key: m.key(m.from),
        ConditionExpression: 'networkId = :me',
        ExpressionAttributeValues: { ':me': current.id },
      },
    });
    fields.push({
      path: m.path,
      message: `${m.from} is no longer held by this network`,
      code: 'changed_meanwhile',
    });
  }
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    const failed = failedTransactionItems(err);
    if (failed.length === 0) throw err;
    const errors = failed.map((i) => fields[i]!);
    throw new ConflictError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors, { cause: err });
  }
  return next;
}

// ---- competence taxonomy ------------------------------------------------------------------

/** The whole taxonomy of a network: one Query on the network partition. */
export async function listCompetences(networkId: string): Promise<Competence[]> {
  const items = await queryPrefix(networkPk(networkId), prefixes.competence);
  return items.map((i) => item(Competence, i));
}

export async function createCompetence(networkId: string, c: Competence): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.competence(networkId, c.id), entity: 'competence', v: VERSION, ...c },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    throw new ConflictError(
      `competence ${c.id} exists already`,
      [{ path: 'id', message: 'exists already', code: 'exists' }],
      {
        cause: err,
      },
    );
  }
}

export async function updateCompetence(
  networkId: string,
  competenceId: string,
  patch: UpdateCompetenceBody,
): Promise<Competence> {
  const out = await conditionalUpdate(keys.competence(networkId, competenceId), patch, 'competence');
  return item(Competence, out);
}

export type NewCompetence = CreateCompetenceBody & { id: string };

// ---- partners and resources ---------------------------------------------------------------

/**
 * All partners of a network with their resources: one Query (`PARTNER#` prefix), because a
 * partner's resources sort right behind it.
 */
export async function listPartnersWithResources(
  networkId: string,
): Promise<{ partners: Partner[]; resources: Resource[] }> {
  const items = await queryPrefix(networkPk(networkId), prefixes.partner);
  return splitPartnerItems(items);
}

/** One partner and its resources: one Query over its sort-key range. */
export async function getPartner(
  networkId: string,
  partnerId: string,
): Promise<{ partner: Partner; resources: Resource[] } | undefined> {
  const { sk } = keys.partner(networkId, partnerId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.network(networkId).pk, ':from': sk, ':to': `${sk}#~` },
  });
  const { partners, resources } = splitPartnerItems(items);
  const partner = partners[0];
  return partner ? { partner, resources } : undefined;
}

export async function createPartner(networkId: string, p: Partner): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.partner(networkId, p.id), entity: 'partner', v: VERSION, ...p },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    throw new ConflictError(
      `partner ${p.id} exists already`,
      [{ path: 'id', message: 'exists already', code: 'exists' }],
      {
        cause: err,
      },
    );
  }
}

export async function updatePartner(
  networkId: string,
  partnerId: string,
  patch: Partial<Omit<Partner, 'id' | 'createdAt' | 'updatedAt'>>,
): Promise<Partner> {
  const out = await conditionalUpdate(
    keys.partner(networkId, partnerId),
    { ...patch, updatedAt: nowIso() },
    'partner',
  );
  return item(Partner, out);
}

export const setPartnerCompetences = (
  networkId: string,
  partnerId: string,
  competences: PartnerCompetence[],
) => updatePartner(networkId, partnerId, { competences });

/** Whether the partner exists and is active: one GetItem projecting `active` (the partner write check). */
export async function isPartnerActive(networkId: string, partnerId: string): Promise<boolean> {
  const out = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.partner(networkId, partnerId),
      ProjectionExpression: 'active',
    }),
  );
  return out.Item?.active === true;
}

/**
 * Remembers the sign-in users a deactivation disabled (a string set on the partner item), so a
 * re-activation enables exactly those and no user an operator disabled for another reason.
 */
export async function addDisabledUsers(networkId: string, partnerId: string, usernames: string[]) {
  if (usernames.length === 0) return;
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.partner(networkId, partnerId),
      UpdateExpression: 'ADD disabledUsers :names',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':names': new Set(usernames) },
    }),
  );
}

/** The sign-in users the partner's deactivation disabled: one GetItem. */
export async function disabledUsersOf(networkId: string, partnerId: string): Promise<string[]> {
  const out = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.partner(networkId, partnerId),
      ProjectionExpression: 'disabledUsers',
    }),
  );
  return [...((out.Item?.disabledUsers as Set<string> | undefined) ?? [])].sort();
}

/** Forgets these users once they are enabled again (a user disabled meanwhile stays remembered). */
export async function forgetDisabledUsers(networkId: string, partnerId: string, usernames: string[]) {
  if (usernames.length === 0) return;
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.partner(networkId, partnerId),
      UpdateExpression: 'DELETE disabledUsers :names',
      ExpressionAttributeValues: { ':names': new Set(usernames) },
    }),
  );
}

/**
 * A TransactWriteItems entry that holds only while the partner exists and is active, for other
 * capabilities' transactions (joining a purchase pool).
 */
export function activePartnerCondition(networkId: string, partnerId: string) {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: keys.partner(networkId, partnerId),
      ConditionExpression: 'attribute_exists(pk) AND active = :active',
      ExpressionAttributeValues: { ':active': true },
    },
  };
}

/** Adds a resource to a partner that exists (checked in the same transaction). */
export async function createResource(networkId: string, r: Omit<Resource, 'version'>): Promise<void> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: keys.partner(networkId, r.partnerId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.resource(networkId, r.partnerId, r.id),
                entity: 'resource',
                v: VERSION,
                ...r,
                version: 1,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  } catch (err) {
    const failed = failedTransactionItems(err);
    if (failed.includes(0)) throw new NotFoundError('partner');
    if (failed.includes(1)) {
      throw new ConflictError(`resource ${r.id} exists already`, [
        { path: 'id', message: 'exists already', code: 'exists' },
      ]);
    }
    throw err;
  }
}

/**
 * Changes a resource and counts its version up. With `patch.version` the write lands only on that
 * version (409 `changed_meanwhile` otherwise); without it, only fields that replace a value.
 */
export async function updateResource(
  networkId: string,
  partnerId: string,
  resourceId: string,
  patch: Partial<Omit<Resource, 'id' | 'partnerId'>>,
): Promise<Resource> {
  const { version: seen, ...fields } = stripUndefined(patch);
  const set = setExpression(fields);
  const names = { ...set.ExpressionAttributeNames, '#version': 'version' };
  const values: Record<string, unknown> = { ...set.ExpressionAttributeValues, ':one': 1 };
  let condition = 'attribute_exists(pk)';
  if (seen !== undefined) {
    values[':seen'] = seen;
    condition +=
      seen === 1 ? ' AND (attribute_not_exists(#version) OR #version = :seen)' : ' AND #version = :seen';
  }
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.resource(networkId, partnerId, resourceId),
        UpdateExpression: `${set.UpdateExpression}, #version = if_not_exists(#version, :one) + :one`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return item(Resource, out.Attributes as Record<string, unknown>);
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    if (!(err as { Item?: unknown }).Item) throw new NotFoundError('resource');
    throw new ConflictError('the resource was changed by someone else meanwhile; reload and retry', [
      { path: 'version', message: 'changed meanwhile', code: 'changed_meanwhile' },
    ]);
  }
}

export async function deleteResource(
  networkId: string,
  partnerId: string,
  resourceId: string,
): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName,
        Key: keys.resource(networkId, partnerId, resourceId),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  } catch (err) {
    if (isConditionFailed(err)) throw new NotFoundError('resource');
    throw err;
  }
}

// ---- helpers ------------------------------------------------------------------------------

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Updates an existing item (404 if it does not exist) and returns the new item. */
async function conditionalUpdate(key: { pk: string; sk: string }, patch: object, what: string) {
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        ...setExpression(patch as Record<string, unknown>),
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes as Record<string, unknown>;
  } catch (err) {
    if (isConditionFailed(err)) throw new NotFoundError(what);
    throw err;
  }
}

function splitPartnerItems(items: Record<string, unknown>[]) {
  const partners: Partner[] = [];
  const resources: Resource[] = [];
  for (const i of items) {
    if (i.entity === 'partner') partners.push(item(Partner, i));
    else if (i.entity === 'resource') resources.push(item(Resource, i));
  }
  return { partners, resources };
}
