/**
 * The funding report as an A4 PDF (shared/pdf.ts): the partner and work-package tables, the
 * checks and the activity of the HTML report, for funders who want a file rather than a page.
 */
import { a4Document } from '#shared/pdf';
import { money } from './checks';
import type { FundingReport } from './report';

const h = (n: number) => (Math.round(n * 100) / 100).toLocaleString('de-AT');
const eur = (c: number) => money(c, 'de');

/** The PDF's title line (also its document title): `Zwischenbericht <title>` / `Endbericht <title>`. */
export const reportTitle = (r: FundingReport) =>
  `${r.kind === 'interim' ? 'Zwischenbericht' : 'Endbericht'} ${r.project.title}`;

export async function reportPdf(r: FundingReport): Promise<Uint8Array> {
  const title = reportTitle(r);
  const pdf = await a4Document(title, 45);
  const { margin, regular, bold, write, newLine } = pdf;
  const paragraph = (text: string, size = 9, font = regular) => pdf.paragraph(text, size, font);
  const columns = (cells: string[], xs: number[], size: number, font = regular) =>
    pdf.columns(cells, xs, size, font, (i) => i > 0);
  const heading = (text: string) => {
    newLine(6);
    write(text, margin, 12, bold);
    newLine(12);
  };

  write(title, margin, 16, bold);
  newLine(16);
  paragraph(
    `${r.project.programme} · ${r.network.name} · Projekt ${r.project.start} bis ${r.project.end} · ${
      r.kind === 'interim'
        ? `Periode ${r.period.id}: ${r.period.from} bis ${r.period.to} (${r.periodStatus === 'closed' ? 'abgeschlossen' : 'offen'})`
        : 'gesamte Laufzeit'
    }`,
  );
  heading('Partner: Stunden, Kosten und Förderung');
  const px = [margin, 205, 265, 325, 405, 450];
  columns(['Partner', 'Std. Plan', 'Std. Ist', 'Kosten Ist', 'Quote', 'Förderung'], px, 9, bold);
  for (const p of r.partners) {
    columns(
      [
        `${p.name}${p.role === 'lead' ? ' (Lead)' : ''}`,
        h(p.planned.hours),
        h(p.actual.hours),
        eur(p.actual.totalCents),
        `${p.fundingRatePct} %`,
        eur(p.fundingCents),
      ],
      px,
      9,
    );
  }
  const t = r.totals;
  columns(
    ['Summe', h(t.planned.hours), h(t.actual.hours), eur(t.actual.totalCents), '', eur(t.fundingCents)],
    px,
    9,
    bold,
  );
  paragraph(
    `Beantragte Förderung ${r.kind === 'interim' ? 'dieser Periode' : 'gesamt'}: ${eur(t.fundingCents)}`,
  );

  heading('Arbeitspakete: Plan und Ist');
  const wx = [margin, 235, 300, 365, 450];
  columns(['Arbeitspaket', 'Std. Plan', 'Std. Ist', 'Kosten Plan', 'Kosten Ist bisher'], wx, 9, bold);
  for (const w of r.workPackages) {
    columns(
      [
        `${w.id} ${w.title}`,
        h(w.planned.hours),
        h(w.actualToDate.hours),
        eur(w.planned.totalCents),
        eur(w.actualToDate.totalCents),
      ],
      wx,
      9,
    );
  }

  heading('Prüfungen (Programmregeln des Projekts)');
  for (const c of r.checks) {
    const mark = c.ok ? 'erfüllt' : c.severity === 'error' ? 'NICHT erfüllt' : 'Hinweis';
    paragraph(`${mark}: ${c.message_de}`, 9, c.ok ? regular : bold);
  }

  heading('Aktivität im Netzwerk');
  if (r.activity.jobs.length === 0) paragraph('Keine Aufträge an Projektpartner in diesem Zeitraum.');
  for (const j of r.activity.jobs) {
    paragraph(
      `${j.at.slice(0, 10)}: ${j.giver === 'network' ? 'Netzwerk' : j.giver} an ${j.receiver}, ${h(j.hours)} Std.`,
    );
  }
  if (r.activity.pools.length === 0)
    paragraph('Keine abgeschlossenen Einkaufsgemeinschaften in diesem Zeitraum.');
  for (const p of r.activity.pools) {
    paragraph(
      `${p.closedAt.slice(0, 10)}: Einkaufsgemeinschaft ${p.article}, ${p.participants} Teilnehmer, Ersparnis ${eur(p.savingsVsListCents)}`,
    );
  }
  const ex = r.activity.exchange;
  const answered = ex.questions.filter((q) => q.answers > 0).length;
  paragraph(`Erfahrungsaustausch: ${ex.questions.length} Fragen gestellt, ${answered} beantwortet.`, 9, bold);
  for (const q of ex.questions) {
    paragraph(
      `${q.at.slice(0, 10)}: ${q.title} (${q.askedBy}; ${q.answers} Antworten${q.solved ? ', gelöst' : ''})`,
    );
  }
  if (ex.meetings.length === 0) paragraph('Keine Erfahrungstreffen in diesem Zeitraum.');
  for (const m of ex.meetings) {
    paragraph(
      `${m.startsAt.slice(0, 10)}: Erfahrungstreffen ${m.title}, ${m.attending.length} Zusagen (${m.projectPartners} Projektpartner)${m.attending.length ? `: ${m.attending.join(', ')}` : ''}`,
    );
  }
  return pdf.save((n, of) => `${title} · Seite ${n} von ${of}`);
}
