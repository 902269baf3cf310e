import { NotFoundError } from '../../shared/http/errors';
import { logger } from '../../shared/log';
import { nowIso } from '../../shared/time';
import { recordUsage } from '../reports/store';
import { mailContext, sendAll } from './mailing';
import { mailCancellation } from './notices';
import { confirmationMail, supplierOrderMail } from './order';
import { allocate, type CloseTrigger, closeDecision } from './pool';
import type { Pool } from './schema';
import { beginClosing, finishClosing, getPool, getPoolWithLines } from './store';

/** A schedule that fires this long before the deadline is stale (the deadline moved later). */
const EARLY_TOLERANCE_MS = 60_000;

export interface CloseResult {
  pool: Pool;
  /** True for the one call that closed the pool; repeated calls get the pool as it is. */
  closedNow: boolean;
}

/**
 * Closes a pool, shared by the deadline schedule and the coordinator's early close. Idempotent:
 * 1. open → closing (conditional): from then on no quantity changes land, so the lines are final;
 * 2. the end action decides order or cancel; the allocation is computed from the final lines;
 * 3. closing → closed | cancelled (conditional): exactly one caller wins and mails, so a
 *    repeated schedule or a double click closes once and mails once. A caller that finds the
 *    pool `closing` (a crash or a concurrent close) completes the same deterministic steps.
 */
export async function closePool(
  networkId: string,
  poolId: string,
  trigger: CloseTrigger,
  now = nowIso(),
): Promise<CloseResult> {
  let pool = await getPool(networkId, poolId);
  if (!pool) throw new NotFoundError('pool');
  if (pool.status === 'open') {
    if (trigger === 'deadline' && Date.parse(pool.deadline) - Date.parse(now) > EARLY_TOLERANCE_MS) {
      logger.info('stale close schedule ignored: the deadline moved', { poolId, deadline: pool.deadline });
      return { pool, closedNow: false };
    }
    pool = (await beginClosing(networkId, pool, trigger, now)) ?? (await getPool(networkId, poolId))!;
  }
  if (pool.status !== 'closing') return { pool, closedNow: false };

  const { lines } = (await getPoolWithLines(networkId, poolId))!;
  const requested = lines.reduce((s, l) => s + l.quantity, 0);
  const decision = closeDecision(pool, requested, pool.closeTrigger ?? trigger);
  const outcome =
    decision.outcome === 'order'
      ? ({ status: 'closed', allocation: allocate(pool, lines) } as const)
      : ({ status: 'cancelled', reason: decision.reason } as const);
  const finished = await finishClosing(networkId, pool, outcome, now);
  if (!finished) return { pool: (await getPool(networkId, poolId))!, closedNow: false };

  await recordUsage(networkId, 'poolsClosed');
  if (outcome.status === 'cancelled') {
    await mailCancellation(networkId, finished, lines, outcome.reason);
  } else {
    const { sender, partners } = await mailContext(networkId);
    const names = new Map([...partners.values()].map((p) => [p.partnerId, p.name]));
    const mails = [supplierOrderMail(finished, outcome.allocation, sender, names)];
    for (const line of outcome.allocation.lines) {
      const to = partners.get(line.partnerId);
      if (to) mails.push(confirmationMail(finished, outcome.allocation, line, sender, to));
    }
    await sendAll(networkId, mails);
  }
  return { pool: finished, closedNow: true };
}
