import * as z from 'zod/mini';
import { contact, id, isoDate, isoDateTime, multilineText, postcode, text } from '#shared/schema';
import { weeksBetween } from '#shared/weeks';
import { MAX_PROPOSALS, MAX_REQUIREMENTS, RELAXATIONS } from './match-types';

/** Timeframes and calendars span at most a year (53 ISO weeks). */
export const MAX_WEEKS = 53;

const wholeHours = z.int().check(z.gte(1), z.lte(10_000));
/** Room or machine hours a competence's work needs besides people: 0 (none) … 10,000. */
const kindHours = z.int().check(z.gte(0), z.lte(10_000));
const level = z.int().check(z.gte(1), z.lte(5));

const withinAYear = (t: { from: string; to: string }) => weeksBetween(t.from, t.to).length <= MAX_WEEKS;

export const Timeframe = z.strictObject({ from: isoDate, to: isoDate }).check(
  z.refine((t) => t.from <= t.to, { message: 'to must not be before from', path: ['to'] }),
  z.refine((t) => t.from > t.to || withinAYear(t), {
    message: `must span at most ${MAX_WEEKS} ISO weeks`,
    path: ['to'],
  }),
);
export type Timeframe = z.infer<typeof Timeframe>;

/** A required competence as the matcher takes it: whole hours for the whole timeframe. */
export const Requirement = z.strictObject({
  competenceId: id,
  hours: wholeHours,
  minLevel: z.optional(level),
  /** Hours of the partner's rooms the work needs (booked on its `room` resources). */
  roomHours: z.optional(kindHours),
  /** Hours of the partner's machines the work needs (booked on its `machine` resources). */
  machineHours: z.optional(kindHours),
});
export type Requirement = z.infer<typeof Requirement>;

const noRepeats = z.refine<{ competenceId: string }[]>(
  (list) => new Set(list.map((c) => c.competenceId)).size === list.length,
  'must not name a competence twice',
);

// ---- request bodies and parameters ------------------------------------------------------

/** Everything optional: by default the inquiry's competences and timeframe are matched. */
export const RequestProposalsBody = z.strictObject({
  count: z.optional(z.int().check(z.gte(1), z.lte(MAX_PROPOSALS))),
  competences: z.optional(
    z.array(Requirement).check(z.minLength(1), z.maxLength(MAX_REQUIREMENTS), noRepeats),
  ),
  timeframe: z.optional(Timeframe),
});
export type RequestProposalsBody = z.infer<typeof RequestProposalsBody>;

/** Edits on accepting: another partner for a competence, other hours, another lead. */
export const AcceptBody = z.strictObject({
  leadPartnerId: z.optional(id),
  assignments: z.optional(
    z
      .array(z.strictObject({ competenceId: id, partnerId: z.optional(id), hours: z.optional(wholeHours) }))
      .check(z.maxLength(MAX_REQUIREMENTS), noRepeats),
  ),
});
export type AcceptBody = z.infer<typeof AcceptBody>;

/** A partner brings its own customer into the network. */
export const ReferralBody = z.strictObject({
  /** The referred customer gets the acknowledgement; `false` for this referral not. */
  acknowledge: z._default(z.boolean(), true),
  customer: contact,
  subject: text(200),
  text: multilineText(10_000),
  postcode: z.optional(postcode),
  region: z.optional(text(80)),
  timeframe: z.optional(Timeframe),
  budgetCents: z.optional(z.int().check(z.gte(0), z.lte(10_000_000_000))),
  competences: z.optional(
    z
      .array(
        z.strictObject({
          competenceId: id,
          hours: z.optional(wholeHours),
          minLevel: z.optional(level),
          roomHours: z.optional(kindHours),
          machineHours: z.optional(kindHours),
        }),
      )
      .check(z.maxLength(MAX_REQUIREMENTS), noRepeats),
  ),
});
export type ReferralBody = z.infer<typeof ReferralBody>;

export const InquiryPath = z.strictObject({ inquiryId: id });
export const ProposalPath = z.strictObject({
  inquiryId: id,
  proposalId: z.string().check(z.regex(/^[a-z0-9]{26}-\d{1,2}$/, 'must be a proposal id like <run id>-1')),
});

const period = {
  from: z.optional(isoDate),
  to: z.optional(isoDate),
};
const fromBeforeTo = z.refine<{ from?: string; to?: string }>((q) => !q.from || !q.to || q.from <= q.to, {
  message: 'to must not be before from',
  path: ['to'],
});

export const CalendarQuery = z.strictObject({ ...period, partnerId: z.optional(id) }).check(
  fromBeforeTo,
  z.refine((q) => !q.from || !q.to || q.from > q.to || withinAYear({ from: q.from, to: q.to }), {
    message: `must span at most ${MAX_WEEKS} ISO weeks`,
    path: ['to'],
  }),
);
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const LedgerQuery = z.strictObject(period).check(fromBeforeTo);

// ---- stored items (parsed when read back) ------------------------------------------------

const PartnerFacts = z.object({
  partnerId: z.string(),
  name: z.string(),
  capacityHours: z.number(),
  bookedHours: z.number(),
  freeHours: z.number(),
  utilisation: z.number(),
  balance: z.number(),
  proximity: z.nullable(z.number()),
  freeRoomHours: z.optional(z.number()),
  freeMachineHours: z.optional(z.number()),
});

export const StoredProposal = z.object({
  id: z.string(),
  rank: z.number(),
  complete: z.boolean(),
  leadPartnerId: z.string(),
  partnerIds: z.array(z.string()),
  assignments: z.array(
    z.object({
      competenceId: z.string(),
      partnerId: z.string(),
      hours: z.number(),
      level: z.number(),
      minLevel: z.optional(z.number()),
      belowMinLevel: z.boolean(),
      roomHours: z.optional(z.number()),
      machineHours: z.optional(z.number()),
    }),
  ),
  missing: z.array(z.object({ competenceId: z.string(), hours: z.number(), reason: z.string() })),
  relaxed: z.array(z.enum(RELAXATIONS)),
  score: z.number(),
  explanation: z.array(
    z.object({
      term: z.enum(['coverage', 'partners', 'idle', 'fairness', 'proximity']),
      value: z.number(),
      weight: z.optional(z.number()),
      detail: z.string(),
    }),
  ),
  partners: z.array(PartnerFacts),
});
export type StoredProposal = z.infer<typeof StoredProposal>;

export const MatchRun = z.object({
  id: z.string(),
  inquiryId: z.string(),
  reference: z.string(),
  createdAt: isoDateTime,
  by: z.string(),
  timeframe: z.object({ from: z.string(), to: z.string() }),
  weeks: z.array(z.string()),
  requirements: z.array(
    z.object({
      competenceId: z.string(),
      hours: z.number(),
      minLevel: z.optional(z.number()),
      roomHours: z.optional(z.number()),
      machineHours: z.optional(z.number()),
    }),
  ),
  customer: z.object({ postcode: z.optional(z.string()), region: z.optional(z.string()) }),
  proposals: z.array(StoredProposal),
  reasons: z.array(z.string()),
});
export type MatchRun = z.infer<typeof MatchRun>;

/**
 * A match for one declined or expired part of a job: its competences and hours in the job's
 * timeframe, without the partners who already hold a part of the job (`excluded`).
 */
export const ReplacementRun = z.object({
  ...MatchRun.def.shape,
  jobId: z.string(),
  /** The part (its partner id) the proposals would replace. */
  replaces: z.string(),
  excluded: z.array(z.string()),
});
export type ReplacementRun = z.infer<typeof ReplacementRun>;

/** What a partner learns of a run it was offered work in. */
export const Offer = z.object({
  partnerId: z.string(),
  runId: z.string(),
  inquiryId: z.string(),
  reference: z.string(),
  subject: z.string(),
  createdAt: isoDateTime,
  timeframe: z.object({ from: z.string(), to: z.string() }),
  proposals: z.array(
    z.object({
      id: z.string(),
      rank: z.number(),
      complete: z.boolean(),
      leadPartnerId: z.string(),
      partnerIds: z.array(z.string()),
      assignments: z.array(z.object({ competenceId: z.string(), partnerId: z.string(), hours: z.number() })),
    }),
  ),
});
export type Offer = z.infer<typeof Offer>;

export const BookingLine = z.object({
  partnerId: z.string(),
  resourceId: z.string(),
  week: z.string(),
  hours: z.number(),
});
export type BookingLine = z.infer<typeof BookingLine>;

/**
 * A partner's part of a job: accepting books it tentatively (`requested`); the partner confirms
 * (the hours become booked) or declines before `deadline`; a decline or a missed deadline
 * (`expired`) releases exactly its hours.
 */
export const PART_STATES = ['requested', 'confirmed', 'declined', 'expired'] as const;
export const JobPart = z.object({
  state: z.enum(PART_STATES),
  deadline: isoDateTime,
  answeredAt: z.optional(isoDateTime),
  /** `console` (the API), `link` (the signed link in the job mail) or `deadline`. */
  via: z.optional(z.enum(['console', 'link', 'deadline'])),
  /** The job's part this one replaces (a declined or expired partner's competences). */
  replaces: z.optional(z.string()),
  /** On a declined or expired part: the accepted replacement proposal that took over its work. */
  replacedBy: z.optional(z.string()),
});
export type JobPart = z.infer<typeof JobPart>;

export const Job = z.object({
  id: z.string(),
  inquiryId: z.string(),
  reference: z.string(),
  proposalId: z.string(),
  status: z.enum(['accepted', 'cancelled']),
  leadPartnerId: z.string(),
  /** `network` or the partner who referred the customer. */
  giver: z.string(),
  timeframe: z.object({ from: z.string(), to: z.string() }),
  assignments: z.array(
    z.object({
      competenceId: z.string(),
      partnerId: z.string(),
      hours: z.number(),
      roomHours: z.optional(z.number()),
      machineHours: z.optional(z.number()),
    }),
  ),
  bookings: z.array(BookingLine),
  ledger: z.array(z.object({ receiver: z.string(), hours: z.number() })),
  acceptedAt: isoDateTime,
  acceptedBy: z.string(),
  cancelledAt: z.optional(isoDateTime),
  cancelledBy: z.optional(z.string()),
  /** Each team partner's part by partner id; jobs accepted before confirmations had none (all booked). */
  parts: z.optional(z.record(z.string(), JobPart)),
});
export type Job = z.infer<typeof Job>;

/** A partner's answer to its part of a job (the console's buttons, the signed link's form). */
export const PartAnswer = z.object({
  inquiryId: z.string(),
  jobId: z.string(),
  reference: z.string(),
  partnerId: z.string(),
  ...JobPart.def.shape,
  hours: z.number(),
});

/** The signed link's form post: what the partner answers. */
export const OfferLinkBody = z.strictObject({ answer: z.enum(['confirm', 'decline']) });
export const OfferLinkPath = z.strictObject({
  /** The network's public slug, an id like every slug (a `#` would reach into the key). */
  slug: id,
  token: z.string().check(z.minLength(20), z.maxLength(2000)),
});
export const PartPath = z.strictObject({ inquiryId: id, partnerId: id });

/** Asking for a replacement: how many proposals at most (3 by default). */
export const RequestReplacementBody = z.strictObject({
  count: z.optional(z.int().check(z.gte(1), z.lte(MAX_PROPOSALS))),
});
export type RequestReplacementBody = z.infer<typeof RequestReplacementBody>;

/**
 * A resource-year item: its identity is its sort key `BOOKY#<year>#<partnerId>#<resourceId>`, its
 * weeks (`W01`…`W53`, `T01`…`T53`) are read by the store.
 */
export const BookingYear = z.object({
  sk: z.string().check(z.regex(/^BOOKY#\d{4}#[^#]+#[^#]+$/)),
});

/** A booking item of the layout before resource-years (one per resource and week), as migrated. */
export const LegacyBooking = z.object({
  partnerId: z.string(),
  resourceId: z.string(),
  week: z.string(),
  booked: z.number(),
});

export const LedgerItem = z.object({
  at: isoDateTime,
  jobId: z.string(),
  inquiryId: z.string(),
  giver: z.string(),
  receiver: z.string(),
  hours: z.number(),
});

// ---- answers (documentation; the integration tests check real bodies against them) -------

/** A proposal as a partner on it sees it: the team and its hours, not the others' capacity. */
export const OfferedProposal = Offer.def.shape.proposals.def.element;

/** The latest run: the coordinator gets it whole, a partner only the proposals it is part of. */
export const ProposalsAnswer = z.union([
  MatchRun,
  z.object({
    id: z.string(),
    inquiryId: z.string(),
    reference: z.string(),
    createdAt: isoDateTime,
    timeframe: z.object({ from: z.string(), to: z.string() }),
    proposals: z.array(OfferedProposal),
  }),
]);

/** A job as accepting or cancelling it answers: with the partners its e-mails went to. */
export const JobAnswer = z.object({ ...Job.def.shape, mailed: z.array(z.string()) });

const hoursTotals = {
  capacity: z.number(),
  booked: z.number(),
  free: z.number(),
  /** Booked share of capacity, 0–1 (1 where there is no capacity). */
  utilisation: z.number(),
};
const Totals = z.object(hoursTotals);
const WeekTotals = z.object({ week: z.string(), ...hoursTotals });

export const CalendarAnswer = z.object({
  from: z.string(),
  to: z.string(),
  weeks: z.array(z.string()),
  partners: z.array(
    z.object({
      partnerId: z.string(),
      name: z.string(),
      totals: Totals,
      weeks: z.array(WeekTotals),
      resources: z.array(
        z.object({
          resourceId: z.string(),
          name: z.string(),
          kind: z.string(),
          totals: Totals,
          weeks: z.array(WeekTotals),
        }),
      ),
    }),
  ),
});

export const LedgerAnswer = z.object({
  from: z.string(),
  to: z.string(),
  /** Hours and jobs the giver (`network` or a partner) gave the receiver. */
  pairs: z.array(z.object({ giver: z.string(), receiver: z.string(), hours: z.number(), count: z.number() })),
  partners: z.array(
    z.object({
      partnerId: z.string(),
      givenHours: z.number(),
      givenCount: z.number(),
      receivedHours: z.number(),
      receivedCount: z.number(),
      /** received − given hours. */
      balance: z.number(),
    }),
  ),
});

// Named in the OpenAPI document: one definition in components/schemas, referenced where used.
MatchRun.register(z.globalRegistry, { id: 'MatchRun' });
StoredProposal.register(z.globalRegistry, { id: 'Proposal' });
Offer.register(z.globalRegistry, { id: 'Offer' });
Job.register(z.globalRegistry, { id: 'Job' });
ReplacementRun.register(z.globalRegistry, { id: 'ReplacementRun' });
BookingLine.register(z.globalRegistry, { id: 'BookingLine' });
