/**
 * The interim and final report of a funded project, pure: costs and hours per partner and work
 * package, plan vs actual, the funding claimed, the live checks, and what the network did
 * meanwhile (jobs and referrals between the project's partners, purchase pools). An interim
 * report covers one period (and shows the actual to date beside it), the final report the
 * whole project.
 */
import type { LedgerEntry } from '#functions/matching/index';
import { appliedRate, type PartnerFacts, runChecks } from './checks';
import type { ProjectData } from './project';
import type { Amounts, Check, Period } from './schema';
import { actualGrid, cellKey, fundingCents, planGrid, sumWhere, ZERO } from './totals';

export interface PoolActivity {
  article: string;
  closedAt: string;
  participants: number;
  savingsVsListCents: number;
}

export interface Activity {
  /** Jobs in the period in which a project partner received hours: who gave (the network or a partner) and who got. */
  jobs: { at: string; giver: string; receiver: string; hours: number; betweenPartners: boolean }[];
  pools: PoolActivity[];
  /** The know-how exchange in the period: questions asked (and whether answered), meetings held. */
  exchange: ExchangeActivity;
}

export interface ExchangeActivity {
  questions: { at: string; title: string; askedBy: string; answers: number; solved: boolean }[];
  meetings: { startsAt: string; title: string; attending: string[]; projectPartners: number }[];
}

export interface ReportRow {
  partnerId: string;
  name: string;
  planned: Amounts;
  actual: Amounts;
  actualToDate: Amounts;
}

export interface FundingReport {
  network: { id: string; name: string };
  project: { id: string; title: string; programme: string; start: string; end: string };
  kind: 'interim' | 'final';
  period: Period;
  periodStatus: 'open' | 'closed' | 'final';
  generatedAt: string;
  partners: (ReportRow & {
    kind: string;
    sizeClass?: string;
    role: string;
    fundingRatePct: number;
    fundingCents: number;
    fundingToDateCents: number;
  })[];
  workPackages: (Omit<ReportRow, 'partnerId' | 'name'> & { id: string; title: string })[];
  cells: (ReportRow & { workPackageId: string })[];
  totals: {
    planned: Amounts;
    actual: Amounts;
    actualToDate: Amounts;
    fundingCents: number;
    fundingToDateCents: number;
  };
  checks: Check[];
  activity: Activity;
}

export interface ReportInput {
  network: { id: string; name: string };
  data: ProjectData;
  facts: ReadonlyMap<string, PartnerFacts>;
  /** A period id, or `final`. */
  period: string;
  activity: {
    ledger: readonly LedgerEntry[];
    pools: readonly PoolActivity[];
    exchange?: {
      questions: ExchangeActivity['questions'];
      meetings: Omit<ExchangeActivity['meetings'][number], 'projectPartners'>[];
    };
  };
  now: string;
}

/** The period a report covers: one of the project's, or the whole project for `final`. */
export function reportPeriod(data: ProjectData, period: string): Period | undefined {
  const p = data.project;
  if (period === 'final') return { id: 'final', from: p.start, to: p.end };
  return p.periods.find((x) => x.id === period);
}

export function buildReport(input: ReportInput): FundingReport | undefined {
  const { data, facts } = input;
  const p = data.project;
  const period = reportPeriod(data, input.period);
  if (!period) return undefined;
  const final = period.id === 'final';
  const upTo = new Set(p.periods.filter((x) => x.from <= period.to).map((x) => x.id));
  const inPeriod = final ? upTo : new Set([period.id]);
  const plan = planGrid(p.workPackages);
  const actual = actualGrid(data.records, data.costs, p.categories, inPeriod);
  const toDate = actualGrid(data.records, data.costs, p.categories, upTo);
  const name = (id: string) => facts.get(id)?.name ?? id;

  const cells: FundingReport['cells'] = [];
  for (const wp of p.workPackages) {
    for (const x of p.partners) {
      const key = cellKey(x.partnerId, wp.id);
      if (!plan.has(key) && !toDate.has(key)) continue;
      cells.push({
        partnerId: x.partnerId,
        name: name(x.partnerId),
        workPackageId: wp.id,
        planned: plan.get(key) ?? ZERO,
        actual: actual.get(key) ?? ZERO,
        actualToDate: toDate.get(key) ?? ZERO,
      });
    }
  }
  const partners = p.partners.map((x) => {
    const f = facts.get(x.partnerId);
    const rate = f ? appliedRate(x.fundingRatePct, f, p.rules) : 0;
    const is = (pid: string) => pid === x.partnerId;
    const act = sumWhere(actual, is);
    const date = sumWhere(toDate, is);
    return {
      partnerId: x.partnerId,
      name: name(x.partnerId),
      kind: f?.kind ?? 'firm',
      ...(f?.sizeClass ? { sizeClass: f.sizeClass } : {}),
      role: x.role,
      planned: sumWhere(plan, is),
      actual: act,
      actualToDate: date,
      fundingRatePct: rate,
      fundingCents: fundingCents(act.totalCents, rate),
      fundingToDateCents: fundingCents(date.totalCents, rate),
    };
  });
  const workPackages = p.workPackages.map((wp) => {
    const is = (_: string, w: string) => w === wp.id;
    return {
      id: wp.id,
      title: wp.title,
      planned: sumWhere(plan, is),
      actual: sumWhere(actual, is),
      actualToDate: sumWhere(toDate, is),
    };
  });
  const members = new Set(p.partners.map((x) => x.partnerId));
  const jobs = input.activity.ledger
    .filter((e) => members.has(e.receiver))
    .map((e) => ({
      at: e.at,
      giver: e.giver === 'network' ? 'network' : name(e.giver),
      receiver: name(e.receiver),
      hours: e.hours,
      betweenPartners: members.has(e.giver),
    }));
  const state = data.periodStates.find((s) => s.periodId === period.id)?.status ?? 'open';
  return {
    network: input.network,
    project: { id: p.id, title: p.title, programme: p.rules.programme, start: p.start, end: p.end },
    kind: final ? 'final' : 'interim',
    period,
    periodStatus: final ? 'final' : state,
    generatedAt: input.now,
    partners,
    workPackages,
    cells,
    totals: {
      planned: sumWhere(plan, () => true),
      actual: sumWhere(actual, () => true),
      actualToDate: sumWhere(toDate, () => true),
      fundingCents: partners.reduce((s, x) => s + x.fundingCents, 0),
      fundingToDateCents: partners.reduce((s, x) => s + x.fundingToDateCents, 0),
    },
    checks: runChecks({
      rules: p.rules,
      start: p.start,
      end: p.end,
      partners: p.partners,
      facts,
      plan,
      actual: toDate,
    }),
    activity: {
      jobs,
      pools: [...input.activity.pools],
      exchange: {
        questions: (input.activity.exchange?.questions ?? []).map((q) => ({
          ...q,
          askedBy: name(q.askedBy),
        })),
        meetings: (input.activity.exchange?.meetings ?? []).map((m) => ({
          ...m,
          attending: m.attending.map(name),
          projectPartners: m.attending.filter((id) => members.has(id)).length,
        })),
      },
    },
  };
}
