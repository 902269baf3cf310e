import * as z from 'zod/mini';
import { languageTag } from '#shared/i18n';
import { email, id, instant, isoDate, isoDateTime, multilineText, text, timezone } from '#shared/schema';
import { tierErrors } from './pool';

/** A whole number in [min, max]; the message says what is allowed ("must be a whole number ≥ 1, got 0"). */
const whole = (min: number, max: number) =>
  z
    .int(`must be a whole number ≥ ${min}`)
    .check(z.gte(min, `must be a whole number ≥ ${min}`), z.lte(max, `must be at most ${max}`));

/** Money is integer cents. */
const cents = (min: number) => whole(min, 1_000_000_000);

export const quantity = whole(1, 1_000_000);

export const poolStatus = z.enum(['open', 'closing', 'closed', 'cancelled']);
export type PoolStatus = z.infer<typeof poolStatus>;
export const endAction = z.enum(['order_if_minimum_reached', 'order_always', 'cancel']);
export const shippingSplit = z.enum(['by_quantity', 'equal', 'by_value']);

/** The supplier; `language` picks the order's language (German and English when absent). */
const Supplier = z.strictObject({ name: text(120), email, language: z.optional(languageTag) });
const Article = z.strictObject({ name: text(200), number: text(60), unit: text(20) });
const Tier = z.strictObject({ minQuantity: quantity, unitPriceCents: cents(1) });

export const OpenPoolBody = z
  .strictObject({
    supplier: Supplier,
    article: Article,
    listPriceCents: cents(1),
    /** Price tiers: minimum quantities rising, unit prices strictly falling below the list price. */
    tiers: z.array(Tier).check(z.minLength(1), z.maxLength(20)),
    /** Orders are whole packs of this many units. */
    packSize: z.optional(whole(1, 100_000)),
    minimumQuantity: z.optional(quantity),
    deadline: instant,
    /** Timezone of the deadline schedule; the network's timezone by default. */
    timezone: z.optional(timezone),
    endAction: z._default(endAction, 'order_if_minimum_reached'),
    shippingCents: z._default(cents(0), 0),
    shippingSplit: z._default(shippingSplit, 'by_quantity'),
    /** Partners who may join; all partners of the network when absent. */
    eligiblePartnerIds: z.optional(z.array(id).check(z.minLength(1), z.maxLength(500))),
    /** Whether partners see each other's quantities (they always see totals). */
    showParticipantQuantities: z._default(z.boolean(), false),
    /** The delivery date the order asks the supplier for. */
    deliveryDate: z.optional(isoDate),
    /** One address for the whole order; without it each partner's delivery address is used. */
    centralDeliveryAddress: z.optional(multilineText(300)),
    /** VAT rate of the order in percent (Austria's standard rate by default). */
    vatRatePct: z._default(z.number().check(z.gte(0), z.lte(100)), 20),
  })
  .check(
    z.superRefine((body, ctx) => {
      for (const e of tierErrors(body.listPriceCents, body.tiers)) {
        ctx.addIssue({
          code: 'custom',
          message: e.message,
          path: e.path.split('.'),
          input: body,
          params: { code: e.code },
        });
      }
    }),
  );
export type OpenPoolBody = z.infer<typeof OpenPoolBody>;

export const QuantityBody = z.strictObject({ quantity });
export const DeadlineBody = z.strictObject({ deadline: instant });
export const CancelBody = z.strictObject({ reason: multilineText(500) });

export const PoolPath = z.strictObject({ poolId: id });
export const LinePath = z.strictObject({ poolId: id, partnerId: id });
export const PartnerPath = z.strictObject({ partnerId: id });
export const ListPoolsQuery = z.strictObject({
  state: z._default(z.enum(['open', 'closed', 'cancelled']), 'open'),
});

const AllocationLine = z.object({
  partnerId: z.string(),
  requestedQuantity: z.number(),
  quantity: z.number(),
  unitPriceCents: z.number(),
  lineTotalCents: z.number(),
  shippingCents: z.number(),
  totalCents: z.number(),
  savingsVsListCents: z.number(),
  aloneQuantity: z.number(),
  aloneUnitPriceCents: z.number(),
  aloneTotalCents: z.number(),
  savingsVsAloneCents: z.number(),
});

export const Allocation = z.object({
  requestedQuantity: z.number(),
  orderQuantity: z.number(),
  packRoundingUnits: z.number(),
  tier: z.number(),
  unitPriceCents: z.number(),
  goodsTotalCents: z.number(),
  shippingCents: z.number(),
  totalCents: z.number(),
  savingsVsListCents: z.number(),
  savingsVsAloneCents: z.number(),
  lines: z.array(AllocationLine),
});

/** A pool as stored (pk `NET#<id>`, sk `POOL#<poolId>`). */
export const Pool = z.object({
  id,
  supplier: z.object({ name: z.string(), email: z.string(), language: z.optional(z.string()) }),
  article: z.object({ name: z.string(), number: z.string(), unit: z.string() }),
  /** The short order number the supplier quotes back (`HHN-B-2027-0007`); older pools have none. */
  orderNumber: z.optional(z.string()),
  deliveryDate: z.optional(z.string()),
  centralDeliveryAddress: z.optional(z.string()),
  vatRatePct: z.optional(z.number()),
  listPriceCents: z.number(),
  tiers: z.array(z.object({ minQuantity: z.number(), unitPriceCents: z.number() })),
  packSize: z.optional(z.number()),
  minimumQuantity: z.optional(z.number()),
  deadline: isoDateTime,
  timezone: z.string(),
  endAction,
  shippingCents: z.number(),
  shippingSplit,
  eligiblePartnerIds: z.optional(z.array(z.string())),
  showParticipantQuantities: z.boolean(),
  createdBy: z.object({ role: z.enum(['coordinator', 'partner']), partnerId: z.optional(z.string()) }),
  status: poolStatus,
  /** Sum of the participants' quantities, kept by the join/change/withdraw transactions. */
  totalQuantity: z.number(),
  participants: z.number(),
  /** The highest tier whose "reached" e-mail went out (0: none). */
  tierNotified: z.number(),
  closeTrigger: z.optional(z.enum(['deadline', 'early'])),
  closedAt: z.optional(isoDateTime),
  cancelReason: z.optional(z.string()),
  allocation: z.optional(Allocation),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Pool = z.infer<typeof Pool>;

/** A partner's participation (pk `NET#<id>`, sk `POOL#<poolId>#LINE#<partnerId>`). */
export const Line = z.object({
  poolId: id,
  partnerId: id,
  quantity: z.number(),
  joinedAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Line = z.infer<typeof Line>;

/** What the scheduler delivers to close-pool.handler.ts. */
export const ClosePoolEvent = z.strictObject({
  networkId: id,
  poolId: id,
  /** The reminder 24 h before the deadline, not the close. */
  reminder: z.optional(z.literal(true)),
});
export type ClosePoolEvent = z.infer<typeof ClosePoolEvent>;

// ---- responses (documentation) ------------------------------------------------------------

const Level = z.object({ tier: z.number(), minQuantity: z.number(), unitPriceCents: z.number() });
export const PoolView = z.object({
  ...Pool.def.shape,
  totals: z.object({
    quantity: z.number(),
    orderQuantity: z.number(),
    participants: z.number(),
    currentTier: Level,
    unitPriceCents: z.number(),
    nextTier: z.nullable(z.object({ ...Level.def.shape, unitsToGo: z.number() })),
    unitsToNextTier: z.nullable(z.number()),
    minimumReached: z.boolean(),
  }),
  myLine: z.optional(z.nullable(z.object({ quantity: z.number(), joinedAt: z.string() }))),
  lines: z.optional(z.array(z.object({ partnerId: z.string(), quantity: z.number() }))),
});

/** A pool in lists: no lines; a partner also gets its own quantity (null: not joined). */
export const PoolSummary = z.object({
  id,
  status: poolStatus,
  supplier: z.object({ name: z.string() }),
  article: Pool.def.shape.article,
  deadline: isoDateTime,
  timezone: z.string(),
  listPriceCents: z.number(),
  totals: z.object({
    quantity: z.number(),
    participants: z.number(),
    currentTier: z.number(),
    unitPriceCents: z.number(),
    unitsToNextTier: z.nullable(z.number()),
  }),
  myQuantity: z.optional(z.nullable(z.number())),
});

/** A partner's lines across pools: what it asked for, got and paid, with totals over closed pools. */
export const PurchaseHistory = z.object({
  partnerId: z.string(),
  items: z.array(
    z.object({
      poolId: z.string(),
      status: poolStatus,
      supplier: z.object({ name: z.string() }),
      article: Pool.def.shape.article,
      deadline: isoDateTime,
      closedAt: z.optional(isoDateTime),
      requestedQuantity: z.number(),
      allocation: z.optional(AllocationLine),
      cancelReason: z.optional(z.string()),
    }),
  ),
  totals: z.object({
    pools: z.number(),
    spentCents: z.number(),
    savingsVsListCents: z.number(),
    savingsVsAloneCents: z.number(),
  }),
});

// Named in the OpenAPI document: one definition in components/schemas, referenced where used.
PoolView.register(z.globalRegistry, { id: 'PoolView' });
PoolSummary.register(z.globalRegistry, { id: 'PoolSummary' });
Allocation.register(z.globalRegistry, { id: 'Allocation' });
