/**
 * Utilisation maths for reports, pure: per partner, resource kind and ISO week the available
 * hours (functions/matching/capacity.ts: hoursPerWeek or the exception's hours), the booked
 * hours, the booked share (NOT capped: over-booking shows as more than 100 %) and its band. Sums
 * per partner, per week over the network, and the partners with the most idle hours to come.
 */
import { type BookingIndex, bookedShare, type CapacitySource, capacityOf } from '#functions/matching/index';

export const RESOURCE_KINDS = ['people', 'room', 'machine'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * The bands of the heat-map: ≤ 60 % under-used, 60–80 %, 80–100 %, > 100 % over-booked; `none`
 * where a week offers no hours and none are booked (a holiday).
 */
export const BANDS = [
  { band: 'under', label: '≤ 60 % (under-used)', colour: '#fde68a' },
  { band: 'good', label: '60–80 %', colour: '#bbf7d0' },
  { band: 'busy', label: '80–100 %', colour: '#4ade80' },
  { band: 'over', label: '> 100 % (over-booked)', colour: '#f87171' },
  { band: 'none', label: 'no capacity', colour: '#e5e7eb' },
] as const;
export type Band = (typeof BANDS)[number]['band'];

/** The band of a booked share (0.6 is still under-used, 0.8 still 60–80 %, 1.0 still 80–100 %). */
export function bandOf(share: number | null): Band {
  if (share === null) return 'none';
  if (share <= 0.6) return 'under';
  if (share <= 0.8) return 'good';
  if (share <= 1) return 'busy';
  return 'over';
}

export interface Cell {
  week: string;
  available: number;
  booked: number;
  /**
   * Of `booked`, the hours funded-project time records booked; `booked − projectHours` are the
   * jobs' hours. Both take capacity (matching sees them as taken); the report shows them apart.
   */
  projectHours: number;
  /** Booked share in percent, one decimal; null when nothing is available (see band). */
  utilisationPct: number | null;
  band: Band;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A cell from available and booked hours (of them `projectHours` booked by funded projects). */
export function cell(week: string, available: number, booked: number, projectHours = 0): Cell {
  const share = bookedShare(available, booked);
  return {
    week,
    available: round2(available),
    booked: round2(booked),
    projectHours: round2(projectHours),
    utilisationPct: share === null || !Number.isFinite(share) ? null : Math.round(share * 1000) / 10,
    band: bandOf(share),
  };
}

/** The sum of cells (of one week, or of one row over weeks) as a cell labelled `week`. */
export function sumCells(
  week: string,
  cells: readonly { available: number; booked: number; projectHours?: number }[],
): Cell {
  let available = 0;
  let booked = 0;
  let project = 0;
  for (const c of cells) {
    available += c.available;
    booked += c.booked;
    project += c.projectHours ?? 0;
  }
  return cell(week, available, booked, project);
}

export interface KindRow {
  kind: ResourceKind;
  resources: number;
  weeks: Cell[];
  total: Cell;
}

export interface PartnerRow {
  partnerId: string;
  name: string;
  /** One row per resource kind the partner has, in the order people, room, machine. */
  kinds: KindRow[];
  /** Its resources of the booked kinds (see bookedKinds) per week: the `all` of the report. */
  weeks: Cell[];
  total: Cell;
}

/**
 * The kinds the `all` figures sum: those with booked hours in the period. A kind nobody books
 * (rooms and machines before jobs booked them) would count as idle capacity and show a fully
 * booked team as under-used; with nothing booked at all, people (what every job books).
 */
export function bookedKinds(rows: readonly Pick<PartnerRow, 'kinds'>[]): ResourceKind[] {
  const booked = new Set<ResourceKind>();
  for (const r of rows) for (const k of r.kinds) if (k.weeks.some((c) => c.booked > 0)) booked.add(k.kind);
  const kinds = RESOURCE_KINDS.filter((k) => booked.has(k));
  return kinds.length > 0 ? kinds : ['people'];
}

export type ReportResource = CapacitySource & { id: string; partnerId: string; kind: ResourceKind };

/**
 * Per partner and resource kind per week: available hours (capacity with exceptions), booked
 * hours, booked share and band; per partner the sum of its kinds in `allKinds` (default: the
 * kinds booked anywhere in the rows, bookedKinds). Partners are listed in the order given; weeks
 * in order.
 */
export function partnerRows(
  partners: readonly { id: string; name: string }[],
  resources: readonly ReportResource[],
  weeks: readonly string[],
  bookings: BookingIndex,
  allKinds?: readonly ResourceKind[],
): PartnerRow[] {
  const byPartner = new Map<string, ReportResource[]>();
  for (const r of resources) byPartner.set(r.partnerId, [...(byPartner.get(r.partnerId) ?? []), r]);
  const kindRows = partners.map((p) => {
    const own = byPartner.get(p.id) ?? [];
    const kinds = RESOURCE_KINDS.flatMap((kind): KindRow[] => {
      const ofKind = own.filter((r) => r.kind === kind);
      if (ofKind.length === 0) return [];
      const capacities = ofKind.map((r) => ({ r, capacity: capacityOf(r) }));
      const cells = weeks.map((week) => {
        let available = 0;
        let booked = 0;
        let project = 0;
        for (const { r, capacity } of capacities) {
          available += capacity(week);
          booked += bookings.booked(p.id, r.id, week);
          project += bookings.project(p.id, r.id, week);
        }
        return cell(week, available, booked, project);
      });
      return [{ kind, resources: ofKind.length, weeks: cells, total: sumCells('total', cells) }];
    });
    return { partnerId: p.id, name: p.name, kinds };
  });
  const summed = new Set(allKinds ?? bookedKinds(kindRows));
  return kindRows.map((r) => {
    const counted = r.kinds.filter((k) => summed.has(k.kind));
    const perWeek = weeks.map((week, i) =>
      sumCells(
        week,
        counted.map((k) => k.weeks[i]!),
      ),
    );
    return { ...r, weeks: perWeek, total: sumCells('total', perWeek) };
  });
}

export interface NetworkWeek extends Cell {
  byKind: Partial<Record<ResourceKind, Cell>>;
}

/** Network totals per week (all partners, and per resource kind) and over the whole period. */
export function networkTotals(rows: readonly PartnerRow[], weeks: readonly string[]) {
  const perWeek: NetworkWeek[] = weeks.map((week, i) => {
    const byKind: Partial<Record<ResourceKind, Cell>> = {};
    for (const kind of RESOURCE_KINDS) {
      const cells = rows.flatMap((r) => r.kinds.filter((k) => k.kind === kind).map((k) => k.weeks[i]!));
      if (cells.length > 0) byKind[kind] = sumCells(week, cells);
    }
    return {
      ...sumCells(
        week,
        rows.map((r) => r.weeks[i]!),
      ),
      byKind,
    };
  });
  return { weeks: perWeek, total: sumCells('total', perWeek) };
}

export interface IdlePartner {
  partnerId: string;
  name: string;
  /** Hours available and not booked in the coming weeks, per kind and week (over-booking counts 0, not less). */
  idleHours: number;
  available: number;
  booked: number;
  utilisationPct: number | null;
}

/**
 * The partners with the most idle hours in `coming` weeks, most first (ties by name): what
 * matching should fill, so only of the kinds jobs book (`kinds`, default bookedKinds). Partners
 * without idle hours are left out.
 */
export function mostIdle(
  rows: readonly PartnerRow[],
  coming: readonly string[],
  limit = 5,
  kinds?: readonly ResourceKind[],
): IdlePartner[] {
  const wanted = new Set(coming);
  const counted = kinds ?? bookedKinds(rows);
  return rows
    .map((r) => {
      const cells = r.weeks.filter((c) => wanted.has(c.week));
      const total = sumCells('total', cells);
      // per kind and week: an over-booked machine does not make the people's free hours less idle;
      // only the kinds `all` sums (a room nobody books is not idle capacity matching could fill)
      const idle = r.kinds
        .filter((k) => counted.includes(k.kind))
        .flatMap((k) => k.weeks.filter((c) => wanted.has(c.week)))
        .reduce((s, c) => s + Math.max(0, c.available - c.booked), 0);
      return {
        partnerId: r.partnerId,
        name: r.name,
        idleHours: round2(idle),
        available: total.available,
        booked: total.booked,
        utilisationPct: total.utilisationPct,
      };
    })
    .filter((p) => p.idleHours > 0)
    .sort((a, b) => b.idleHours - a.idleHours || a.name.localeCompare(b.name, 'de'))
    .slice(0, limit);
}
