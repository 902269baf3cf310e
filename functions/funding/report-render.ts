/**
 * The funding report as printable HTML (inline styles and a print stylesheet, no script, so a
 * mail client and a browser's "print to PDF" show the same) and as CSV through THE CSV writer.
 */
import { type CsvCell, type CsvDialect, toCsv } from '#shared/csv';
import { esc } from '#shared/mail/html';
import { money } from './checks';
import type { FundingReport } from './report';
import type { Amounts } from './schema';

const h = (n: number) => (Math.round(n * 100) / 100).toLocaleString('de-AT');
const eur = (c: number) => esc(money(c, 'de'));

const STYLE = `
body { font-family: Arial, Helvetica, sans-serif; font-size: 13px; color: #1a1a1a; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 22px 0 6px; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: right; }
th:first-child, td:first-child, td.text { text-align: left; }
th { background: #eef1f5; } tr.total td { font-weight: bold; background: #f6f6f6; }
td.over { background: #fde2e2; } .ok { color: #17653a; } .fail { color: #a11; } .warn { color: #8a5a00; }
.meta { color: #555; } .en { color: #666; font-size: 11px; }
@media print { body { margin: 0; font-size: 11px; } h2 { break-after: avoid; } table { break-inside: auto; } tr { break-inside: avoid; } }
`;

function amountCells(planned: Amounts, actual: Amounts, toDate: Amounts, interim: boolean): string {
  const over = (a: number, p: number) => (a > p ? ' class="over"' : '');
  return [
    `<td>${h(planned.hours)}</td>`,
    interim ? `<td>${h(actual.hours)}</td>` : '',
    `<td${over(toDate.hours, planned.hours)}>${h(toDate.hours)}</td>`,
    `<td>${eur(planned.totalCents)}</td>`,
    interim ? `<td>${eur(actual.totalCents)}</td>` : '',
    `<td${over(toDate.totalCents, planned.totalCents)}>${eur(toDate.totalCents)}</td>`,
  ].join('');
}

function amountHeader(interim: boolean): string {
  return [
    '<th>Std. Plan</th>',
    interim ? '<th>Std. Periode</th>' : '',
    '<th>Std. Ist bisher</th>',
    '<th>Kosten Plan</th>',
    interim ? '<th>Kosten Periode</th>' : '',
    '<th>Kosten Ist bisher</th>',
  ].join('');
}

const KIND: Record<string, string> = {
  firm: 'Unternehmen',
  research: 'Forschungseinrichtung',
  intermediary: 'Intermediär',
};
const SIZE: Record<string, string> = { micro: 'Kleinst', small: 'Klein', medium: 'Mittel', large: 'Groß' };

export function reportHtml(r: FundingReport): string {
  const interim = r.kind === 'interim';
  const title = `${interim ? 'Zwischenbericht' : 'Endbericht'} ${r.project.title}`;
  const partnerRows = r.partners
    .map(
      (p) =>
        `<tr data-partner="${esc(p.partnerId)}"><td>${esc(p.name)}${p.role === 'lead' ? ' (Lead)' : ''}</td><td class="text">${esc(KIND[p.kind] ?? p.kind)}${p.sizeClass ? ` / ${esc(SIZE[p.sizeClass] ?? p.sizeClass)}` : ''}</td>${amountCells(p.planned, p.actual, p.actualToDate, interim)}<td>${eur(p.actual.personnelCents)}</td><td>${eur(p.actual.materialCents)}</td><td>${eur(p.actual.thirdPartyCents)}</td><td>${eur(p.actual.travelCents)}</td><td>${p.fundingRatePct} %</td><td>${eur(p.fundingCents)}</td></tr>`,
    )
    .join('\n');
  const t = r.totals;
  const wpRows = r.workPackages
    .map(
      (w) =>
        `<tr><td>${esc(w.id)} ${esc(w.title)}</td>${amountCells(w.planned, w.actual, w.actualToDate, interim)}</tr>`,
    )
    .join('\n');
  const cellRows = r.cells
    .map(
      (c) =>
        `<tr><td>${esc(c.workPackageId)}</td><td class="text">${esc(c.name)}</td>${amountCells(c.planned, c.actual, c.actualToDate, interim)}</tr>`,
    )
    .join('\n');
  const checkRows = r.checks
    .map((c) => {
      const cls = c.ok ? 'ok' : c.severity === 'error' ? 'fail' : 'warn';
      const mark = c.ok ? '✓ erfüllt' : c.severity === 'error' ? '✗ nicht erfüllt' : '! Hinweis';
      return `<tr data-check="${esc(c.id)}" data-ok="${c.ok}"><td class="text ${cls}">${mark}</td><td class="text">${esc(c.message_de)}<div class="en">${esc(c.message_en)}</div>${c.source ? `<div class="en">Quelle: ${esc(c.source)}</div>` : ''}</td></tr>`;
    })
    .join('\n');
  const jobs = r.activity.jobs.length
    ? `<table id="jobs"><tr><th>Datum</th><th>Vermittelt von</th><th>An</th><th>Stunden</th></tr>${r.activity.jobs
        .map(
          (j) =>
            `<tr><td>${esc(j.at.slice(0, 10))}</td><td class="text">${esc(j.giver === 'network' ? 'Netzwerk' : j.giver)}</td><td class="text">${esc(j.receiver)}</td><td>${h(j.hours)}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>Keine Aufträge an Projektpartner in diesem Zeitraum.</p>';
  const pools = r.activity.pools.length
    ? `<table id="pools"><tr><th>Einkaufsgemeinschaft</th><th>Abgeschlossen</th><th>Teilnehmer</th><th>Ersparnis</th></tr>${r.activity.pools
        .map(
          (p) =>
            `<tr><td>${esc(p.article)}</td><td>${esc(p.closedAt.slice(0, 10))}</td><td>${p.participants}</td><td>${eur(p.savingsVsListCents)}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>Keine abgeschlossenen Einkaufsgemeinschaften in diesem Zeitraum.</p>';
  const ex = r.activity.exchange;
  const questions = ex.questions.length
    ? `<table id="questions"><tr><th>Datum</th><th style="text-align:left">Frage</th><th style="text-align:left">Gestellt von</th><th>Antworten</th><th style="text-align:left">Gelöst</th></tr>${ex.questions
        .map(
          (q) =>
            `<tr><td>${esc(q.at.slice(0, 10))}</td><td class="text">${esc(q.title)}</td><td class="text">${esc(q.askedBy)}</td><td>${q.answers}</td><td class="text">${q.solved ? 'ja' : 'nein'}</td></tr>`,
        )
        .join(
          '',
        )}</table><p>${ex.questions.length} Fragen gestellt, ${ex.questions.filter((q) => q.answers > 0).length} beantwortet.</p>`
    : '<p>Keine Fragen im Erfahrungsaustausch in diesem Zeitraum.</p>';
  const meetings = ex.meetings.length
    ? `<table id="meetings"><tr><th>Datum</th><th style="text-align:left">Erfahrungstreffen</th><th style="text-align:left">Zusagen</th><th>davon Projektpartner</th></tr>${ex.meetings
        .map(
          (m) =>
            `<tr><td>${esc(m.startsAt.slice(0, 10))}</td><td class="text">${esc(m.title)}</td><td class="text">${esc(m.attending.join(', ') || '–')}</td><td>${m.projectPartners}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>Keine Erfahrungstreffen in diesem Zeitraum.</p>';
  return `<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">${esc(r.project.programme)} · ${esc(r.network.name)} · Projekt ${esc(r.project.start)} bis ${esc(r.project.end)} · ${interim ? `Periode ${esc(r.period.id)}: ${esc(r.period.from)} bis ${esc(r.period.to)} (${r.periodStatus === 'closed' ? 'abgeschlossen' : 'offen'})` : 'gesamte Laufzeit'} · erstellt ${esc(r.generatedAt.slice(0, 16).replace('T', ' '))} UTC</p>
<h2>Partner: Stunden, Kosten und Förderung</h2>
<table id="partners"><tr><th>Partner</th><th style="text-align:left">Art</th>${amountHeader(interim)}<th>Personal</th><th>Sachkosten</th><th>Drittkosten</th><th>Reise</th><th>Quote</th><th>Förderung</th></tr>
${partnerRows}
<tr class="total"><td>Summe</td><td></td>${amountCells(t.planned, t.actual, t.actualToDate, interim)}<td>${eur(t.actual.personnelCents)}</td><td>${eur(t.actual.materialCents)}</td><td>${eur(t.actual.thirdPartyCents)}</td><td>${eur(t.actual.travelCents)}</td><td></td><td id="funding-total">${eur(t.fundingCents)}</td></tr>
</table>
<p>Beantragte Förderung ${interim ? 'dieser Periode' : 'gesamt'}: <b>${eur(t.fundingCents)}</b>${interim ? ` · bis Periodenende: ${eur(t.fundingToDateCents)}` : ''}</p>
<h2>Arbeitspakete: Plan und Ist</h2>
<table id="work-packages"><tr><th>Arbeitspaket</th>${amountHeader(interim)}</tr>
${wpRows}
</table>
<h2>Partner je Arbeitspaket</h2>
<table id="cells"><tr><th>AP</th><th style="text-align:left">Partner</th>${amountHeader(interim)}</tr>
${cellRows}
</table>
<h2>Prüfungen (Programmregeln des Projekts)</h2>
<table id="checks"><tr><th>Ergebnis</th><th style="text-align:left">Erläuterung</th></tr>
${checkRows}
</table>
<h2>Aktivität im Netzwerk</h2>
${jobs}
${pools}
<h3>Erfahrungsaustausch</h3>
${questions}
${meetings}
</body></html>
`;
}

export const CSV_HEADER = [
  'report',
  'period',
  'partner_id',
  'partner',
  'work_package',
  'planned_hours',
  'actual_hours',
  'actual_hours_to_date',
  'planned_eur',
  'actual_personnel_eur',
  'actual_material_eur',
  'actual_third_party_eur',
  'actual_travel_eur',
  'actual_total_eur',
  'actual_total_to_date_eur',
  'funding_rate_pct',
  'funding_eur',
] as const;

/** One row per partner and work package, then per partner (`all`), then the project total. */
export function reportCsv(r: FundingReport, dialect: CsvDialect = 'rfc4180'): string {
  const eurOf = (cents: number) => cents / 100;
  const row = (
    partnerId: string,
    name: string,
    wp: string,
    a: { planned: Amounts; actual: Amounts; actualToDate: Amounts },
    funding?: { rate?: number; cents: number },
  ): CsvCell[] => [
    r.kind,
    r.period.id,
    partnerId,
    name,
    wp,
    a.planned.hours,
    a.actual.hours,
    a.actualToDate.hours,
    eurOf(a.planned.totalCents),
    eurOf(a.actual.personnelCents),
    eurOf(a.actual.materialCents),
    eurOf(a.actual.thirdPartyCents),
    eurOf(a.actual.travelCents),
    eurOf(a.actual.totalCents),
    eurOf(a.actualToDate.totalCents),
    funding?.rate,
    funding ? eurOf(funding.cents) : undefined,
  ];
  const rows: CsvCell[][] = [
    ...r.cells.map((c) => row(c.partnerId, c.name, c.workPackageId, c)),
    ...r.partners.map((p) =>
      row(p.partnerId, p.name, 'all', p, { rate: p.fundingRatePct, cents: p.fundingCents }),
    ),
    row('', `${r.project.title} (total)`, 'all', r.totals, { cents: r.totals.fundingCents }),
  ];
  return toCsv(CSV_HEADER, rows, { dialect });
}

export const reportFilename = (r: FundingReport, ext: 'csv' | 'html' | 'pdf') =>
  `funding-${r.project.id}-${r.period.id}.${ext}`;
