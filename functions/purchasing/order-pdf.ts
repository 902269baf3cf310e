import { a4Document } from '#shared/pdf';
import type { orderDocument } from './purchasing-mail';

type OrderDocument = ReturnType<typeof orderDocument>;

/**
 * The purchase order as an A4 PDF: the same rows as the mail, for suppliers who file or print
 * orders, one document per supplier language. pdf-lib loads on first use (shared/pdf.ts), so only
 * the closing of a pool pays for the library.
 */
export async function orderPdf(docs: OrderDocument[]): Promise<Uint8Array> {
  const pdf = await a4Document(docs[0]!.title, 50);
  const { margin, regular, bold } = pdf;
  const amounts = (from: number) => (i: number) => i >= from;
  docs.forEach((d, n) => {
    if (n > 0) pdf.newPage();
    pdf.write(d.title, margin, 16, bold);
    pdf.newLine(16);
    pdf.newLine(6);
    pdf.paragraph(d.greeting, 10);
    pdf.paragraph(d.intro, 10);
    pdf.newLine(4);
    for (const [k, v] of d.facts) {
      if (!v) continue;
      pdf.write(k, margin, 10, bold, 150);
      pdf.write(v, margin + 160, 10);
      pdf.newLine(10);
    }
    pdf.newLine(6);
    const xs = [margin, margin + 70, margin + 255, margin + 335, margin + 415];
    pdf.columns(d.table.head, xs, 9, bold, amounts(2));
    for (const r of d.table.rows) pdf.columns(r, xs, 10, regular, amounts(2));
    for (const r of d.table.foot) pdf.columns(r, xs, 10, bold, amounts(2));
    pdf.newLine(8);
    pdf.write(d.deliveries.title, margin, 12, bold);
    pdf.newLine(12);
    const dx = [margin, margin + 150, margin + 415];
    pdf.columns(d.deliveries.head, dx, 9, bold, amounts(2));
    for (const r of d.deliveries.rows) pdf.columns(r, dx, 10, regular, amounts(2));
    pdf.newLine(8);
    pdf.paragraph(d.closing, 10);
    pdf.newLine(6);
    for (const s of d.signature) {
      pdf.write(s, margin, 10);
      pdf.newLine(10);
    }
  });
  return pdf.save();
}
