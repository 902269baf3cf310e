import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  closeDecision,
  type Participation,
  type PoolTerms,
  priceLevel,
  roundUpToPacks,
  splitLargestRemainder,
  tierErrors,
  tierProgress,
} from '#functions/purchasing/pool';
import { euro } from '#shared/money';

const terms = (over: Partial<PoolTerms> = {}): PoolTerms => ({
  listPriceCents: 1500,
  tiers: [
    { minQuantity: 10, unitPriceCents: 1300 },
    { minQuantity: 50, unitPriceCents: 1140 },
    { minQuantity: 100, unitPriceCents: 1000 },
  ],
  endAction: 'order_if_minimum_reached',
  shippingCents: 1000,
  shippingSplit: 'by_quantity',
  ...over,
});

const joined = (...qs: [string, number][]): Participation[] =>
  qs.map(([partnerId, quantity], i) => ({
    partnerId,
    quantity,
    joinedAt: `2026-11-0${i + 1}T10:00:00.000Z`,
  }));

describe('price tiers', () => {
  it('pays list price below the first tier and the best reached tier above', () => {
    expect(priceLevel(terms(), 9)).toEqual({ tier: 0, minQuantity: 0, unitPriceCents: 1500 });
    expect(priceLevel(terms(), 10)).toEqual({ tier: 1, minQuantity: 10, unitPriceCents: 1300 });
    expect(priceLevel(terms(), 99)).toEqual({ tier: 2, minQuantity: 50, unitPriceCents: 1140 });
    expect(priceLevel(terms(), 1000)).toEqual({ tier: 3, minQuantity: 100, unitPriceCents: 1000 });
  });

  it('tells how many units reach the next tier, counting whole packs', () => {
    expect(tierProgress(terms(), 55).next).toEqual({
      tier: 3,
      minQuantity: 100,
      unitPriceCents: 1000,
      unitsToGo: 45,
    });
    expect(tierProgress(terms(), 120).next).toBeNull();
    // packs of 12: 41 requested → 48 ordered (tier 1); 49 requested → 60 ordered reaches tier 2
    const packed = tierProgress(terms({ packSize: 12 }), 41);
    expect(packed.orderQuantity).toBe(48);
    expect(packed.current.tier).toBe(1);
    expect(packed.next?.unitsToGo).toBe(8);
  });

  it('names the tier headline numbers the issue promises', () => {
    const p = tierProgress(terms(), 70);
    expect([p.current.tier, euro(p.current.unitPriceCents), p.next?.unitsToGo, p.next?.tier]).toEqual([
      2,
      '11.40 €',
      30,
      3,
    ]);
  });

  it('rejects tiers whose prices do not strictly decrease or whose quantities do not rise', () => {
    expect(
      tierErrors(1500, [
        { minQuantity: 10, unitPriceCents: 1500 },
        { minQuantity: 10, unitPriceCents: 1200 },
        { minQuantity: 20, unitPriceCents: 1250 },
      ]).map((e) => e.path),
    ).toEqual(['tiers.0.unitPriceCents', 'tiers.1.minQuantity', 'tiers.2.unitPriceCents']);
    expect(tierErrors(1500, terms().tiers)).toEqual([]);
  });
});

describe('allocation, hand-computed', () => {
  it('allocates two partners at tier 2 with shipping by quantity (largest remainder)', () => {
    const a = allocate(terms(), joined(['a', 30], ['b', 25]));
    expect(a).toMatchObject({ orderQuantity: 55, tier: 2, unitPriceCents: 1140, goodsTotalCents: 62_700 });
    // shipping 1000 by 30:25 → 545.45 / 454.54; the cent left goes to b (remainder .54 > .45)
    expect(a.lines.map((l) => [l.partnerId, l.lineTotalCents, l.shippingCents])).toEqual([
      ['a', 34_200, 545],
      ['b', 28_500, 455],
    ]);
    // alone: 30 and 25 units both reach tier 1 only (13.00)
    expect(a.lines.map((l) => [l.savingsVsListCents, l.aloneTotalCents, l.savingsVsAloneCents])).toEqual([
      [10_800, 39_000, 4_800],
      [9_000, 32_500, 4_000],
    ]);
    expect(a.totalCents).toBe(63_700);
    expect(a.savingsVsAloneCents).toBe(8_800);
  });

  it('rounds up to whole packs and lets the partners with the largest gap to a whole pack absorb it', () => {
    const t = terms({
      listPriceCents: 1000,
      tiers: [{ minQuantity: 24, unitPriceCents: 900 }],
      packSize: 12,
    });
    const a = allocate(t, joined(['a', 10], ['b', 7], ['c', 12]));
    // 29 requested → 36 ordered; b's gap is 5, a's 2, c's 0
    expect([a.requestedQuantity, a.orderQuantity, a.packRoundingUnits]).toEqual([29, 36, 7]);
    expect(a.lines.map((l) => [l.partnerId, l.requestedQuantity, l.quantity, l.lineTotalCents])).toEqual([
      ['a', 10, 12, 10_800],
      ['b', 7, 12, 10_800],
      ['c', 12, 12, 10_800],
    ]);
    // alone each would have bought one pack at list price
    expect(a.lines.map((l) => l.savingsVsAloneCents)).toEqual([1_200, 1_200, 1_200]);
  });

  it('gives equal gaps to the earliest joiner first', () => {
    const t = terms({ packSize: 10, tiers: [{ minQuantity: 10, unitPriceCents: 1200 }] });
    const a = allocate(t, joined(['first', 3], ['second', 3]));
    expect(a.lines.map((l) => l.quantity)).toEqual([7, 3]);
  });

  it('splits shipping equally and by value, always to the cent', () => {
    const eq = allocate(terms({ shippingSplit: 'equal' }), joined(['a', 1], ['b', 1], ['c', 1]));
    expect(eq.lines.map((l) => l.shippingCents)).toEqual([334, 333, 333]);
    const byValue = allocate(
      terms({ shippingSplit: 'by_value', shippingCents: 999 }),
      joined(['a', 60], ['b', 30], ['c', 10]),
    );
    // 100 units at tier 3 (10.00): values 60000:30000:10000 → 599.4 / 299.7 / 99.9
    expect(byValue.lines.map((l) => l.shippingCents)).toEqual([599, 300, 100]);
  });

  it('splits exactly with the largest-remainder method', () => {
    expect(splitLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitLargestRemainder(10, [0, 0])).toEqual([5, 5]);
    expect(splitLargestRemainder(7, [5, 3, 2])).toEqual([4, 2, 1]);
  });
});

describe('closing decision', () => {
  it('orders when the minimum is reached and cancels with the reason when not', () => {
    expect(
      closeDecision({ endAction: 'order_if_minimum_reached', minimumQuantity: 50 }, 50, 'deadline'),
    ).toEqual({
      outcome: 'order',
    });
    expect(
      closeDecision({ endAction: 'order_if_minimum_reached', minimumQuantity: 50 }, 49, 'deadline'),
    ).toEqual({
      outcome: 'cancel',
      reason: 'the minimum total quantity of 50 was not reached (49 requested)',
    });
    // packs count: 45 requested in packs of 10 → 50 ordered
    expect(
      closeDecision(
        { endAction: 'order_if_minimum_reached', minimumQuantity: 50, packSize: 10 },
        45,
        'deadline',
      ),
    ).toEqual({ outcome: 'order' });
  });

  it('orders always with order_always, cancels at the deadline with cancel, never orders nothing', () => {
    expect(closeDecision({ endAction: 'order_always', minimumQuantity: 500 }, 3, 'deadline').outcome).toBe(
      'order',
    );
    expect(closeDecision({ endAction: 'cancel' }, 300, 'deadline').outcome).toBe('cancel');
    expect(closeDecision({ endAction: 'cancel' }, 300, 'early').outcome).toBe('order');
    expect(closeDecision({ endAction: 'order_always' }, 0, 'early')).toEqual({
      outcome: 'cancel',
      reason: 'nobody joined the pool',
    });
  });
});

// ---- properties ---------------------------------------------------------------------------

const termsArb = fc
  .record({
    listPriceCents: fc.integer({ min: 200, max: 200_000 }),
    steps: fc.array(
      fc.record({ dq: fc.integer({ min: 1, max: 200 }), dp: fc.integer({ min: 1, max: 30 }) }),
      {
        minLength: 1,
        maxLength: 6,
      },
    ),
    packSize: fc.option(fc.integer({ min: 1, max: 48 }), { nil: undefined }),
    shippingCents: fc.integer({ min: 0, max: 5_000_000 }),
    shippingSplit: fc.constantFrom('by_quantity' as const, 'equal' as const, 'by_value' as const),
  })
  .map(({ listPriceCents, steps, ...rest }): PoolTerms => {
    // rising quantities, prices falling by a share of the list price, never below 1 cent
    let q = 0;
    let p = listPriceCents;
    const tiers = steps.map((s) => {
      q += s.dq;
      p = Math.max(1, p - Math.max(1, Math.floor((listPriceCents * s.dp) / 200)));
      return { minQuantity: q, unitPriceCents: p };
    });
    const strictly = tiers.filter((t, i) => i === 0 || t.unitPriceCents < tiers[i - 1]!.unitPriceCents);
    return { listPriceCents, tiers: strictly, endAction: 'order_always', ...rest };
  });

const participationsArb = fc
  .uniqueArray(
    fc.record({ partnerId: fc.stringMatching(/^p[0-9]{1,3}$/), quantity: fc.integer({ min: 1, max: 600 }) }),
    {
      minLength: 1,
      maxLength: 40,
      selector: (p) => p.partnerId,
    },
  )
  .map((ps) =>
    ps.map((p, i) => ({ ...p, joinedAt: new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString() })),
  );

describe('allocation properties (fast-check)', () => {
  it('shares always add up exactly to the totals', () => {
    fc.assert(
      fc.property(termsArb, participationsArb, (t, ps) => {
        const a = allocate(t, ps);
        const sum = (f: (l: (typeof a.lines)[number]) => number) => a.lines.reduce((s, l) => s + f(l), 0);
        expect(sum((l) => l.shippingCents)).toBe(t.shippingCents);
        expect(sum((l) => l.lineTotalCents)).toBe(a.goodsTotalCents);
        expect(sum((l) => l.quantity)).toBe(a.orderQuantity);
        expect(sum((l) => l.totalCents)).toBe(a.totalCents);
        expect(a.goodsTotalCents).toBe(a.orderQuantity * a.unitPriceCents);
        expect(a.orderQuantity % (t.packSize ?? 1)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('no partner pays more than alone, nor receives more than it would have bought alone', () => {
    fc.assert(
      fc.property(termsArb, participationsArb, (t, ps) => {
        for (const l of allocate(t, ps).lines) {
          expect(l.lineTotalCents).toBeLessThanOrEqual(l.aloneTotalCents);
          expect(l.lineTotalCents + l.shippingCents).toBeLessThanOrEqual(l.aloneTotalCents + t.shippingCents);
          expect(l.unitPriceCents).toBeLessThanOrEqual(l.aloneUnitPriceCents);
          expect(l.quantity).toBeGreaterThanOrEqual(l.requestedQuantity);
          expect(l.quantity).toBeLessThanOrEqual(l.aloneQuantity);
          expect(l.savingsVsListCents).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('tiers are monotone: more units never cost more per unit, and unitsToGo reaches the next tier exactly', () => {
    fc.assert(
      fc.property(
        termsArb,
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 2000 }),
        (t, x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const pack = t.packSize ?? 1;
          const plo = priceLevel(t, roundUpToPacks(lo, pack));
          const phi = priceLevel(t, roundUpToPacks(hi, pack));
          expect(phi.unitPriceCents).toBeLessThanOrEqual(plo.unitPriceCents);
          expect(phi.tier).toBeGreaterThanOrEqual(plo.tier);
          const progress = tierProgress(t, lo);
          if (progress.next) {
            const { unitsToGo, tier } = progress.next;
            expect(tierProgress(t, lo + unitsToGo).current.tier).toBeGreaterThanOrEqual(tier);
            expect(tierProgress(t, lo + unitsToGo - 1).current.tier).toBeLessThan(tier);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('largest-remainder shares sum to the total and stay within a cent of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 50 }),
        (total, weights) => {
          const shares = splitLargestRemainder(total, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          const w = weights.every((x) => x === 0) ? weights.map(() => 1) : weights;
          const sum = w.reduce((a, b) => a + b, 0);
          shares.forEach((s, i) => {
            const exact = (total * w[i]!) / sum;
            expect(s).toBeGreaterThanOrEqual(Math.floor(exact) - 1e-9);
            expect(s).toBeLessThanOrEqual(Math.ceil(exact) + 1e-9);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
