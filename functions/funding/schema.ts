import * as z from 'zod/mini';
import { id, isoDate, isoDateTime, isoWeekOrDate, multilineText, text } from '#shared/schema';

/** A whole number in [min, max]; the message says what is allowed. */
const whole = (min: number, max: number) =>
  z
    .int(`must be a whole number ≥ ${min}`)
    .check(z.gte(min, `must be a whole number ≥ ${min}`), z.lte(max, `must be at most ${max}`));

/** Money is integer cents (at most 100 million euros in one figure). */
export const cents = (min: number) => whole(min, 10_000_000_000);

/** Hours in quarter-hour steps. */
const quarterHours = (max: number) =>
  z.number().check(
    z.gte(0),
    z.lte(max),
    z.refine((h) => Number.isInteger(h * 4), 'must be in quarter hours (0.25 steps)'),
  );

const atLeastOneField = z.refine(
  (o: unknown) => typeof o === 'object' && o !== null && Object.keys(o).length > 0,
  'must contain at least one field',
);

// ---- programme rules -----------------------------------------------------------------------

const source = text(400);
/** One number of a programme and where it comes from. */
const Rule = (max: number) => z.strictObject({ value: z.number().check(z.gte(0), z.lte(max)), source });
const Pct = Rule(100);

export const ProgrammeRules = z.strictObject({
  programme: text(120),
  consortium: z.strictObject({ minCompanies: Rule(100), minSmes: Rule(100) }),
  /** The highest funding rate per partner kind (research, intermediary) or firm size class. */
  maxFundingRatePct: z.strictObject({
    research: Pct,
    intermediary: Pct,
    micro: Pct,
    small: Pct,
    medium: Pct,
    large: Pct,
  }),
  maxThirdPartySharePct: Pct,
  eligibleCostsCents: z.strictObject({ min: Rule(1e13), max: Rule(1e13) }),
  durationMonths: z.strictObject({ min: Rule(600), max: Rule(600) }),
});
export type ProgrammeRules = z.infer<typeof ProgrammeRules>;

// ---- project -------------------------------------------------------------------------------

export const ProjectPartner = z.strictObject({
  partnerId: id,
  role: z.enum(['lead', 'partner']),
  /** The funding rate the project asks for this partner, whole percent (capped by the rules). */
  fundingRatePct: whole(0, 100),
});
export type ProjectPartner = z.infer<typeof ProjectPartner>;

export const PlanEntry = z.strictObject({
  partnerId: id,
  hours: quarterHours(1_000_000),
  personnelCents: cents(0),
  materialCents: z._default(cents(0), 0),
  thirdPartyCents: z._default(cents(0), 0),
  travelCents: z._default(cents(0), 0),
});
export type PlanEntry = z.infer<typeof PlanEntry>;

export const WorkPackage = z.strictObject({
  id,
  title: text(200),
  plan: z.array(PlanEntry).check(z.maxLength(50)),
});
export type WorkPackage = z.infer<typeof WorkPackage>;

/** A person category of one partner with its hourly rate (what one hour costs, integer cents). */
export const PersonCategory = z.strictObject({
  id,
  partnerId: id,
  name: text(120),
  hourlyRateCents: whole(1, 100_000),
});
export type PersonCategory = z.infer<typeof PersonCategory>;

const PeriodInput = z.strictObject({ from: isoDate, to: isoDate });

/** `HH:MM`: when the daily check (reminders, period reports) runs in the network's timezone. */
const checkTime = z
  .string()
  .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM like 07:00'));

const projectFields = {
  title: text(200),
  start: isoDate,
  end: isoDate,
  partners: z.array(ProjectPartner).check(z.minLength(1), z.maxLength(50)),
  workPackages: z.array(WorkPackage).check(z.minLength(1), z.maxLength(30)),
  categories: z.array(PersonCategory).check(z.maxLength(200)),
  checkTime,
};

export const CreateProjectBody = z.strictObject({
  ...projectFields,
  /** A preset whose rules are copied into the project (coin-netzwerke by default)… */
  preset: z.optional(z.enum(['coin-netzwerke'])),
  /** …or the programme's rules entered directly. */
  rules: z.optional(ProgrammeRules),
  /** Report periods; one per project year (the last one ending with the project) by default. */
  periods: z.optional(z.array(PeriodInput).check(z.minLength(1), z.maxLength(36))),
  checkTime: z._default(checkTime, '07:00'),
});
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

/**
 * A project as it is being filled in, for the live checks: the fields of a new project, the
 * title not yet needed, partners and work packages possibly none yet. Nothing is written.
 */
export const CheckProjectBody = z.strictObject({
  ...projectFields,
  title: z.optional(projectFields.title),
  partners: z.array(ProjectPartner).check(z.maxLength(50)),
  workPackages: z.array(WorkPackage).check(z.maxLength(30)),
  preset: z.optional(z.enum(['coin-netzwerke'])),
  rules: z.optional(ProgrammeRules),
  periods: z.optional(z.array(PeriodInput).check(z.minLength(1), z.maxLength(36))),
  checkTime: z._default(checkTime, '07:00'),
});
export type CheckProjectBody = z.infer<typeof CheckProjectBody>;

export const UpdateProjectBody = z
  .strictObject({
    /** The project's revision as read: a change by someone else meanwhile gives 409. */
    revision: whole(1, 1_000_000_000),
    title: z.optional(projectFields.title),
    start: z.optional(isoDate),
    end: z.optional(isoDate),
    partners: z.optional(projectFields.partners),
    workPackages: z.optional(projectFields.workPackages),
    categories: z.optional(projectFields.categories),
    rules: z.optional(ProgrammeRules),
    checkTime: z.optional(checkTime),
  })
  .check(atLeastOneField);
export type UpdateProjectBody = z.infer<typeof UpdateProjectBody>;

export const Period = z.object({ id: z.string(), from: z.string(), to: z.string() });
export type Period = z.infer<typeof Period>;

export const Project = z.object({
  id,
  title: z.string(),
  rules: ProgrammeRules,
  start: z.string(),
  end: z.string(),
  partners: z.array(
    z.object({ partnerId: z.string(), role: z.enum(['lead', 'partner']), fundingRatePct: z.number() }),
  ),
  workPackages: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      plan: z.array(
        z.object({
          partnerId: z.string(),
          hours: z.number(),
          personnelCents: z.number(),
          materialCents: z.number(),
          thirdPartyCents: z.number(),
          travelCents: z.number(),
        }),
      ),
    }),
  ),
  categories: z.array(
    z.object({ id: z.string(), partnerId: z.string(), name: z.string(), hourlyRateCents: z.number() }),
  ),
  periods: z.array(Period),
  checkTime: z.string(),
  scheduleName: z.string(),
  revision: z.number(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Project = z.infer<typeof Project>;

export const PeriodState = z.object({
  periodId: z.string(),
  status: z.enum(['open', 'closed']),
  changedAt: isoDateTime,
  changedBy: z.string(),
  /** When the daily check queued this period's report (and, on the last period, the final report). */
  reportMailedAt: z.optional(isoDateTime),
  finalReportMailedAt: z.optional(isoDateTime),
});
export type PeriodState = z.infer<typeof PeriodState>;

// ---- time records and costs ----------------------------------------------------------------

export const CreateTimeRecordBody = z.strictObject({
  /** Whose hours: a partner records its own (may be left out); the coordinator names the partner. */
  partnerId: z.optional(id),
  categoryId: id,
  /** Who worked (a name or initials); the category alone when left out. */
  person: z.optional(text(120)),
  /**
   * The partner's resource whose capacity the hours book (as a job's hours do); left out: the
   * partner's first resource of kind `people`. A partner without one records without booking.
   */
  resourceId: z.optional(id),
  workPackageId: id,
  /** An ISO week (`2026-W05`) or a day (`2026-01-28`). */
  when: isoWeekOrDate,
  hours: quarterHours(168).check(z.gt(0, 'must be more than 0')),
  note: z.optional(multilineText(500)),
});
export type CreateTimeRecordBody = z.infer<typeof CreateTimeRecordBody>;

export const UpdateTimeRecordBody = z
  .strictObject({
    categoryId: z.optional(id),
    person: z.optional(text(120)),
    workPackageId: z.optional(id),
    when: z.optional(isoWeekOrDate),
    hours: z.optional(quarterHours(168).check(z.gt(0, 'must be more than 0'))),
    note: z.optional(multilineText(500)),
  })
  .check(atLeastOneField);
export type UpdateTimeRecordBody = z.infer<typeof UpdateTimeRecordBody>;

export const TimeRecord = z.object({
  id,
  partnerId: id,
  categoryId: id,
  person: z.optional(z.string()),
  /** The resource the hours are booked on (absent: the partner has no people resource). */
  resourceId: z.optional(z.string()),
  /** True when the week's booked hours went past the resource's capacity with this record. */
  overbooked: z.optional(z.boolean()),
  workPackageId: id,
  when: z.string(),
  hours: z.number(),
  note: z.optional(z.string()),
  periodId: z.string(),
  enteredBy: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type TimeRecord = z.infer<typeof TimeRecord>;

export const COST_KINDS = ['material', 'thirdParty', 'travel'] as const;
export type CostKind = (typeof COST_KINDS)[number];

export const RECEIPT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
/** A receipt at most 2 MB (base64 makes it a third larger in the request). */
export const RECEIPT_MAX_BYTES = 2 * 1024 * 1024;

export const ReceiptUpload = z.strictObject({
  filename: z
    .string()
    .check(
      z.regex(
        /^[A-Za-z0-9][A-Za-z0-9._ -]{0,119}$/,
        'must be a file name of letters, digits, . _ - and spaces',
      ),
    ),
  contentType: z.enum(RECEIPT_TYPES),
  contentBase64: z
    .string()
    .check(
      z.maxLength(Math.ceil(RECEIPT_MAX_BYTES / 3) * 4, 'must be at most 2 MB'),
      z.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
    ),
});

export const CreateCostBody = z.strictObject({
  partnerId: z.optional(id),
  kind: z.enum(COST_KINDS),
  workPackageId: id,
  date: isoDate,
  amountCents: cents(1),
  description: multilineText(300),
  receipt: z.optional(ReceiptUpload),
});
export type CreateCostBody = z.infer<typeof CreateCostBody>;

/**
 * A change of a cost: any of its fields, a new receipt, or `receipt: null` to remove it. Send the
 * `updatedAt` you read (or, for a cost never changed, its `createdAt`): a change by someone else
 * meanwhile gives 409.
 */
export const UpdateCostBody = z
  .strictObject({
    seen: isoDateTime,
    kind: z.optional(z.enum(COST_KINDS)),
    workPackageId: z.optional(id),
    date: z.optional(isoDate),
    amountCents: z.optional(cents(1)),
    description: z.optional(multilineText(300)),
    receipt: z.optional(z.nullable(ReceiptUpload)),
  })
  .check(z.refine((o: object) => Object.keys(o).length > 1, 'must change at least one field besides seen'));
export type UpdateCostBody = z.infer<typeof UpdateCostBody>;

export const Cost = z.object({
  id,
  partnerId: id,
  kind: z.enum(COST_KINDS),
  workPackageId: id,
  date: z.string(),
  amountCents: z.number(),
  description: z.string(),
  receipt: z.optional(
    z.object({
      filename: z.string(),
      contentType: z.string(),
      bytes: z.number(),
      /** Set when the receipt was replaced by an edit: each upload is its own file. */
      rev: z.optional(z.string()),
    }),
  ),
  periodId: z.string(),
  enteredBy: z.string(),
  createdAt: isoDateTime,
  /** When it was last changed (absent: never). */
  updatedAt: z.optional(isoDateTime),
});
export type Cost = z.infer<typeof Cost>;

// ---- checks and totals (answers) -----------------------------------------------------------

export const Check = z.object({
  id: z.string(),
  ok: z.boolean(),
  severity: z.enum(['error', 'warning']),
  partnerId: z.optional(z.string()),
  workPackageId: z.optional(z.string()),
  /** What the check found, in words (German, the programme's language, and English). */
  message_de: z.string(),
  message_en: z.string(),
  source: z.optional(z.string()),
});
export type Check = z.infer<typeof Check>;

export const Amounts = z.object({
  hours: z.number(),
  personnelCents: z.number(),
  materialCents: z.number(),
  thirdPartyCents: z.number(),
  travelCents: z.number(),
  totalCents: z.number(),
});
export type Amounts = z.infer<typeof Amounts>;

export const PartnerTotals = z.object({
  partnerId: z.string(),
  name: z.string(),
  planned: Amounts,
  actual: Amounts,
  /** The rate applied: the asked rate, capped by the programme's maximum for the partner. */
  fundingRatePct: z.number(),
  fundingCents: z.number(),
});

export const ProjectView = z.object({
  ...Project.def.shape,
  partners: z.array(
    z.object({
      partnerId: z.string(),
      name: z.string(),
      role: z.enum(['lead', 'partner']),
      kind: z.string(),
      sizeClass: z.optional(z.string()),
      fundingRatePct: z.optional(z.number()),
    }),
  ),
  periodStates: z.array(PeriodState),
  totals: z.object({ planned: Amounts, actual: Amounts, fundingCents: z.number() }),
  partnerTotals: z.array(PartnerTotals),
  checks: z.array(Check),
});

const ReportRow = { planned: Amounts, actual: Amounts, actualToDate: Amounts };

/** The interim (one period) or final report as JSON; the HTML and CSV show the same numbers. */
export const FundingReportView = z.object({
  network: z.object({ id: z.string(), name: z.string() }),
  project: z.object({
    id: z.string(),
    title: z.string(),
    programme: z.string(),
    start: z.string(),
    end: z.string(),
  }),
  kind: z.enum(['interim', 'final']),
  period: Period,
  periodStatus: z.enum(['open', 'closed', 'final']),
  generatedAt: isoDateTime,
  partners: z.array(
    z.object({
      partnerId: z.string(),
      name: z.string(),
      kind: z.string(),
      sizeClass: z.optional(z.string()),
      role: z.string(),
      ...ReportRow,
      fundingRatePct: z.number(),
      fundingCents: z.number(),
      fundingToDateCents: z.number(),
    }),
  ),
  workPackages: z.array(z.object({ id: z.string(), title: z.string(), ...ReportRow })),
  cells: z.array(
    z.object({ partnerId: z.string(), name: z.string(), workPackageId: z.string(), ...ReportRow }),
  ),
  totals: z.object({ ...ReportRow, fundingCents: z.number(), fundingToDateCents: z.number() }),
  checks: z.array(Check),
  activity: z.object({
    jobs: z.array(
      z.object({
        at: z.string(),
        giver: z.string(),
        receiver: z.string(),
        hours: z.number(),
        betweenPartners: z.boolean(),
      }),
    ),
    pools: z.array(
      z.object({
        article: z.string(),
        closedAt: z.string(),
        participants: z.number(),
        savingsVsListCents: z.number(),
      }),
    ),
    exchange: z.object({
      questions: z.array(
        z.object({
          at: z.string(),
          title: z.string(),
          askedBy: z.string(),
          answers: z.number(),
          solved: z.boolean(),
        }),
      ),
      meetings: z.array(
        z.object({
          startsAt: z.string(),
          title: z.string(),
          attending: z.array(z.string()),
          projectPartners: z.number(),
        }),
      ),
    }),
  }),
});

/** The live checks of a draft: what the project would be checked against, and what does not hold yet. */
export const ProjectCheckView = z.object({
  rules: ProgrammeRules,
  periods: z.array(Period),
  /** The draft's partners as the checks see them, with the highest rate the rules allow each. */
  partners: z.array(
    z.object({
      partnerId: z.string(),
      name: z.string(),
      kind: z.string(),
      sizeClass: z.optional(z.string()),
      maxFundingRatePct: z.number(),
      /** The asked rate, capped by that maximum. */
      fundingRatePct: z.number(),
    }),
  ),
  totals: z.object({ planned: Amounts, fundingCents: z.number() }),
  checks: z.array(Check),
  /** What would refuse the project as it stands (the create answers 400 with these), by field. */
  errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string() })),
});

/** The programme presets a project can start from (their rules are copied into it). */
export const ProgrammeList = z.object({
  items: z.array(z.object({ id: z.string(), rules: ProgrammeRules })),
});

export const ProjectSummary = z.object({
  id,
  title: z.string(),
  programme: z.string(),
  start: z.string(),
  end: z.string(),
  partnerIds: z.array(z.string()),
});

// ---- paths, queries, events -----------------------------------------------------------------

export const ProjectPath = z.strictObject({ projectId: id });
export const RecordPath = z.strictObject({ projectId: id, recordId: id });
export const CostPath = z.strictObject({ projectId: id, costId: id });
export const PeriodPath = z.strictObject({ projectId: id, periodId: id });

export const ListRecordsQuery = z.strictObject({ partnerId: z.optional(id) });

export const ReportQuery = z.strictObject({
  /** A period id (`p1`) for its interim report, or `final` for the whole project. */
  period: z._default(
    z.string().check(z.regex(/^(final|p\d{1,2})$/, 'must be final or a period id like p1')),
    'final',
  ),
  format: z._default(z.enum(['json', 'html', 'csv', 'pdf']), 'json'),
  /**
   * CSV only: `rfc4180` (`,`, decimal point) or `de` (German-locale spreadsheets: `;`, decimal
   * comma). Unset: `de` when `Accept-Language` starts with German, else `rfc4180`.
   */
  dialect: z.optional(z.enum(['rfc4180', 'de'])),
});

export const DailyCheckEvent = z.object({
  networkId: id,
  projectId: id,
  /** When the schedule fired (`<aws.scheduler.scheduled-time>`); now when absent. */
  scheduledTime: z.optional(z.string()),
});

ProgrammeRules.register(z.globalRegistry, { id: 'FundingProgrammeRules' });
ProjectView.register(z.globalRegistry, { id: 'FundingProjectView' });
TimeRecord.register(z.globalRegistry, { id: 'FundingTimeRecord' });
Cost.register(z.globalRegistry, { id: 'FundingCost' });
Check.register(z.globalRegistry, { id: 'FundingCheck' });
FundingReportView.register(z.globalRegistry, { id: 'FundingReport' });
ProjectCheckView.register(z.globalRegistry, { id: 'FundingProjectCheckView' });
