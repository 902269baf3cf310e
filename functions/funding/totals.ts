/**
 * Plan and actual amounts of a project, pure. Money is integer cents: personnel costs are
 * hours × the category's hourly rate, rounded to the cent once per record, so every sum
 * (per partner, work package, period, project) is an exact sum of the same integers.
 */
import type { Amounts, Cost, PersonCategory, PlanEntry, TimeRecord, WorkPackage } from './schema';

export const ZERO: Amounts = Object.freeze({
  hours: 0,
  personnelCents: 0,
  materialCents: 0,
  thirdPartyCents: 0,
  travelCents: 0,
  totalCents: 0,
}) as Amounts;

export const add = (a: Amounts, b: Amounts): Amounts => ({
  hours: a.hours + b.hours,
  personnelCents: a.personnelCents + b.personnelCents,
  materialCents: a.materialCents + b.materialCents,
  thirdPartyCents: a.thirdPartyCents + b.thirdPartyCents,
  travelCents: a.travelCents + b.travelCents,
  totalCents: a.totalCents + b.totalCents,
});

/** Cost of one record in cents: quarter hours keep `hours × rate` exact to a quarter cent, rounded half up. */
export const personnelCents = (hours: number, rateCents: number) =>
  Math.round((Math.round(hours * 4) * rateCents) / 4);

const planAmounts = (p: PlanEntry): Amounts => ({
  hours: p.hours,
  personnelCents: p.personnelCents,
  materialCents: p.materialCents,
  thirdPartyCents: p.thirdPartyCents,
  travelCents: p.travelCents,
  totalCents: p.personnelCents + p.materialCents + p.thirdPartyCents + p.travelCents,
});

/** `partnerId|workPackageId` → amounts. */
export type Grid = Map<string, Amounts>;
export const cellKey = (partnerId: string, workPackageId: string) => `${partnerId}|${workPackageId}`;

function bump(grid: Grid, key: string, a: Amounts) {
  grid.set(key, add(grid.get(key) ?? ZERO, a));
}

/** Planned amounts per partner and work package. */
export function planGrid(workPackages: readonly WorkPackage[]): Grid {
  const grid: Grid = new Map();
  for (const wp of workPackages)
    for (const p of wp.plan) bump(grid, cellKey(p.partnerId, wp.id), planAmounts(p));
  return grid;
}

/** What the sums need of a time record and of a cost (the report reads only these attributes). */
export type RecordAmounts = Pick<
  TimeRecord,
  'partnerId' | 'categoryId' | 'workPackageId' | 'hours' | 'periodId'
>;
export type CostAmounts = Pick<Cost, 'partnerId' | 'kind' | 'workPackageId' | 'amountCents' | 'periodId'>;

/** Actual amounts per partner and work package from records and costs (of the given periods, or all). */
export function actualGrid(
  records: readonly RecordAmounts[],
  costs: readonly CostAmounts[],
  categories: readonly PersonCategory[],
  periodIds?: ReadonlySet<string>,
): Grid {
  const rate = new Map(categories.map((c) => [`${c.partnerId}|${c.id}`, c.hourlyRateCents]));
  const grid: Grid = new Map();
  for (const r of records) {
    if (periodIds && !periodIds.has(r.periodId)) continue;
    const cents = personnelCents(r.hours, rate.get(`${r.partnerId}|${r.categoryId}`) ?? 0);
    bump(grid, cellKey(r.partnerId, r.workPackageId), {
      ...ZERO,
      hours: r.hours,
      personnelCents: cents,
      totalCents: cents,
    });
  }
  for (const c of costs) {
    if (periodIds && !periodIds.has(c.periodId)) continue;
    const field = `${c.kind}Cents` as 'materialCents' | 'thirdPartyCents' | 'travelCents';
    bump(grid, cellKey(c.partnerId, c.workPackageId), {
      ...ZERO,
      [field]: c.amountCents,
      totalCents: c.amountCents,
    });
  }
  return grid;
}

/** The sum of a grid's cells that match. */
export function sumWhere(grid: Grid, match: (partnerId: string, workPackageId: string) => boolean): Amounts {
  let total = ZERO;
  for (const [key, a] of grid) {
    const [partnerId, wpId] = key.split('|') as [string, string];
    if (match(partnerId, wpId)) total = add(total, a);
  }
  return total;
}

/**
 * Funding of one partner: eligible cents × rate %, rounded down to the cent, so it never
 * exceeds rate × eligible costs.
 */
export const fundingCents = (eligibleCents: number, ratePct: number) =>
  Math.floor((Math.max(0, eligibleCents) * ratePct) / 100);
