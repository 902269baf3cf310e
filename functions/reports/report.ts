/**
 * The utilisation report, pure: assembled from data the service loaded (partners, resources,
 * bookings, referral ledger, open inquiries, closed pools). The coordinator's version has every
 * partner; a partner's version has its own rows plus network aggregates only.
 */

import { type BookedHours, BookingIndex, type LedgerEntry, summarise } from '#functions/matching/index';
import type { FieldError } from '#shared/http/errors';
import {
  addWeeks,
  isoWeek,
  isoWeekAt,
  weekMondayDay,
  weekRange,
  weeksBetween,
  weeksSpan,
} from '#shared/weeks';
import { type LearningMeeting, type LearningPost, learningFigures } from './learning';
import {
  BANDS,
  bookedKinds,
  mostIdle,
  type NetworkWeek,
  networkTotals,
  type PartnerRow,
  partnerRows,
  type ReportResource,
  type ResourceKind,
  type sumCells,
} from './utilisation';

/** Default period: the 4 ISO weeks before the current one, and 8 from the current one on. */
export const DEFAULT_PAST_WEEKS = 4;
export const DEFAULT_COMING_WEEKS = 8;
/** The longest period a report covers. */
export const MAX_WEEKS = 53;
/** How many idle partners the report names. */
export const IDLE_LIMIT = 5;

export interface Period {
  timezone: string;
  /** First and last ISO week (inclusive) and every week in between. */
  from: string;
  to: string;
  weeks: string[];
  /** The week the report was made in (in the network's timezone). */
  currentWeek: string;
  /** Monday of the first week and Sunday of the last, as dates. */
  firstDay: string;
  lastDay: string;
  /** The instants the period covers, UTC: [start, until). */
  start: string;
  until: string;
}

const WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** A week (`2026-W05`) or a date (`2026-01-28`, meaning its ISO week) to an ISO week. */
export function toWeek(value: string): string {
  return WEEK.test(value) ? value : isoWeek(value);
}

/** True when `week` exists (2026-W53 does, 2025-W53 does not). */
export const weekExists = (week: string) => isoWeek(weekRange(week).from) === week;

/**
 * The report period in the network's timezone at `now`: the given weeks, or by default the 4 ISO
 * weeks before the current one and the 8 from the current one on (12 weeks). Field errors name
 * `from` or `to` when they do not make a period of 1–53 weeks.
 */
export function reportPeriod(
  now: Date | string,
  timezone: string,
  given: { from?: string; to?: string } = {},
): { period: Period } | { errors: FieldError[] } {
  const currentWeek = isoWeekAt(now, timezone);
  const errors: FieldError[] = [];
  const from = given.from ? toWeek(given.from) : undefined;
  const to = given.to ? toWeek(given.to) : undefined;
  if (from && !weekExists(from))
    errors.push({ path: 'query.from', message: `${from} does not exist`, code: 'unknown_week' });
  if (to && !weekExists(to))
    errors.push({ path: 'query.to', message: `${to} does not exist`, code: 'unknown_week' });
  if (errors.length > 0) return { errors };
  const first = from ?? (to ? addWeeks(to, -(DEFAULT_PAST_WEEKS + DEFAULT_COMING_WEEKS - 1)) : undefined);
  const start = first ?? addWeeks(currentWeek, -DEFAULT_PAST_WEEKS);
  const end = to ?? (from ? addWeeks(from, DEFAULT_PAST_WEEKS + DEFAULT_COMING_WEEKS - 1) : undefined);
  const last = end ?? addWeeks(currentWeek, DEFAULT_COMING_WEEKS - 1);
  const count = (weekMondayDay(last) - weekMondayDay(start)) / 7 + 1;
  if (count < 1)
    return {
      errors: [{ path: 'query.to', message: `must not be before from (${start})`, code: 'before_from' }],
    };
  if (count > MAX_WEEKS) {
    return {
      errors: [
        {
          path: 'query.to',
          message: `must be at most ${MAX_WEEKS} ISO weeks after from`,
          code: 'span_too_long',
        },
      ],
    };
  }
  const firstDay = weekRange(start).from;
  const lastDay = weekRange(last).to;
  const span = weeksSpan(start, last, timezone);
  return {
    period: {
      timezone,
      from: start,
      to: last,
      weeks: weeksBetween(firstDay, lastDay),
      currentWeek,
      firstDay,
      lastDay,
      start: span.from,
      until: span.until,
    },
  };
}

/** Inquiry statuses that count as open (not completed, declined or spam). */
export const OPEN_STATUSES = ['new', 'qualified', 'matching', 'proposed', 'accepted', 'in_progress'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/** Age buckets of open inquiries, in whole days since they came in. */
export const AGE_BUCKETS = [
  { bucket: '0-7', max: 7 },
  { bucket: '8-30', max: 30 },
  { bucket: '31+', max: Number.POSITIVE_INFINITY },
] as const;

export interface ClosedPool {
  id: string;
  article: { name: string };
  supplier: { name: string };
  closedAt?: string;
  allocation?: {
    savingsVsListCents: number;
    savingsVsAloneCents: number;
    lines: readonly PoolLine[];
  };
}

export interface ReportInput {
  network: { id: string; name: string };
  period: Period;
  generatedAt: string;
  /** Active partners, with their resources: the report covers these. */
  partners: readonly { id: string; name: string; active: boolean }[];
  resources: readonly ReportResource[];
  bookings: readonly BookedHours[];
  /** Referral ledger entries accepted in the period. */
  ledger: readonly LedgerEntry[];
  openInquiries: readonly { status: string; createdAt: string }[];
  closedPools: readonly ClosedPool[];
  /** The know-how exchange: posts created since the period's start, meetings with their yes-answers. */
  exchange: { posts: readonly LearningPost[]; meetings: readonly LearningMeeting[] };
}

const DAY = 86_400_000;
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'de');

/** The coordinator's report: every active partner, network totals, idle partners, balances, … */
export function buildReport(input: ReportInput) {
  const { period } = input;
  const active = input.partners.filter((p) => p.active).sort(byName);
  const index = new BookingIndex(input.bookings);
  // `all` sums the kinds booked in the period (bookedKinds): partnerRows' default
  const rows = partnerRows(active, input.resources, period.weeks, index);
  const allKinds = bookedKinds(rows);
  const totals = networkTotals(rows, period.weeks);
  const coming = period.weeks.filter((w) => w >= period.currentWeek);
  const names = new Map(input.partners.map((p) => [p.id, p.name]));
  const referrals = summarise(
    input.ledger,
    active.map((p) => p.id),
  ).partners.map((p) => ({ ...p, name: names.get(p.partnerId) ?? p.partnerId }));
  const generated = Date.parse(input.generatedAt);
  const inquiries = OPEN_STATUSES.map((status) => {
    const ages = input.openInquiries
      .filter((i) => i.status === status)
      .map((i) => Math.max(0, Math.floor((generated - Date.parse(i.createdAt)) / DAY)));
    return {
      status,
      count: ages.length,
      oldestDays: ages.length > 0 ? Math.max(...ages) : null,
      byAge: Object.fromEntries(
        AGE_BUCKETS.map((b, i) => [
          b.bucket,
          ages.filter((a) => a <= b.max && (i === 0 || a > AGE_BUCKETS[i - 1]!.max)).length,
        ]),
      ) as Record<(typeof AGE_BUCKETS)[number]['bucket'], number>,
    };
  });
  const periodEnd = Math.min(Date.parse(period.until), generated);
  const pools = input.closedPools
    .filter(
      (p) =>
        p.allocation &&
        p.closedAt &&
        Date.parse(p.closedAt) >= Date.parse(period.start) &&
        Date.parse(p.closedAt) < periodEnd,
    )
    .sort((a, b) => (a.closedAt! < b.closedAt! ? -1 : 1))
    .map((p) => ({
      poolId: p.id,
      article: p.article.name,
      supplier: p.supplier.name,
      closedAt: p.closedAt!,
      savingsVsListCents: p.allocation!.savingsVsListCents,
      savingsVsAloneCents: p.allocation!.savingsVsAloneCents,
      lines: p.allocation!.lines,
    }));
  return {
    scope: 'network' as const,
    network: input.network,
    generatedAt: input.generatedAt,
    period,
    bands: BANDS,
    /** The resource kinds the `all` figures (partner weeks and totals, network weeks) sum: the booked ones. */
    allKinds,
    partners: rows,
    totals,
    idle: { weeks: coming, partners: mostIdle(rows, coming, IDLE_LIMIT, allKinds) },
    referrals,
    inquiries: { open: inquiries.reduce((s, i) => s + i.count, 0), byStatus: inquiries },
    pools: {
      closed: pools.length,
      savingsVsListCents: pools.reduce((s, p) => s + p.savingsVsListCents, 0),
      savingsVsAloneCents: pools.reduce((s, p) => s + p.savingsVsAloneCents, 0),
      pools: pools.map(({ lines: _, ...p }) => p),
      /** Per partner, for the partners' own versions (not shown to other partners). */
      byPartner: savingsByPartner(pools),
    },
    learning: learningFigures(period, input.exchange.posts, input.exchange.meetings, names),
  };
}

interface PoolLine {
  partnerId: string;
  savingsVsListCents: number;
  savingsVsAloneCents: number;
}

function savingsByPartner(pools: readonly { lines: readonly PoolLine[] }[]) {
  const out = new Map<string, { savingsVsListCents: number; savingsVsAloneCents: number; pools: number }>();
  for (const p of pools) {
    for (const l of p.lines) {
      const s = out.get(l.partnerId) ?? { savingsVsListCents: 0, savingsVsAloneCents: 0, pools: 0 };
      s.savingsVsListCents += l.savingsVsListCents;
      s.savingsVsAloneCents += l.savingsVsAloneCents;
      s.pools += 1;
      out.set(l.partnerId, s);
    }
  }
  return [...out.entries()]
    .map(([partnerId, s]) => ({ partnerId, ...s }))
    .sort((a, b) => (a.partnerId < b.partnerId ? -1 : 1));
}

export type Report = ReturnType<typeof buildReport>;

/**
 * A partner's version: its own rows per kind and week, network totals per week, its own referral
 * balance and pool savings, network aggregates of inquiries and pools. No other partner's numbers,
 * not even the idle list (it names partners).
 */
export function partnerReport(report: Report, partnerId: string) {
  const own = report.partners.find((p) => p.partnerId === partnerId);
  const balance = report.referrals.find((r) => r.partnerId === partnerId);
  const savings = report.pools.byPartner.find((s) => s.partnerId === partnerId);
  return {
    scope: 'partner' as const,
    network: report.network,
    generatedAt: report.generatedAt,
    period: report.period,
    bands: report.bands,
    allKinds: report.allKinds,
    partners: own ? [own] : [],
    totals: report.totals,
    referrals: balance ? [balance] : [],
    inquiries: report.inquiries,
    pools: {
      closed: report.pools.closed,
      savingsVsListCents: report.pools.savingsVsListCents,
      savingsVsAloneCents: report.pools.savingsVsAloneCents,
      own: savings ?? { partnerId, savingsVsListCents: 0, savingsVsAloneCents: 0, pools: 0 },
    },
    // counts and practice titles, which every partner sees in the exchange; no other firm's name
    learning: {
      ...report.learning,
      practices: report.learning.practices.map(({ author: _, ...p }) => p),
    },
  };
}

export type PartnerReport = ReturnType<typeof partnerReport>;
export type AnyReport = Report | PartnerReport;

/** Rows and totals every version has (what CSV and e-mail render). */
export interface Renderable {
  network: { id: string; name: string };
  period: Period;
  allKinds: readonly ResourceKind[];
  partners: PartnerRow[];
  totals: { weeks: NetworkWeek[]; total: ReturnType<typeof sumCells> };
}
