import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import type { CompetenceModel } from './competences';
import { inquiryKeys } from './keys';

/**
 * The network's competence model: ONE item (`INQCOMPMODEL`) with a number attribute per
 * competence and stem, `w:<competenceId>:<stem>`. Teaching is one UpdateItem of `ADD`s, so two
 * coordinators correcting at once both count; reading is one GetItem.
 */
const PREFIX = 'w:';

export async function getCompetenceModel(networkId: string): Promise<CompetenceModel> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: inquiryKeys.competenceModel(networkId) }),
  );
  const model: CompetenceModel = {};
  for (const [name, value] of Object.entries(out.Item ?? {})) {
    if (!name.startsWith(PREFIX) || typeof value !== 'number') continue;
    const [competenceId, stem] = name.slice(PREFIX.length).split(':') as [string, string];
    model[competenceId] = { ...model[competenceId], [stem]: value };
  }
  return model;
}

/** Adds one correction's lesson to the network's model (at most 100 weights per call). */
export async function teach(
  networkId: string,
  lesson: readonly { competenceId: string; stem: string; delta: number }[],
): Promise<void> {
  const merged = new Map<string, number>();
  for (const l of lesson) {
    const name = `${PREFIX}${l.competenceId}:${l.stem}`;
    merged.set(name, (merged.get(name) ?? 0) + l.delta);
  }
  const entries = [...merged].filter(([, d]) => d !== 0).slice(0, 100);
  if (entries.length === 0) return;
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: inquiryKeys.competenceModel(networkId),
      UpdateExpression: `SET entity = :entity ADD ${entries.map((_, i) => `#w${i} :d${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#w${i}`, name])),
      ExpressionAttributeValues: {
        ':entity': 'competence-model',
        ...Object.fromEntries(entries.map(([, d], i) => [`:d${i}`, d])),
      },
    }),
  );
}
