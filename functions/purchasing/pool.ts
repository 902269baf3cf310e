/**
 * Pure rules of a purchase pool: price tiers, pack rounding, the closing decision and the
 * allocation of quantities, prices, savings and shipping. No I/O; every amount is integer cents.
 *
 * Pack rounding (who absorbs it): the supplier delivers whole packs, so the pool orders its total
 * rounded UP to whole packs. The extra units go to participants whose own quantity is not a whole
 * number of packs, largest gap to their next whole pack first (ties: earliest join, then partner
 * id), and never more than that gap. So no participant receives more than it would have had to
 * buy alone in whole packs, and none pays more than alone (tested as a property).
 */

export interface Tier {
  minQuantity: number;
  unitPriceCents: number;
}

/** The price terms of a pool: what the tier and allocation rules need. */
export interface PriceTerms {
  listPriceCents: number;
  tiers: readonly Tier[];
  packSize?: number;
}

export type ShippingSplit = 'by_quantity' | 'equal' | 'by_value';
export type EndAction = 'order_if_minimum_reached' | 'order_always' | 'cancel';

export interface PoolTerms extends PriceTerms {
  minimumQuantity?: number;
  endAction: EndAction;
  shippingCents: number;
  shippingSplit: ShippingSplit;
}

/** A price level: tier 0 is the list price, tier n is `tiers[n-1]`. */
export interface PriceLevel {
  tier: number;
  minQuantity: number;
  unitPriceCents: number;
}

/** Units the supplier delivers for `quantity` requested units: whole packs, rounded up. */
export function roundUpToPacks(quantity: number, packSize = 1): number {
  if (quantity <= 0) return 0;
  return (Math.floor((quantity - 1) / packSize) + 1) * packSize;
}

/** The best price level an order of `orderQuantity` units reaches. */
export function priceLevel(terms: PriceTerms, orderQuantity: number): PriceLevel {
  let level: PriceLevel = { tier: 0, minQuantity: 0, unitPriceCents: terms.listPriceCents };
  terms.tiers.forEach((t, i) => {
    if (orderQuantity >= t.minQuantity) level = { tier: i + 1, ...t };
  });
  return level;
}

export interface TierProgress {
  /** Units the participants asked for. */
  quantity: number;
  /** Units that would be ordered now: `quantity` rounded up to whole packs. */
  orderQuantity: number;
  current: PriceLevel;
  /** The next tier and how many more requested units reach it; null at the last tier. */
  next: (PriceLevel & { unitsToGo: number }) | null;
}

/** Where a pool with `quantity` requested units stands on its price tiers. */
export function tierProgress(terms: PriceTerms, quantity: number): TierProgress {
  const pack = terms.packSize ?? 1;
  const orderQuantity = roundUpToPacks(quantity, pack);
  const current = priceLevel(terms, orderQuantity);
  const nextTier = terms.tiers[current.tier];
  if (!nextTier) return { quantity, orderQuantity, current, next: null };
  // the smallest request that rounds up to at least the tier's minimum quantity
  const needed = (Math.ceil(nextTier.minQuantity / pack) - 1) * pack + 1;
  return {
    quantity,
    orderQuantity,
    current,
    next: { tier: current.tier + 1, ...nextTier, unitsToGo: Math.max(1, needed - quantity) },
  };
}

/** Field errors of a tier table: minimum quantities rising, prices strictly falling below list. */
export function tierErrors(
  listPriceCents: number,
  tiers: readonly Tier[],
): { path: string; message: string; code: string }[] {
  const errors: { path: string; message: string; code: string }[] = [];
  tiers.forEach((t, i) => {
    const before = tiers[i - 1];
    if (before && t.minQuantity <= before.minQuantity) {
      errors.push({
        path: `tiers.${i}.minQuantity`,
        message: `must be greater than the previous tier's ${before.minQuantity}`,
        code: 'not_ascending',
      });
    }
    const ceiling = before ? before.unitPriceCents : listPriceCents;
    if (t.unitPriceCents >= ceiling) {
      errors.push({
        path: `tiers.${i}.unitPriceCents`,
        message: `prices must strictly decrease: must be below ${before ? "the previous tier's" : 'the list price'} ${ceiling}`,
        code: 'not_descending',
      });
    }
  });
  return errors;
}

/**
 * Splits `total` cents over `weights` so the shares sum to `total` exactly (largest-remainder,
 * Hamilton's method): each share is the floor of its exact part, and the cents left over go to
 * the largest fractional remainders (ties: lower index first). All-zero weights split equally.
 * BigInt keeps the products exact for any amount.
 */
export function splitLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const w = weights.every((x) => x === 0) ? weights.map(() => 1n) : weights.map((x) => BigInt(x));
  const sum = w.reduce((a, b) => a + b, 0n);
  const t = BigInt(total);
  const floors = w.map((x) => (t * x) / sum);
  const remainders = w.map((x, i) => ({ i, r: t * x - floors[i]! * sum }));
  let left = Number(t - floors.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const shares = floors.map(Number);
  for (const { i } of remainders) {
    if (left === 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

export interface Participation {
  partnerId: string;
  quantity: number;
  joinedAt: string;
}

export interface AllocationLine {
  partnerId: string;
  /** What the partner asked for. */
  requestedQuantity: number;
  /** What it receives: requested plus its share of the pack rounding. */
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
  shippingCents: number;
  /** Goods plus shipping share. */
  totalCents: number;
  savingsVsListCents: number;
  /** Alone the partner would have bought whole packs at the tier that quantity reaches. */
  aloneQuantity: number;
  aloneUnitPriceCents: number;
  aloneTotalCents: number;
  savingsVsAloneCents: number;
}

export interface Allocation {
  requestedQuantity: number;
  orderQuantity: number;
  /** Units added by rounding up to whole packs. */
  packRoundingUnits: number;
  tier: number;
  unitPriceCents: number;
  goodsTotalCents: number;
  shippingCents: number;
  totalCents: number;
  savingsVsListCents: number;
  savingsVsAloneCents: number;
  lines: AllocationLine[];
}

/**
 * Allocates a closing pool: the order quantity (whole packs), the reached tier, and per
 * participant quantity, unit price, line total, savings against list price and against buying
 * alone, and the shipping share. Lines come back in the order given.
 */
export function allocate(terms: PoolTerms, participations: readonly Participation[]): Allocation {
  const pack = terms.packSize ?? 1;
  const active = participations.filter((p) => p.quantity > 0);
  const requestedQuantity = active.reduce((s, p) => s + p.quantity, 0);
  const orderQuantity = roundUpToPacks(requestedQuantity, pack);
  const level = priceLevel(terms, orderQuantity);

  // pack rounding: extra units fill the participants' own gaps to a whole pack (see module doc)
  const extra = new Map<string, number>();
  let toPlace = orderQuantity - requestedQuantity;
  const byGap = active
    .map((p) => ({ p, gap: roundUpToPacks(p.quantity, pack) - p.quantity }))
    .sort(
      (a, b) =>
        b.gap - a.gap ||
        a.p.joinedAt.localeCompare(b.p.joinedAt) ||
        a.p.partnerId.localeCompare(b.p.partnerId),
    );
  for (const { p, gap } of byGap) {
    if (toPlace === 0) break;
    const units = Math.min(gap, toPlace);
    extra.set(p.partnerId, units);
    toPlace -= units;
  }

  const goods = active.map((p) => {
    const quantity = p.quantity + (extra.get(p.partnerId) ?? 0);
    return { p, quantity, lineTotalCents: quantity * level.unitPriceCents };
  });
  const weights = goods.map((g) =>
    terms.shippingSplit === 'equal' ? 1 : terms.shippingSplit === 'by_value' ? g.lineTotalCents : g.quantity,
  );
  const shipping = splitLargestRemainder(terms.shippingCents, weights);

  const lines = goods.map((g, i): AllocationLine => {
    const aloneQuantity = roundUpToPacks(g.p.quantity, pack);
    const alone = priceLevel(terms, aloneQuantity);
    const aloneTotalCents = aloneQuantity * alone.unitPriceCents;
    const shippingCents = active.length > 0 ? shipping[i]! : 0;
    return {
      partnerId: g.p.partnerId,
      requestedQuantity: g.p.quantity,
      quantity: g.quantity,
      unitPriceCents: level.unitPriceCents,
      lineTotalCents: g.lineTotalCents,
      shippingCents,
      totalCents: g.lineTotalCents + shippingCents,
      savingsVsListCents: g.quantity * terms.listPriceCents - g.lineTotalCents,
      aloneQuantity,
      aloneUnitPriceCents: alone.unitPriceCents,
      aloneTotalCents,
      savingsVsAloneCents: aloneTotalCents - g.lineTotalCents,
    };
  });
  const sum = (f: (l: AllocationLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  const goodsTotalCents = orderQuantity * level.unitPriceCents;
  const shippingCents = lines.length > 0 ? terms.shippingCents : 0;
  return {
    requestedQuantity,
    orderQuantity,
    packRoundingUnits: orderQuantity - requestedQuantity,
    tier: level.tier,
    unitPriceCents: level.unitPriceCents,
    goodsTotalCents,
    shippingCents,
    totalCents: goodsTotalCents + shippingCents,
    savingsVsListCents: sum((l) => l.savingsVsListCents),
    savingsVsAloneCents: sum((l) => l.savingsVsAloneCents),
    lines,
  };
}

export type CloseTrigger = 'deadline' | 'early';
export type CloseDecision = { outcome: 'order' } | { outcome: 'cancel'; reason: string };

/**
 * What closing does, from the end action:
 * - `order_always`: order whatever was requested (if anything);
 * - `order_if_minimum_reached`: order if the order quantity reaches the minimum, else cancel;
 * - `cancel`: the deadline cancels the pool; only the coordinator's early close orders (and then
 *   only if the minimum is reached).
 * A pool nobody joined is always cancelled.
 */
export function closeDecision(
  terms: Pick<PoolTerms, 'endAction' | 'minimumQuantity' | 'packSize'>,
  requestedQuantity: number,
  trigger: CloseTrigger,
): CloseDecision {
  if (requestedQuantity <= 0) return { outcome: 'cancel', reason: 'nobody joined the pool' };
  if (terms.endAction === 'order_always') return { outcome: 'order' };
  if (terms.endAction === 'cancel' && trigger === 'deadline') {
    return {
      outcome: 'cancel',
      reason: 'the deadline passed and this pool orders only when the coordinator closes it early',
    };
  }
  const orderQuantity = roundUpToPacks(requestedQuantity, terms.packSize ?? 1);
  if (terms.minimumQuantity !== undefined && orderQuantity < terms.minimumQuantity) {
    return {
      outcome: 'cancel',
      reason: `the minimum total quantity of ${terms.minimumQuantity} was not reached (${orderQuantity} requested)`,
    };
  }
  return { outcome: 'order' };
}
