import { noticeItemsFor } from '#functions/notifications/index';
import { NotFoundError } from '#shared/http/errors';
import { logger } from '#shared/log';
import { queuedMailItem } from '#shared/mail/outbox';
import { recordUsage } from '#shared/metering/store';
import { nowIso } from '#shared/time';
import { mailContext, type PoolMail, queueAll } from './mailing';
import { cancellationMails } from './notices';
import { orderPdf } from './order-pdf';
import { type Allocation, allocate, type CloseTrigger, closeDecision } from './pool';
import {
  confirmationMail,
  orderDocument,
  orderReference,
  poolFailedNoticeOf,
  type Recipient,
  type Sender,
  supplierLanguages,
  supplierOrderMail,
} from './purchasing-mail';
import type { Pool } from './schema';
import { beginClosing, FINISH_EXTRA_MAX, finishClosing, getPool, getPoolWithLines } from './store';

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
 * 3. closing → closed | cancelled (conditional, in one transaction with the queued mails):
 *    exactly one caller wins and mails, so a repeated schedule or a double click closes once and
 *    mails once. A caller that finds the pool `closing` (a crash or a concurrent close)
 *    completes the same deterministic steps.
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
  // the mails are queued in the transaction that finishes the close (they read only what the
  // close does not change: article, supplier, deadline, timezone)
  const { sender, partners } = await mailContext(networkId);
  const mails =
    outcome.status === 'cancelled'
      ? cancellationMails(pool, lines, outcome.reason, sender, partners)
      : await orderMails(pool, outcome.allocation, sender, partners, now);
  // the contact person and opted-in coordinators hear of a failed pool in the same transaction
  const notices =
    outcome.status === 'cancelled'
      ? await noticeItemsFor(networkId, poolFailedNoticeOf(pool, outcome.reason))
      : [];
  // pools with more participants than one transaction holds: the rest is queued right after it
  const together = mails.slice(0, FINISH_EXTRA_MAX - notices.length);
  const finished = await finishClosing(networkId, pool, outcome, now, [
    ...notices,
    ...together.map((m) => queuedMailItem(networkId, m.mail, { id: m.id })),
  ]);
  if (!finished) return { pool: (await getPool(networkId, poolId))!, closedNow: false };
  await queueAll(networkId, mails.slice(together.length));

  await recordUsage(networkId, 'poolsClosed');
  return { pool: finished, closedNow: true };
}

/** The supplier's purchase order (HTML, CSV and PDF) and each participant's confirmation. */
async function orderMails(
  pool: Pool,
  allocation: Allocation,
  sender: Sender,
  partners: ReadonlyMap<string, Recipient>,
  now: string,
): Promise<PoolMail[]> {
  const order = supplierOrderMail(pool, allocation, sender, partners, now);
  const pdf = await orderPdf(
    supplierLanguages(pool).map((lang) => orderDocument(pool, allocation, sender, partners, lang, now)),
  );
  order.attachments = [
    ...(order.attachments ?? []),
    { filename: `${orderReference(pool)}.pdf`, contentType: 'application/pdf', content: Buffer.from(pdf) },
  ];
  const mails = [{ id: `pool-${pool.id}-order`, mail: order }];
  for (const line of allocation.lines) {
    const to = partners.get(line.partnerId);
    if (to) {
      mails.push({
        id: `pool-${pool.id}-confirmed-${line.partnerId}`,
        mail: confirmationMail(pool, allocation, line, sender, to),
      });
    }
  }
  return mails;
}
