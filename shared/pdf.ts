/**
 * A4 documents for the PDFs Verbund mails or serves (the supplier order, the funding report):
 * pdf-lib, pure JavaScript, loaded on first use so only the routes that make a PDF pay for it.
 * The page is a cursor that moves down line by line and starts a new page at the bottom margin.
 * Helvetica's WinAnsi set has the umlauts, ß and €; other characters print as `?`.
 * Dates are fixed to the epoch, so the same document gives the same bytes.
 */
import type { PDFFont } from 'pdf-lib';

const [width, height] = [595.28, 841.89];
const ink = [0.1, 0.1, 0.12] as const;

export async function a4Document(title: string, margin: number) {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setProducer('Verbund');
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);

  /** The text with white space collapsed and characters the font cannot encode as `?`. */
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

  const doc = {
    regular,
    bold,
    margin,
    /** Moves down one line of `size` points, onto a new page below the bottom margin. */
    newLine(size: number) {
      y -= size * 1.45;
      if (y < margin) {
        page = pdf.addPage([width, height]);
        y = height - margin - size;
      }
    },
    /** Starts the next part of the document at the top of a new page. */
    newPage() {
      page = pdf.addPage([width, height]);
      y = height - margin;
    },
    /** Writes text at x on the current line, cut to fit `max` points (with an ellipsis). */
    write(
      text: string,
      x: number,
      size: number,
      font: PDFFont = regular,
      max = width - margin - x,
      right = false,
    ) {
      let t = safe(text);
      while (t.length > 1 && font.widthOfTextAtSize(t, size) > max) t = `${t.slice(0, -2)}…`;
      const w = font.widthOfTextAtSize(t, size);
      page.drawText(t, { x: right ? x + max - w : x, y, size, font, color: rgb(...ink) });
    },
    /** A paragraph wrapped to the page width. */
    paragraph(text: string, size: number, font: PDFFont = regular) {
      let line = '';
      for (const word of safe(text).split(' ')) {
        const next = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(next, size) > width - 2 * margin && line) {
          doc.write(line, margin, size, font);
          doc.newLine(size);
          line = word;
        } else line = next;
      }
      if (line) {
        doc.write(line, margin, size, font);
        doc.newLine(size);
      }
    },
    /** One table row: cell i starts at xs[i] and ends where the next begins; `right` cells align right. */
    columns(cells: string[], xs: number[], size: number, font: PDFFont, right: (i: number) => boolean) {
      cells.forEach((c, i) => {
        const x = xs[i]!;
        doc.write(c, x, size, font, (xs[i + 1] ?? width - margin) - x - 6, right(i));
      });
      doc.newLine(size);
    },
    /** Writes `footer(n, of)` at the bottom of every page, then the document's bytes. */
    async save(footer?: (n: number, of: number) => string): Promise<Uint8Array> {
      if (footer) {
        const pages = pdf.getPages();
        pages.forEach((pg, i) => {
          pg.drawText(safe(footer(i + 1, pages.length)), {
            x: margin,
            y: 25,
            size: 8,
            font: regular,
            color: rgb(0.4, 0.4, 0.45),
          });
        });
      }
      return pdf.save();
    },
  };
  return doc;
}
