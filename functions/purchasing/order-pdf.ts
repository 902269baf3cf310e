import type { orderDocument } from './purchasing-mail';

type OrderDocument = ReturnType<typeof orderDocument>;

/**
 * The purchase order as an A4 PDF (pdf-lib, pure JavaScript): the same rows as the mail, for
 * suppliers who file or print orders. Loaded on first use, so only the closing of a pool pays for
 * the library. Helvetica's WinAnsi set has the umlauts, ß and €; other characters print as `?`.
 */
export async function orderPdf(docs: OrderDocument[]): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(docs[0]!.title);
  pdf.setProducer('Verbund');
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [width, height] = [595.28, 841.89];
  const margin = 50;
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
  /** Writes text at x, cut to fit `max` points (with an ellipsis). */
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
  /** A paragraph wrapped to the page width. */
  const paragraph = (text: string, size = 10) => {
    let line = '';
    for (const word of safe(text).split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (regular.widthOfTextAtSize(next, size) > width - 2 * margin && line) {
        write(line, margin, size);
        newLine(size);
        line = word;
      } else line = next;
    }
    if (line) {
      write(line, margin, size);
      newLine(size);
    }
  };
  const columns = (cells: string[], xs: number[], size: number, font = regular, right: number[] = []) => {
    cells.forEach((c, i) => {
      const x = xs[i]!;
      const max = (xs[i + 1] ?? width - margin) - x - 6;
      write(c, x, size, font, max, right.includes(i));
    });
    newLine(size);
  };
  docs.forEach((d, n) => {
    if (n > 0) {
      page = pdf.addPage([width, height]);
      y = height - margin;
    }
    write(d.title, margin, 16, bold);
    newLine(16);
    newLine(6);
    paragraph(d.greeting);
    paragraph(d.intro);
    newLine(4);
    for (const [k, v] of d.facts) {
      if (!v) continue;
      write(k, margin, 10, bold, 150);
      write(v, margin + 160, 10);
      newLine(10);
    }
    newLine(6);
    const xs = [margin, margin + 70, margin + 255, margin + 335, margin + 415];
    columns(d.table.head, xs, 9, bold, [2, 3, 4]);
    for (const r of d.table.rows) columns(r, xs, 10, regular, [2, 3, 4]);
    for (const r of d.table.foot) columns(r, xs, 10, bold, [2, 3, 4]);
    newLine(8);
    write(d.deliveries.title, margin, 12, bold);
    newLine(12);
    const dx = [margin, margin + 150, margin + 415];
    columns(d.deliveries.head, dx, 9, bold, [2]);
    for (const r of d.deliveries.rows) columns(r, dx, 10, regular, [2]);
    newLine(8);
    paragraph(d.closing);
    newLine(6);
    for (const s of d.signature) {
      write(s, margin, 10);
      newLine(10);
    }
  });
  return pdf.save();
}
