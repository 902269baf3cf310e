import { mailContext, type PoolMail, queueAll } from './mailing';
import { tierProgress } from './pool';
import {
  cancellationMail,
  poolOpenedMail,
  poolReminderMail,
  type Recipient,
  type Sender,
  tierReachedMail,
} from './purchasing-mail';
import { REMINDER_BEFORE_MS } from './rules';
import type { Line, Pool } from './schema';
import { claimTierNotice, getPool, getPoolWithLines } from './store';

/**
 * After a join or a change: if the pool now stands on a tier nobody was told about yet, the
 * first request to claim that tier (a conditional write on `tierNotified`) queues a mail to every
 * participant; concurrent requests crossing the same boundary find it claimed and queue nothing.
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
    return to
      ? [
          {
            id: `pool-${pool.id}-tier-${progress.current.tier}-${l.partnerId}`,
            mail: tierReachedMail(found.pool, told, sender, to),
          },
        ]
      : [];
  });
  await queueAll(networkId, mails);
  return true;
}

/** The cancellation notice for every participant of a cancelled pool. */
export function cancellationMails(
  pool: Pool,
  lines: Line[],
  reason: string,
  sender: Sender,
  partners: ReadonlyMap<string, Recipient>,
): PoolMail[] {
  return lines.flatMap((l) => {
    const to = partners.get(l.partnerId);
    return to
      ? [{ id: `pool-${pool.id}-cancelled-${l.partnerId}`, mail: cancellationMail(pool, reason, sender, to) }]
      : [];
  });
}

/** Every participant of a pool cancelled by hand learns the reason (queued right after the cancel). */
export async function mailCancellation(networkId: string, pool: Pool, lines: Line[], reason: string) {
  const { sender, partners } = await mailContext(networkId);
  return queueAll(networkId, cancellationMails(pool, lines, reason, sender, partners));
}

/**
 * A pool that opened is announced to the partners who may join it: the eligible ones (all, if
 * the pool names none), active, not the partner who opened it, and not those who turned pool
 * mails off. Queued right after the pool is created, one deterministic id per partner.
 */
export async function announcePool(networkId: string, pool: Pool): Promise<number> {
  const { sender, partners } = await mailContext(networkId);
  const eligible = pool.eligiblePartnerIds ? new Set(pool.eligiblePartnerIds) : undefined;
  const mails = [...partners.values()]
    .filter(
      (p) =>
        p.active !== false &&
        !p.poolMailsOff &&
        p.partnerId !== pool.createdBy.partnerId &&
        (!eligible || eligible.has(p.partnerId)),
    )
    .map((to) => ({ id: `pool-${pool.id}-opened-${to.partnerId}`, mail: poolOpenedMail(pool, sender, to) }));
  return queueAll(networkId, mails);
}

/**
 * The reminder before the deadline (its own one-time schedule): every partner who may join (as
 * for the announcement, minus those with pool mails off) gets one mail, with the id
 * `pool-<id>-reminder-<partnerId>`, so a repeated delivery mails nobody twice. A pool that is no
 * longer open, or whose deadline moved further away (a stale schedule), reminds nobody.
 */
export async function remindPool(
  networkId: string,
  poolId: string,
  now = Date.now(),
): Promise<{ status: string; reminded: number }> {
  const pool = await getPool(networkId, poolId);
  if (!pool) return { status: 'missing', reminded: 0 };
  if (pool.status !== 'open' || Date.parse(pool.deadline) - now > REMINDER_BEFORE_MS + 5 * 60_000) {
    return { status: pool.status, reminded: 0 };
  }
  const { sender, partners } = await mailContext(networkId);
  const eligible = pool.eligiblePartnerIds ? new Set(pool.eligiblePartnerIds) : undefined;
  const progress = tierProgress(pool, pool.totalQuantity);
  const mails = [...partners.values()]
    .filter(
      (p) =>
        p.active !== false &&
        !p.poolMailsOff &&
        p.partnerId !== pool.createdBy.partnerId &&
        (!eligible || eligible.has(p.partnerId)),
    )
    .map((to) => ({
      id: `pool-${pool.id}-reminder-${to.partnerId}`,
      mail: poolReminderMail(pool, progress, sender, to),
    }));
  return { status: pool.status, reminded: await queueAll(networkId, mails) };
}
