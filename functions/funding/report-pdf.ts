/**
 * The funding report as an A4 PDF (pdf-lib, pure JavaScript, loaded on first use as the supplier
 * order in functions/purchasing/order-pdf.ts does): the partner and work-package tables, the
 * checks and the activity of the HTML report, for funders who want a file rather than a page.
 * Helvetica's WinAnsi set has the umlauts, ß and €; other characters print as `?`.
 */
import { money } from './checks';
import type { FundingReport } from './report';

const h = (n: number) => (Math.round(n * 100) / 100).toLocaleString('de-AT');
const eur = (c: number) => money(c, 'de');

/** The PDF's title line (also its document title): `Zwischenbericht <title>` / `Endbericht <title>`. */
export const reportTitle = (r: FundingReport) =>
  `${r.kind === 'interim' ? 'Zwischenbericht' : 'Endbericht'} ${r.project.title}`;

export async function reportPdf(r: FundingReport): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const title = reportTitle(r);
  pdf.setTitle(title);
  pdf.setProducer('Verbund');
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [width, height] = [595.28, 841.89];
  const margin = 45;
  const safe = (s: string) =>
    [...s.replace(/\s+/g, ' ')]
      .map((ch) => {
        try {
          regular.encodeText(ch);
          return ch;
        } catch {
          return '?';
        }
      })
      .join('');
  let page = pdf.addPage([width, height]);
  let y = height - margin;
  const newLine = (size: number) => {
    y -= size * 1.45;
    if (y < margin) {
      page = pdf.addPage([width, height]);
      y = height - margin - size;
    }
  };
  const write = (
    text: string,
    x: number,
    size: number,
    font = regular,
    max = width - margin - x,
    right = false,
  ) => {
    let t = safe(text);
    while (t.length > 1 && font.widthOfTextAtSize(t, size) > max) t = `${t.slice(0, -2)}…`;
    const w = font.widthOfTextAtSize(t, size);
    page.drawText(t, { x: right ? x + max - w : x, y, size, font, color: rgb(0.1, 0.1, 0.12) });
  };
  const paragraph = (text: string, size = 9, font = regular) => {
    let line = '';
    for (const word of safe(text).split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width - 2 * margin && line) {
        write(line, margin, size, font);
        newLine(size);
        line = word;
      } else line = next;
    }
    if (line) {
      write(line, margin, size, font);
      newLine(size);
    }
  };
  const columns = (cells: string[], xs: number[], size: number, font = regular) => {
    cells.forEach((c, i) => {
      const x = xs[i]!;
      const max = (xs[i + 1] ?? width - margin) - x - 6;
      write(c, x, size, font, max, i > 0);
    });
    newLine(size);
  };
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
  const pages = pdf.getPages();
  pages.forEach((pg, i) => {
    pg.drawText(safe(`${title} · Seite ${i + 1} von ${pages.length}`), {
      x: margin,
      y: 25,
      size: 8,
      font: regular,
      color: rgb(0.4, 0.4, 0.45),
    });
  });
  return pdf.save();
}
