/**
 * A funded project, pure: built from the coordinator's body, checked for references that do not
 * hold (a category of a partner outside the project, a plan for an unknown partner), and shown
 * to each caller: the coordinator sees everything, a partner its own plan, categories and
 * funding and the project totals, never another partner's rates.
 */
import { createHash } from 'node:crypto';
import type { Partner } from '#functions/networks/index';
import type { CallerOf } from '#shared/http/auth';
import type { FieldError } from '#shared/http/errors';
import { appliedRate, type PartnerFacts, rateClass, runChecks } from './checks';
import { calendarErrors, defaultPeriods, numbered } from './periods';
import { copyPreset } from './programmes';
import type { CheckProjectBody, CreateProjectBody, PeriodState, Project } from './schema';
import { actualGrid, type CostAmounts, fundingCents, planGrid, type RecordAmounts, sumWhere } from './totals';

type Caller = CallerOf<'coordinator' | 'partner'>;

/** The schedule's name: `funding-<networkId>-<projectId>`, shortened with a digest past 64 characters. */
export function scheduleName(networkId: string, projectId: string): string {
  const name = `funding-${networkId}-${projectId}`;
  if (name.length <= 64) return name;
  return `funding-${createHash('sha256').update(`${networkId}/${projectId}`).digest('hex').slice(0, 40)}`;
}

export function newProject(networkId: string, body: CreateProjectBody, id: string, now: string): Project {
  const rules = body.rules ?? copyPreset(body.preset ?? 'coin-netzwerke');
  return {
    id,
    title: body.title,
    rules,
    start: body.start,
    end: body.end,
    partners: body.partners,
    workPackages: body.workPackages,
    categories: body.categories,
    periods: numbered(body.periods ?? (body.start < body.end ? defaultPeriods(body.start, body.end) : [])),
    checkTime: body.checkTime,
    scheduleName: scheduleName(networkId, id),
    revision: 1,
    createdAt: now,
    updatedAt: now,
  };
}

function duplicates(ids: readonly string[]): number[] {
  const seen = new Set<string>();
  return ids.flatMap((v, i) => {
    if (seen.has(v)) return [i];
    seen.add(v);
    return [];
  });
}

/**
 * What does not hold in a project: dates and periods, duplicate ids, partners the network does
 * not have, categories and plans of partners outside the project.
 */
export function projectErrors(p: Project, networkPartnerIds: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [...calendarErrors(p.start, p.end, p.periods)];
  const inProject = new Set(p.partners.map((x) => x.partnerId));
  for (const i of duplicates(p.partners.map((x) => x.partnerId))) {
    errors.push({ path: `partners.${i}.partnerId`, message: 'is in the project already', code: 'duplicate' });
  }
  p.partners.forEach((x, i) => {
    if (!networkPartnerIds.has(x.partnerId)) {
      errors.push({
        path: `partners.${i}.partnerId`,
        message: `no partner ${x.partnerId} in this network`,
        code: 'unknown_partner',
      });
    }
  });
  if (p.partners.filter((x) => x.role === 'lead').length !== 1) {
    errors.push({
      path: 'partners',
      message: 'must have exactly one partner with role lead',
      code: 'one_lead',
    });
  }
  for (const i of duplicates(p.workPackages.map((w) => w.id))) {
    errors.push({
      path: `workPackages.${i}.id`,
      message: 'is used by another work package',
      code: 'duplicate',
    });
  }
  p.workPackages.forEach((w, i) => {
    for (const j of duplicates(w.plan.map((e) => e.partnerId))) {
      errors.push({
        path: `workPackages.${i}.plan.${j}.partnerId`,
        message: 'has a plan line already',
        code: 'duplicate',
      });
    }
    w.plan.forEach((e, j) => {
      if (!inProject.has(e.partnerId)) {
        errors.push({
          path: `workPackages.${i}.plan.${j}.partnerId`,
          message: `${e.partnerId} is not a project partner`,
          code: 'not_in_project',
        });
      }
    });
  });
  for (const i of duplicates(p.categories.map((c) => `${c.partnerId}|${c.id}`))) {
    errors.push({
      path: `categories.${i}.id`,
      message: 'is used by another category of this partner',
      code: 'duplicate',
    });
  }
  p.categories.forEach((c, i) => {
    if (!inProject.has(c.partnerId)) {
      errors.push({
        path: `categories.${i}.partnerId`,
        message: `${c.partnerId} is not a project partner`,
        code: 'not_in_project',
      });
    }
  });
  if (p.rules.eligibleCostsCents.min.value > p.rules.eligibleCostsCents.max.value) {
    errors.push({
      path: 'rules.eligibleCostsCents.max',
      message: 'must not be below min',
      code: 'below_min',
    });
  }
  if (p.rules.durationMonths.min.value > p.rules.durationMonths.max.value) {
    errors.push({ path: 'rules.durationMonths.max', message: 'must not be below min', code: 'below_min' });
  }
  return errors;
}

/** What the checks need of the network's partners (a partner without kind is a firm). */
export function factsOf(partners: readonly Partner[]): Map<string, PartnerFacts> {
  return new Map(
    partners.map((p) => [
      p.id,
      {
        partnerId: p.id,
        name: p.name,
        kind: p.kind ?? 'firm',
        sizeClass: p.sizeClass,
        affiliationGroup: p.affiliationGroup,
      },
    ]),
  );
}

export interface ProjectData {
  project: Project;
  periodStates: PeriodState[];
  records: RecordAmounts[];
  costs: CostAmounts[];
}

/** The project with its totals and live checks, as the caller may see it. */
export function projectView(data: ProjectData, facts: ReadonlyMap<string, PartnerFacts>, caller: Caller) {
  const { project: p } = data;
  const plan = planGrid(p.workPackages);
  const actual = actualGrid(data.records, data.costs, p.categories);
  const checks = runChecks({
    rules: p.rules,
    start: p.start,
    end: p.end,
    partners: p.partners,
    facts,
    plan,
    actual,
  });
  const partnerTotals = p.partners.map((x) => {
    const f = facts.get(x.partnerId);
    const act = sumWhere(actual, (pid) => pid === x.partnerId);
    const rate = f ? appliedRate(x.fundingRatePct, f, p.rules) : 0;
    return {
      partnerId: x.partnerId,
      name: f?.name ?? x.partnerId,
      planned: sumWhere(plan, (pid) => pid === x.partnerId),
      actual: act,
      fundingRatePct: rate,
      fundingCents: fundingCents(act.totalCents, rate),
    };
  });
  const totals = {
    planned: sumWhere(plan, () => true),
    actual: sumWhere(actual, () => true),
    fundingCents: partnerTotals.reduce((s, t) => s + t.fundingCents, 0),
  };
  const own = (partnerId: string | undefined) =>
    caller.role === 'coordinator' || partnerId === caller.partnerId;
  return {
    ...p,
    partners: p.partners.map((x) => {
      const f = facts.get(x.partnerId);
      return {
        partnerId: x.partnerId,
        name: f?.name ?? x.partnerId,
        role: x.role,
        kind: f?.kind ?? 'firm',
        ...(f?.sizeClass ? { sizeClass: f.sizeClass } : {}),
        ...(own(x.partnerId) ? { fundingRatePct: x.fundingRatePct } : {}),
      };
    }),
    workPackages: p.workPackages.map((w) => ({ ...w, plan: w.plan.filter((e) => own(e.partnerId)) })),
    categories: p.categories.filter((c) => own(c.partnerId)),
    periodStates: data.periodStates,
    totals,
    partnerTotals: partnerTotals.filter((t) => own(t.partnerId)),
    checks: checks.filter((c) => c.partnerId === undefined || own(c.partnerId)),
  };
}

/** Whether the caller takes part in the project (coordinators see every project of their network). */
export const takesPart = (p: Project, caller: Caller) =>
  caller.role === 'coordinator' || p.partners.some((x) => x.partnerId === caller.partnerId);

/**
 * The live checks of a draft (CheckProjectBody): the project it would become (rules copied,
 * periods made), checked as a new project with no records yet, and the field errors the create
 * would answer. Pure; nothing is written.
 */
export function draftChecks(
  networkId: string,
  body: CheckProjectBody,
  facts: ReadonlyMap<string, PartnerFacts>,
) {
  const project = newProject(
    networkId,
    { ...body, title: body.title ?? '' },
    'draft',
    '1970-01-01T00:00:00.000Z',
  );
  const errors = projectErrors(project, new Set(facts.keys()));
  const plan = planGrid(project.workPackages);
  const checks = runChecks({
    rules: project.rules,
    start: project.start,
    end: project.end,
    partners: project.partners,
    facts,
    plan,
    actual: actualGrid([], [], project.categories),
  });
  const partners = project.partners.flatMap((x) => {
    const f = facts.get(x.partnerId);
    if (!f) return [];
    const planned = sumWhere(plan, (pid) => pid === x.partnerId);
    const rate = appliedRate(x.fundingRatePct, f, project.rules);
    return [
      {
        partnerId: x.partnerId,
        name: f.name,
        kind: f.kind,
        ...(f.sizeClass ? { sizeClass: f.sizeClass } : {}),
        maxFundingRatePct: project.rules.maxFundingRatePct[rateClass(f)].value,
        fundingRatePct: rate,
        fundingCents: fundingCents(planned.totalCents, rate),
      },
    ];
  });
  return {
    rules: project.rules,
    periods: project.periods,
    partners: partners.map(({ fundingCents: _, ...p }) => p),
    totals: {
      planned: sumWhere(plan, () => true),
      fundingCents: partners.reduce((s, p) => s + p.fundingCents, 0),
    },
    checks,
    errors,
  };
}
