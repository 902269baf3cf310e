import type { CallerOf } from '#shared/http/auth';
import type { FieldError } from '#shared/http/errors';
import { atExpression } from '#shared/scheduler/expression';
import type { ScheduleSpec } from '#shared/scheduler/index';
import { tierProgress } from './pool';
import type { Line, OpenPoolBody, Pool } from './schema';

/** Pure rules around a pool that are not prices: creation, deadlines, who sees and manages what. */

type Member = CallerOf<'coordinator' | 'partner'>;

const YEAR_MS = 366 * 24 * 3600 * 1000;

/** A deadline as stored: UTC, rounded up to the whole second (schedules have second precision). */
export function normaliseDeadline(input: string): string {
  return new Date(Math.ceil(Date.parse(input) / 1000) * 1000).toISOString();
}

/** Field errors of a deadline: it must lie in the future and within a year. */
export function deadlineErrors(deadline: string, now: string, path = 'deadline'): FieldError[] {
  const t = Date.parse(deadline);
  if (t <= Date.parse(now))
    return [{ path, message: `must be in the future, got ${deadline} (now ${now})`, code: 'not_in_future' }];
  if (t - Date.parse(now) > YEAR_MS)
    return [{ path, message: `must be within a year, got ${deadline}`, code: 'too_far_ahead' }];
  return [];
}

/** Indexes of eligible partner ids that repeat or are not partners of the network. */
export function eligibilityErrors(
  ids: readonly string[] | undefined,
  known: ReadonlySet<string>,
): FieldError[] {
  if (!ids) return [];
  const seen = new Set<string>();
  return ids.flatMap((id, i) => {
    const path = `eligiblePartnerIds.${i}`;
    if (seen.has(id)) return [{ path, message: `${id} is listed twice`, code: 'duplicate' }];
    seen.add(id);
    return known.has(id)
      ? []
      : [{ path, message: `${id} is not a partner of this network`, code: 'unknown_partner' }];
  });
}

export function newPool(
  body: OpenPoolBody,
  id: string,
  caller: Member,
  timezone: string,
  now: string,
  orderNumber?: string,
): Pool {
  return {
    id,
    supplier: body.supplier,
    article: body.article,
    ...(orderNumber ? { orderNumber } : {}),
    ...(body.deliveryDate ? { deliveryDate: body.deliveryDate } : {}),
    ...(body.centralDeliveryAddress ? { centralDeliveryAddress: body.centralDeliveryAddress } : {}),
    vatRatePct: body.vatRatePct,
    listPriceCents: body.listPriceCents,
    tiers: body.tiers,
    packSize: body.packSize,
    minimumQuantity: body.minimumQuantity,
    deadline: normaliseDeadline(body.deadline),
    timezone: body.timezone ?? timezone,
    endAction: body.endAction,
    shippingCents: body.shippingCents,
    shippingSplit: body.shippingSplit,
    eligiblePartnerIds: body.eligiblePartnerIds,
    showParticipantQuantities: body.showParticipantQuantities,
    createdBy:
      caller.role === 'partner' ? { role: 'partner', partnerId: caller.partnerId } : { role: 'coordinator' },
    status: 'open',
    totalQuantity: 0,
    participants: 0,
    tierNotified: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** The one-time schedule that closes the pool at its deadline, in the pool's timezone. */
export function closeSchedule(
  networkId: string,
  pool: Pick<Pool, 'id' | 'deadline' | 'timezone'>,
): ScheduleSpec {
  return {
    name: scheduleName(pool.id),
    expression: atExpression(pool.deadline, pool.timezone),
    timezone: pool.timezone,
    target: 'close-pool',
    payload: { networkId, poolId: pool.id },
  };
}

/** Schedule names are unique per group; pool ids (ULIDs) are unique everywhere. */
export const scheduleName = (poolId: string) => `pool-${poolId}`;

/** How long before the deadline partners are reminded. */
export const REMINDER_BEFORE_MS = 24 * 3_600_000;

export const reminderScheduleName = (poolId: string) => `pool-${poolId}-reminder`;

/**
 * The one-time schedule that reminds the partners 24 h before the deadline (the same target as
 * the close, with `reminder: true`); none when the deadline is less than 24 h away.
 */
export function reminderSchedule(
  networkId: string,
  pool: Pick<Pool, 'id' | 'deadline' | 'timezone'>,
  now: string,
): ScheduleSpec | undefined {
  const at = Date.parse(pool.deadline) - REMINDER_BEFORE_MS;
  if (at <= Date.parse(now) + 60_000) return undefined;
  return {
    name: reminderScheduleName(pool.id),
    expression: atExpression(new Date(at), pool.timezone),
    timezone: pool.timezone,
    target: 'close-pool',
    payload: { networkId, poolId: pool.id, reminder: true },
  };
}

/** Coordinators see every pool; a partner sees the pools it may join and the ones it opened. */
export function canSee(pool: Pool, caller: Member): boolean {
  if (caller.role === 'coordinator') return true;
  return (
    !pool.eligiblePartnerIds ||
    pool.eligiblePartnerIds.includes(caller.partnerId) ||
    pool.createdBy.partnerId === caller.partnerId
  );
}

/** Whether the partner may join (the creator sees its pool but joins only if eligible). */
export function canJoin(pool: Pool, partnerId: string): boolean {
  return !pool.eligiblePartnerIds || pool.eligiblePartnerIds.includes(partnerId);
}

/** The coordinator and the partner who opened the pool may move its deadline or cancel it. */
export function canManage(pool: Pool, caller: Member): boolean {
  return caller.role === 'coordinator' || pool.createdBy.partnerId === caller.partnerId;
}

/**
 * A pool as the caller may see it: totals, the current tier and the way to the next one always;
 * the caller's own line; other partners' quantities (live lines and closing allocation) only for
 * the coordinator, or for partners when the pool's creator allowed it.
 */
export function poolView(pool: Pool, caller: Member, opts: { lines?: Line[]; myLine?: Line | null } = {}) {
  const progress = tierProgress(pool, pool.totalQuantity);
  const seesOthers = caller.role === 'coordinator' || pool.showParticipantQuantities;
  const me = caller.role === 'partner' ? caller.partnerId : undefined;
  const { allocation, ...rest } = pool;
  const myLine =
    opts.myLine !== undefined
      ? opts.myLine
      : me
        ? (opts.lines?.find((l) => l.partnerId === me) ?? null)
        : undefined;
  return {
    ...rest,
    totals: {
      quantity: pool.totalQuantity,
      orderQuantity: progress.orderQuantity,
      participants: pool.participants,
      currentTier: progress.current,
      unitPriceCents: progress.current.unitPriceCents,
      nextTier: progress.next,
      unitsToNextTier: progress.next?.unitsToGo ?? null,
      minimumReached: pool.minimumQuantity === undefined || progress.orderQuantity >= pool.minimumQuantity,
    },
    ...(me ? { myLine: myLine ? { quantity: myLine.quantity, joinedAt: myLine.joinedAt } : null } : {}),
    ...(seesOthers && opts.lines
      ? { lines: opts.lines.map((l) => ({ partnerId: l.partnerId, quantity: l.quantity })) }
      : {}),
    ...(allocation
      ? {
          allocation: seesOthers
            ? allocation
            : { ...allocation, lines: allocation.lines.filter((l) => l.partnerId === me) },
        }
      : {}),
  };
}

/** The summary of a pool in lists: no lines. */
export function poolSummary(pool: Pool, caller: Member, myQuantity?: number) {
  const progress = tierProgress(pool, pool.totalQuantity);
  return {
    id: pool.id,
    status: pool.status,
    supplier: { name: pool.supplier.name },
    article: pool.article,
    deadline: pool.deadline,
    timezone: pool.timezone,
    listPriceCents: pool.listPriceCents,
    totals: {
      quantity: pool.totalQuantity,
      participants: pool.participants,
      currentTier: progress.current.tier,
      unitPriceCents: progress.current.unitPriceCents,
      unitsToNextTier: progress.next?.unitsToGo ?? null,
    },
    ...(caller.role === 'partner' ? { myQuantity: myQuantity ?? null } : {}),
  };
}

/**
 * A partner's purchase history from its lines and their pools: what it asked for, what it got
 * and paid in closed pools, why cancelled ones were cancelled, and its totals over closed pools.
 */
export function purchaseHistory(lines: readonly Line[], pools: readonly Pool[]) {
  const byId = new Map(pools.map((p) => [p.id, p]));
  const items = lines.flatMap((l) => {
    const pool = byId.get(l.poolId);
    if (!pool) return [];
    const allocated = pool.allocation?.lines.find((a) => a.partnerId === l.partnerId);
    return [
      {
        poolId: pool.id,
        status: pool.status,
        supplier: { name: pool.supplier.name },
        article: pool.article,
        deadline: pool.deadline,
        closedAt: pool.closedAt,
        requestedQuantity: l.quantity,
        ...(allocated ? { allocation: allocated } : {}),
        ...(pool.cancelReason ? { cancelReason: pool.cancelReason } : {}),
      },
    ];
  });
  const bought = items.flatMap((i) => (i.allocation ? [i.allocation] : []));
  const sum = (f: (a: (typeof bought)[number]) => number) => bought.reduce((s, a) => s + f(a), 0);
  return {
    items,
    totals: {
      pools: bought.length,
      spentCents: sum((a) => a.totalCents),
      savingsVsListCents: sum((a) => a.savingsVsListCents),
      savingsVsAloneCents: sum((a) => a.savingsVsAloneCents),
    },
  };
}
