/**
 * Capacity maths, pure: the hours a resource offers in a week (its hoursPerWeek, or the hours of
 * an exception overlapping that week), booked, free and utilisation. ISO weeks: shared/weeks.ts.
 */

import { dayNumber, weekMondayDay } from '#shared/weeks';

/** The fields of a resource capacity maths needs. */
export interface CapacitySource {
  hoursPerWeek: number;
  exceptions: readonly { from: string; to: string; hours: number }[];
}

/**
 * A resource's hours per week as a function, with its exceptions parsed once. A week overlapping
 * an exception offers the exception's hours; where several overlap, the smallest counts.
 */
export function capacityOf(resource: CapacitySource): (week: string) => number {
  if (resource.exceptions.length === 0) return () => resource.hoursPerWeek;
  const ranges = resource.exceptions.map((e) => ({
    from: dayNumber(e.from),
    to: dayNumber(e.to),
    hours: e.hours,
  }));
  return (week) => {
    const monday = weekMondayDay(week);
    let hours = resource.hoursPerWeek;
    for (const r of ranges) if (r.from <= monday + 6 && r.to >= monday && r.hours < hours) hours = r.hours;
    return hours;
  };
}

/** Hours a resource offers in one ISO week. */
export const availableHours = (resource: CapacitySource, week: string) => capacityOf(resource)(week);

/** Free hours: what the capacity leaves after bookings, never below zero. */
export const freeHours = (capacity: number, booked: number) => Math.max(0, capacity - booked);

/** Booked share of capacity, 0…1; a week without capacity counts as fully used. */
export function utilisation(capacity: number, booked: number): number {
  if (capacity <= 0) return 1;
  return Math.min(1, booked / capacity);
}

/** Booked hours per partner, resource and week, as loaded for a match or a calendar. */
export interface BookedHours {
  partnerId: string;
  resourceId: string;
  week: string;
  booked: number;
  /** Of `booked`, the hours still waiting for the partner's confirmation. */
  tentative?: number;
  /** Of `booked`, the hours funded-project time records booked (not jobs). */
  project?: number;
}

/**
 * One resource's bookings in one ISO-week year, as stored (one item per resource and year):
 * `hours[n]` are the hours booked in week `n` (1…53), `tentative[n]` the part of them still
 * waiting for the partner's confirmation.
 */
export interface ResourceYear {
  partnerId: string;
  resourceId: string;
  year: number;
  hours: Float64Array;
  tentative?: Float64Array;
  /** Of `hours`, those booked by funded-project time records. */
  project?: Float64Array;
}

/** Slots of a ResourceYear's arrays: index = ISO week number, 1…53. */
export const WEEK_SLOTS = 54;

/** Year and week number of an ISO week `2030-W10`, without a regular expression. */
export function weekParts(week: string): { year: number; n: number } {
  return { year: Number(week.slice(0, 4)), n: Number(week.slice(6)) };
}

/**
 * Booked hours looked up by partner, resource and week. Built from stored resource-years
 * (`fromYears`, no copying) or from per-week lines (the constructor, for tests and callers that
 * have lines). A match reads every record once in order (`records()`); the lookup by resource that
 * calendars use is built on its first use, so a match builds no map of every resource.
 */
export class BookingIndex {
  /** The records as given (two records of one resource-year both kept: readers sum them). */
  private list: ResourceYear[] = [];
  /**
   * By resource id (partners' resource ids rarely repeat, so the key is the id alone and a hit
   * is checked against the partner): no key strings are built per resource, which at 10,000
   * partners was most of an index's cost.
   */
  private lookup?: Map<string, ResourceYear[]>;

  constructor(bookings: Iterable<BookedHours> = []) {
    for (const b of bookings) {
      const { year, n } = weekParts(b.week);
      let y = this.find(b.partnerId, b.resourceId, year);
      if (!y) {
        y = { partnerId: b.partnerId, resourceId: b.resourceId, year, hours: new Float64Array(WEEK_SLOTS) };
        this.list.push(y);
        this.addYear(this.byResource(), y);
      }
      y.hours[n]! += b.booked;
      if (b.tentative) {
        y.tentative ??= new Float64Array(WEEK_SLOTS);
        y.tentative[n]! += b.tentative;
      }
      if (b.project) {
        y.project ??= new Float64Array(WEEK_SLOTS);
        y.project[n]! += b.project;
      }
    }
  }

  /** An index over stored resource-years; two records of one resource-year are summed. */
  static fromYears(years: Iterable<ResourceYear>): BookingIndex {
    const index = new BookingIndex();
    index.list = Array.isArray(years) ? years.slice() : [...years];
    return index;
  }

  /** Every stored record in the order given; two records of one resource-year add up. */
  records(): readonly ResourceYear[] {
    return this.list;
  }

  private byResource(): Map<string, ResourceYear[]> {
    if (!this.lookup) {
      const lookup = new Map<string, ResourceYear[]>();
      for (const y of this.list) this.addYear(lookup, y);
      this.lookup = lookup;
    }
    return this.lookup;
  }

  private addYear(lookup: Map<string, ResourceYear[]>, y: ResourceYear) {
    const list = lookup.get(y.resourceId);
    if (!list) {
      lookup.set(y.resourceId, [y]);
      return;
    }
    const at = list.findIndex((x) => x.year === y.year && x.partnerId === y.partnerId);
    if (at < 0) {
      list.push(y);
      return;
    }
    // two records of one resource-year: summed into a copy, the inputs stay as they are
    const same = list[at]!;
    const hours = Float64Array.from(same.hours, (h, n) => h + (y.hours[n] ?? 0));
    const merged: ResourceYear = { ...same, hours };
    if (same.tentative || y.tentative) {
      merged.tentative = Float64Array.from(
        { length: WEEK_SLOTS },
        (_, n) => (same.tentative?.[n] ?? 0) + (y.tentative?.[n] ?? 0),
      );
    }
    if (same.project || y.project) {
      merged.project = Float64Array.from(
        { length: WEEK_SLOTS },
        (_, n) => (same.project?.[n] ?? 0) + (y.project?.[n] ?? 0),
      );
    }
    list[at] = merged;
  }

  private find(partnerId: string, resourceId: string, year: number): ResourceYear | undefined {
    const list = this.byResource().get(resourceId);
    if (!list) return undefined;
    for (const y of list) if (y.year === year && y.partnerId === partnerId) return y;
    return undefined;
  }

  /** Calls `fn` with each stored year of one resource. */
  eachYear(partnerId: string, resourceId: string, fn: (y: ResourceYear) => void): void {
    const list = this.byResource().get(resourceId);
    if (!list) return;
    for (const y of list) if (y.partnerId === partnerId) fn(y);
  }

  booked(partnerId: string, resourceId: string, week: string): number {
    const { year, n } = weekParts(week);
    return this.find(partnerId, resourceId, year)?.hours[n] ?? 0;
  }

  /** Of the booked hours, those still waiting for the partner's confirmation. */
  tentative(partnerId: string, resourceId: string, week: string): number {
    const { year, n } = weekParts(week);
    return this.find(partnerId, resourceId, year)?.tentative?.[n] ?? 0;
  }

  /** Of the booked hours, those funded-project time records booked (the rest are jobs'). */
  project(partnerId: string, resourceId: string, week: string): number {
    const { year, n } = weekParts(week);
    return this.find(partnerId, resourceId, year)?.project?.[n] ?? 0;
  }
}

export interface WeekCell {
  week: string;
  capacity: number;
  booked: number;
  free: number;
  utilisation: number;
}

/** One resource's capacity, booked and free hours for each of `weeks`. */
export function resourceWeeks(
  resource: CapacitySource & { id: string; partnerId: string },
  weeks: readonly string[],
  bookings: BookingIndex,
): WeekCell[] {
  const cap = capacityOf(resource);
  return weeks.map((week) => {
    const capacity = cap(week);
    const b = bookings.booked(resource.partnerId, resource.id, week);
    return { week, capacity, booked: b, free: freeHours(capacity, b), utilisation: utilisation(capacity, b) };
  });
}

/** Sums over cells (a resource's or a partner's weeks): capacity, booked, free, utilisation. */
export function totals(cells: readonly { capacity: number; booked: number; free: number }[]) {
  let capacity = 0;
  let booked = 0;
  let free = 0;
  for (const c of cells) {
    capacity += c.capacity;
    booked += c.booked;
    free += c.free;
  }
  return { capacity, booked, free, utilisation: utilisation(capacity, booked) };
}

/** One booking line: whole hours of one resource in one week. */
export interface AllocationLine {
  resourceId: string;
  week: string;
  hours: number;
}

/**
 * Spreads `hours` (a whole number) over a partner's free resource-weeks as evenly over the weeks
 * as their free hours allow, and inside a week onto as few resources as possible (most free
 * first), so a job books few items. Only whole free hours are used. Returns undefined when the
 * free hours do not suffice. Deterministic: ties go by week, then resource id.
 */
export function allocate(
  hours: number,
  cells: readonly { resourceId: string; week: string; free: number }[],
  mode: 'even' | 'compact' = 'even',
): AllocationLine[] | undefined {
  if (mode === 'compact') return allocateCompact(hours, cells);
  const byWeek = new Map<string, { resourceId: string; free: number }[]>();
  for (const c of cells) {
    const free = Math.floor(c.free);
    if (free <= 0) continue;
    let list = byWeek.get(c.week);
    if (!list) {
      list = [];
      byWeek.set(c.week, list);
    }
    list.push({ resourceId: c.resourceId, free });
  }
  const weeks = [...byWeek.entries()]
    .map(([week, list]) => ({ week, list, free: list.reduce((s, r) => s + r.free, 0) }))
    .sort((a, b) => a.free - b.free || (a.week < b.week ? -1 : 1));
  // water-filling: the tightest weeks take what they can, the rest share evenly
  let rest = hours;
  const lines: AllocationLine[] = [];
  weeks.forEach((w, i) => {
    const give = Math.min(w.free, Math.ceil(rest / (weeks.length - i)));
    rest -= give;
    let left = give;
    const resources = [...w.list].sort((a, b) => b.free - a.free || (a.resourceId < b.resourceId ? -1 : 1));
    for (const r of resources) {
      if (left === 0) break;
      const take = Math.min(r.free, left);
      lines.push({ resourceId: r.resourceId, week: w.week, hours: take });
      left -= take;
    }
  });
  if (rest > 0) return undefined;
  return lines.sort(byWeekThenResource);
}

/** The fewest resource-weeks: the freest cells first (for jobs that would book too many items). */
function allocateCompact(
  hours: number,
  cells: readonly { resourceId: string; week: string; free: number }[],
): AllocationLine[] | undefined {
  const sorted = cells
    .map((c) => ({ resourceId: c.resourceId, week: c.week, free: Math.floor(c.free) }))
    .filter((c) => c.free > 0)
    .sort((a, b) => b.free - a.free || byWeekThenResource(a, b));
  let rest = hours;
  const lines: AllocationLine[] = [];
  for (const c of sorted) {
    if (rest === 0) break;
    const take = Math.min(c.free, rest);
    lines.push({ resourceId: c.resourceId, week: c.week, hours: take });
    rest -= take;
  }
  if (rest > 0) return undefined;
  return lines.sort(byWeekThenResource);
}

function byWeekThenResource(
  a: { week: string; resourceId: string },
  b: { week: string; resourceId: string },
) {
  if (a.week !== b.week) return a.week < b.week ? -1 : 1;
  return a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0;
}

/**
 * Calendars: per partner, per week and per resource, capacity, booked, free and utilisation.
 * Partner weeks sum its resources (people, rooms and machines alike).
 */
export function calendarView(
  partners: readonly { id: string; name: string }[],
  resources: readonly (CapacitySource & { id: string; partnerId: string; name: string; kind: string })[],
  weeks: readonly string[],
  bookings: BookingIndex,
) {
  const byPartner = new Map<string, (typeof resources)[number][]>();
  for (const r of resources) byPartner.set(r.partnerId, [...(byPartner.get(r.partnerId) ?? []), r]);
  return partners.map((p) => {
    const res = (byPartner.get(p.id) ?? []).map((r) => {
      const cells = resourceWeeks(r, weeks, bookings);
      return { resourceId: r.id, name: r.name, kind: r.kind, totals: totals(cells), weeks: cells };
    });
    const perWeek = weeks.map((week, i) => ({ week, ...totals(res.map((r) => r.weeks[i]!)) }));
    return { partnerId: p.id, name: p.name, totals: totals(perWeek), weeks: perWeek, resources: res };
  });
}

/**
 * Booked share of capacity, NOT capped (reports show over-booking as > 1); null when the week
 * offers no hours and none are booked, Infinity when hours are booked on zero capacity.
 */
export function bookedShare(capacity: number, booked: number): number | null {
  if (capacity <= 0) return booked > 0 ? Number.POSITIVE_INFINITY : null;
  return booked / capacity;
}
