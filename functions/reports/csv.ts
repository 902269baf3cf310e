/**
 * The report as CSV, pure, written by the one CSV writer (shared/csv.ts: RFC 4180, formula
 * guard, UTF-8 with a byte-order mark; `,` or the German `;` dialect). One row per partner, resource kind (or `all`) and ISO
 * week, then the network totals: long format, ready for a pivot table. `booked_hours` is
 * `job_hours` + `project_hours` (funded-project time records).
 */
import { type CsvCell, type CsvDialect, toCsv } from '#shared/csv';
import type { Renderable } from './report';
import type { Cell } from './utilisation';

export const CSV_HEADER = [
  'week',
  'week_start',
  'partner_id',
  'partner',
  'kind',
  'available_hours',
  'booked_hours',
  'job_hours',
  'project_hours',
  'utilisation_pct',
  'band',
] as const;

/** The utilisation table of a report (coordinator's or partner's version) as CSV text. */
export function reportCsv(report: Renderable, dialect: CsvDialect = 'rfc4180'): string {
  const monday = new Map<string, string>();
  const start = Date.parse(`${report.period.firstDay}T00:00:00Z`);
  report.period.weeks.forEach((w, i) => {
    monday.set(w, new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10));
  });
  const line = (c: Cell, partnerId: string, partner: string, kind: string): CsvCell[] => [
    c.week,
    monday.get(c.week),
    partnerId,
    partner,
    kind,
    c.available,
    c.booked,
    // booked = jobs' hours + funded projects' hours (both take capacity)
    Math.round((c.booked - c.projectHours) * 100) / 100,
    c.projectHours,
    c.utilisationPct,
    c.band,
  ];
  const lines: CsvCell[][] = [];
  for (const p of report.partners) {
    for (const k of p.kinds) for (const c of k.weeks) lines.push(line(c, p.partnerId, p.name, k.kind));
    for (const c of p.weeks) lines.push(line(c, p.partnerId, p.name, 'all'));
  }
  const total = `${report.network.name} (network total)`;
  for (const kind of ['people', 'room', 'machine'] as const) {
    for (const w of report.totals.weeks) {
      const c = w.byKind[kind];
      if (c) lines.push(line(c, '', total, kind));
    }
  }
  for (const w of report.totals.weeks) lines.push(line(w, '', total, 'all'));
  return toCsv(CSV_HEADER, lines, { dialect });
}

/** A file name for the report: `utilisation-demo-2026-W10-2026-W21.csv`. */
export const csvFilename = (report: Renderable, partnerId?: string) =>
  `utilisation-${report.network.id}${partnerId ? `-${partnerId}` : ''}-${report.period.from}-${report.period.to}.csv`;
