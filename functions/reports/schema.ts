import * as z from 'zod/mini';
import { id, isoDateTime, isoMonth, isoWeekOrDate, localDateTime, timezone } from '#shared/schema';

export const UsageQuery = z.strictObject({
  month: z.optional(isoMonth),
});

// ---- the report -------------------------------------------------------------------------

export const ReportQuery = z.strictObject({
  from: z.optional(isoWeekOrDate),
  to: z.optional(isoWeekOrDate),
  /** `csv` or `json`; without it, `Accept: text/csv` asks for CSV. */
  format: z.optional(z.enum(['json', 'csv'])),
  /**
   * The CSV dialect: `rfc4180` (`,`, decimal point) or `de` (German spreadsheets: `;`, decimal
   * comma); without it, an `Accept-Language` starting with German picks `de`.
   */
  dialect: z.optional(z.enum(['rfc4180', 'de'])),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

// ---- schedule settings --------------------------------------------------------------------

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
const time = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 07:00'));
/**
 * When reports go out. `weekly` on `weekday` at `time`, `monthly` on `dayOfMonth` (1–28, so every
 * month has it) at `time`, or `once` at the local date-time `at`; all in `timezone` (default:
 * the network's). `enabled: false` keeps the settings but deletes the schedule.
 */
export const ScheduleBody = z
  .strictObject({
    enabled: z._default(z.boolean(), true),
    frequency: z.enum(['weekly', 'monthly', 'once']),
    weekday: z.optional(z.enum(WEEKDAYS)),
    dayOfMonth: z.optional(z.int().check(z.gte(1), z.lte(28))),
    time: z.optional(time),
    at: z.optional(localDateTime),
    timezone: z.optional(timezone),
  })
  .check(
    z.superRefine((b, ctx) => {
      const need = (field: 'weekday' | 'dayOfMonth' | 'time' | 'at', message: string) => {
        if (b[field] === undefined) ctx.addIssue({ code: 'custom', message, path: [field], input: b });
      };
      const forbid = (field: 'weekday' | 'dayOfMonth' | 'time' | 'at') => {
        if (b[field] !== undefined)
          ctx.addIssue({
            code: 'custom',
            message: `does not apply to a ${b.frequency} schedule`,
            path: [field],
            input: b,
          });
      };
      if (b.frequency === 'weekly') {
        need('weekday', 'is required for a weekly schedule (MON … SUN)');
        need('time', 'is required for a weekly schedule (like 07:00)');
        forbid('dayOfMonth');
        forbid('at');
      } else if (b.frequency === 'monthly') {
        need('dayOfMonth', 'is required for a monthly schedule (1–28)');
        need('time', 'is required for a monthly schedule (like 07:00)');
        forbid('weekday');
        forbid('at');
      } else {
        need('at', 'is required for a one-time schedule (like 2026-11-02T07:00)');
        forbid('weekday');
        forbid('dayOfMonth');
        forbid('time');
      }
    }),
  );
export type ScheduleBody = z.infer<typeof ScheduleBody>;

/** The stored settings (pk `NET#<id>`, sk `REPORTCFG`). */
export const ReportSettings = z.object({
  enabled: z.boolean(),
  frequency: z.enum(['weekly', 'monthly', 'once']),
  weekday: z.optional(z.enum(WEEKDAYS)),
  dayOfMonth: z.optional(z.number()),
  time: z.optional(z.string()),
  at: z.optional(z.string()),
  timezone: z.string(),
  /** The EventBridge Scheduler expression the settings make. */
  expression: z.string(),
  /** The schedule's name in the schedule group. */
  scheduleName: z.string(),
  revision: z.number(),
  updatedAt: isoDateTime,
  updatedBy: z.string(),
});
export type ReportSettings = z.infer<typeof ReportSettings>;

export const SubscriptionBody = z.strictObject({ subscribed: z.boolean() });

export const HistoryQuery = z.strictObject({
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^([1-9]|[1-4]\d|50)$/, 'must be a whole number 1–50')),
      z.transform(Number),
    ),
  ),
});

// ---- deliveries -----------------------------------------------------------------------------

export const Recipient = z.object({
  kind: z.enum(['coordinator', 'partner']),
  partnerId: z.optional(z.string()),
  name: z.string(),
  email: z.string(),
  status: z.enum(['sent', 'failed']),
});
export type Recipient = z.infer<typeof Recipient>;

/** The record of one report delivery (pk `NET#<id>`, sk `REPORTSENT#<from>#<to>`). */
export const Delivery = z.object({
  from: z.string(),
  to: z.string(),
  status: z.enum(['sending', 'sent', 'failed']),
  trigger: z.enum(['schedule', 'cli']),
  scheduledTime: isoDateTime,
  claimedAt: isoDateTime,
  finishedAt: z.optional(isoDateTime),
  attempts: z.number(),
  recipients: z.array(Recipient),
  /** Addresses the report already went to (kept across a failed attempt, so a retry skips them). */
  sentTo: z.optional(z.array(z.string())),
  error: z.optional(z.string()),
});
export type Delivery = z.infer<typeof Delivery>;

/** What the schedule delivers to send-report.handler.ts. */
export const SendReportEvent = z.strictObject({
  networkId: id,
  /** `<aws.scheduler.scheduled-time>`, filled in by EventBridge Scheduler (and the local stand-in). */
  scheduledTime: z.iso.datetime({ offset: true }),
});
export type SendReportEvent = z.infer<typeof SendReportEvent>;

// ---- answers (documentation; the integration tests check real bodies against them) -------

export const UsageAnswer = z.object({
  items: z.array(
    z.object({
      month: z.string(),
      /** Events counted in the month, by kind (`inquiriesCreated`, `emailsSent`, …). */
      counts: z.record(z.string(), z.number()),
      estimate: z.object({
        /** Whole micro-dollars; 10,000 µ$ = 1 cent. */
        totalMicroUsd: z.number(),
        /** The same, for people: `$0.0123`. */
        total: z.string(),
        lines: z.array(z.object({ event: z.string(), count: z.number(), microUsd: z.number() })),
      }),
    }),
  ),
});

const band = z.enum(['under', 'good', 'busy', 'over', 'none']);
/** Hours of one week (or `total`): available, booked, booked share in percent (null: no capacity). */
const Cell = z.object({
  week: z.string(),
  available: z.number(),
  /** Every booked hour: jobs' and funded projects'. */
  booked: z.number(),
  /** Of `booked`, the hours funded-project time records booked (jobs' hours: booked − projectHours). */
  projectHours: z.number(),
  utilisationPct: z.nullable(z.number()),
  band,
});
const kind = z.enum(['people', 'room', 'machine']);
const PartnerRow = z.object({
  partnerId: z.string(),
  name: z.string(),
  kinds: z.array(z.object({ kind, resources: z.number(), weeks: z.array(Cell), total: Cell })),
  weeks: z.array(Cell),
  total: Cell,
});
const PartnerBalance = z.object({
  partnerId: z.string(),
  name: z.string(),
  givenHours: z.number(),
  givenCount: z.number(),
  receivedHours: z.number(),
  receivedCount: z.number(),
  balance: z.number(),
});
const PartnerSavings = z.object({
  partnerId: z.string(),
  savingsVsListCents: z.number(),
  savingsVsAloneCents: z.number(),
  pools: z.number(),
});
/** "Voneinander lernen": the know-how exchange in the period. */
const Learning = z.object({
  questionsAsked: z.number(),
  questionsAnswered: z.number(),
  /** Hours from a question to its first answer (median over the period's answered questions). */
  medianHoursToFirstAnswer: z.nullable(z.number()),
  /** The period's practice notes most marked helpful, at most 3 (the author in the coordinator's version). */
  practices: z.array(z.object({ title: z.string(), author: z.optional(z.string()), helpful: z.number() })),
  /** Experience meetings in the period, not cancelled, with the number of partners who said yes. */
  meetings: z.array(z.object({ title: z.string(), startsAt: isoDateTime, attending: z.number() })),
});
const reportCommon = {
  learning: Learning,
  network: z.object({ id: z.string(), name: z.string() }),
  generatedAt: isoDateTime,
  period: z.object({
    timezone: z.string(),
    from: z.string(),
    to: z.string(),
    weeks: z.array(z.string()),
    currentWeek: z.string(),
    firstDay: z.string(),
    lastDay: z.string(),
    start: isoDateTime,
    until: isoDateTime,
  }),
  bands: z.array(z.object({ band, label: z.string(), colour: z.string() })),
  /** The resource kinds the `all` figures (partner weeks and totals, network weeks) sum: those booked in the period. */
  allKinds: z.array(kind),
  partners: z.array(PartnerRow),
  totals: z.object({
    weeks: z.array(z.object({ ...Cell.def.shape, byKind: z.partialRecord(kind, Cell) })),
    total: Cell,
  }),
  referrals: z.array(PartnerBalance),
  inquiries: z.object({
    open: z.number(),
    byStatus: z.array(
      z.object({
        status: z.string(),
        count: z.number(),
        oldestDays: z.nullable(z.number()),
        byAge: z.object({ '0-7': z.number(), '8-30': z.number(), '31+': z.number() }),
      }),
    ),
  }),
};
const poolTotals = {
  closed: z.number(),
  savingsVsListCents: z.number(),
  savingsVsAloneCents: z.number(),
};

/** The coordinator's report (`scope: network`) or a partner's own version (`scope: partner`). */
export const UtilisationReport = z.union([
  z.object({
    scope: z.literal('network'),
    ...reportCommon,
    idle: z.object({
      weeks: z.array(z.string()),
      partners: z.array(
        z.object({
          partnerId: z.string(),
          name: z.string(),
          idleHours: z.number(),
          available: z.number(),
          booked: z.number(),
          utilisationPct: z.nullable(z.number()),
        }),
      ),
    }),
    pools: z.object({
      ...poolTotals,
      pools: z.array(
        z.object({
          poolId: z.string(),
          article: z.string(),
          supplier: z.string(),
          closedAt: isoDateTime,
          savingsVsListCents: z.number(),
          savingsVsAloneCents: z.number(),
        }),
      ),
      byPartner: z.array(PartnerSavings),
    }),
  }),
  z.object({
    scope: z.literal('partner'),
    ...reportCommon,
    pools: z.object({ ...poolTotals, own: PartnerSavings }),
  }),
]);

/** Stored settings as the API shows them (without the internal schedule name). */
const { scheduleName: _, ...settingsShape } = ReportSettings.def.shape;
export const ScheduleSettings = z.object(settingsShape);

export const ScheduleAnswer = z.union([
  z.object({
    schedule: z.union([ScheduleSettings, z.object({ enabled: z.literal(false) })]),
    recipients: z.array(
      z.object({
        kind: z.enum(['coordinator', 'partner']),
        partnerId: z.optional(z.string()),
        name: z.string(),
        email: z.string(),
      }),
    ),
  }),
  z.object({
    schedule: z.union([ScheduleSettings, z.object({ enabled: z.literal(false) })]),
    subscribed: z.boolean(),
  }),
]);

export const SubscriptionAnswer = z.object({
  partnerId: z.string(),
  subscribed: z.boolean(),
  email: z.string(),
});

export const HistoryAnswer = z.object({ items: z.array(Delivery) });

// Named in the OpenAPI document: one definition in components/schemas, referenced where used.
UtilisationReport.register(z.globalRegistry, { id: 'UtilisationReport' });
ScheduleSettings.register(z.globalRegistry, { id: 'ScheduleSettings' });
Delivery.register(z.globalRegistry, { id: 'Delivery' });
