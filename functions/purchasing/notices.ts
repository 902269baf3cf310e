import { mailContext, sendAll } from './mailing';
import { cancellationMail, tierReachedMail } from './order';
import { tierProgress } from './pool';
import type { Line, Pool } from './schema';
import { claimTierNotice, getPoolWithLines } from './store';

/**
 * After a join or a change: if the pool now stands on a tier nobody was told about yet, the
 * first request to claim that tier (a conditional write on `tierNotified`) mails every
 * participant; concurrent requests crossing the same boundary find it claimed and mail nothing.
 */
export async function announceTierIfReached(networkId: string, pool: Pool): Promise<boolean> {
  const progress = tierProgress(pool, pool.totalQuantity);
  if (progress.current.tier <= pool.tierNotified) return false;
  if (!(await claimTierNotice(networkId, pool.id, progress.current.tier))) return false;
  const found = await getPoolWithLines(networkId, pool.id);
  if (!found) return false;
  const now = tierProgress(found.pool, found.pool.totalQuantity);
  // tell the state the claim was made for, with the freshest distance to the next tier
  const told = now.current.tier >= progress.current.tier ? now : progress;
  const { sender, partners } = await mailContext(networkId);
  const mails = found.lines.flatMap((l) => {
    const to = partners.get(l.partnerId);
    return to ? [tierReachedMail(found.pool, told, sender, to)] : [];
  });
  await sendAll(networkId, mails);
  return true;
}

/** Every participant of a cancelled pool learns the reason. */
export async function mailCancellation(networkId: string, pool: Pool, lines: Line[], reason: string) {
  const { sender, partners } = await mailContext(networkId);
  const mails = lines.flatMap((l) => {
    const to = partners.get(l.partnerId);
    return to ? [cancellationMail(pool, reason, sender, to)] : [];
  });
  return sendAll(networkId, mails);
}
