import { newNetwork } from '#functions/networks/network';
import {
  createCompetence,
  createNetwork,
  createPartner,
  createResource,
  getNetwork,
} from '#functions/networks/store';
import { batchWriteAll, deleteRequests } from '#shared/db/batch';
import { keys, networkPk } from '#shared/db/keys';
import { queryAll } from '#shared/db/query';
import { nowIso } from '#shared/time';
import { DEMO_COMPETENCES, DEMO_NETWORK, DEMO_PARTNERS } from './demo-data';

/** Deletes every item of the demo network, including its directory entries. */
async function removeDemo(): Promise<void> {
  const existing = await getNetwork(DEMO_NETWORK.id);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': networkPk(DEMO_NETWORK.id) },
    ProjectionExpression: 'pk, sk',
  });
  const doomed = items.map((i) => ({ pk: i.pk, sk: i.sk }));
  if (existing) doomed.push(keys.slug(existing.slug), keys.inbox(existing.inboundLocalPart));
  await batchWriteAll(deleteRequests(doomed));
}

/**
 * Seeds the demo network unless it exists; with `force` it is removed and seeded afresh.
 * Goes through the same store functions the handlers use. Returns whether it seeded.
 */
export async function seedDemo(force = false): Promise<boolean> {
  if (await getNetwork(DEMO_NETWORK.id)) {
    if (!force) return false;
    await removeDemo();
  }
  const now = nowIso();
  await createNetwork(newNetwork({ ...DEMO_NETWORK }, DEMO_NETWORK.id, now));
  await Promise.all(
    DEMO_COMPETENCES.map((c) => createCompetence(DEMO_NETWORK.id, { ...c, synonyms: [...c.synonyms] })),
  );
  for (const { resources, ...p } of DEMO_PARTNERS) {
    await createPartner(DEMO_NETWORK.id, { ...p, active: true, createdAt: now, updatedAt: now });
    await Promise.all(
      resources.map((r, i) =>
        createResource(DEMO_NETWORK.id, {
          ...r,
          id: `${p.id}-r${i + 1}`,
          partnerId: p.id,
          exceptions: r.exceptions ?? [],
        }),
      ),
    );
  }
  return true;
}
