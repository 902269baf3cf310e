/**
 * THE CSV writer: every CSV the system writes (the utilisation report, the supplier's purchase
 * order, any export) goes through it, so every one has the same escaping and the same guard.
 *
 * RFC 4180: comma-separated, CRLF line ends, a field with a quote, comma or line break in double
 * quotes, quotes doubled. Two additions for spreadsheets, which are where these files are opened:
 *
 * - Formula guard (OWASP "CSV Injection"): text starting with `=`, `+`, `-`, `@`, TAB or CR is
 *   run as a formula by Excel, LibreOffice and Google Sheets (`=HYPERLINK(…)` mailed to a
 *   supplier becomes a live link, `@SUM(…)`, DDE payloads). Such text gets a leading `'`, which
 *   the spreadsheet shows as plain text. Numbers are written as numbers: a negative number is
 *   not a formula, and neither is text that is just a decimal number (`-1.20`).
 * - A German-locale spreadsheet splits at `;`, not `,`, so a field holding `;` is quoted too.
 */

export type CsvCell = string | number | null | undefined;

/** Excel opens UTF-8 (umlauts) correctly only with a byte-order mark; other readers ignore it. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * `comma` (RFC 4180, `.` decimal point: the default) or `semicolon` (what a German-locale
 * spreadsheet opens by double-click: `;` between fields, `,` as the decimal mark of numbers).
 */
export type CsvDialect = 'comma' | 'semicolon';

/** One field: numbers as they are (`.` decimal point), text guarded and escaped, null empty. */
export function csvCell(value: CsvCell, dialect: CsvDialect = 'comma'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return dialect === 'semicolon' ? String(value).replace('.', ',') : String(value);
  }
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (values: readonly CsvCell[], dialect: CsvDialect = 'comma'): string =>
  values.map((v) => csvCell(v, dialect)).join(dialect === 'semicolon' ? ';' : ',');

/** A whole file: a header row, the rows, CRLF after each; with a BOM unless `bom: false`. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  opts: { bom?: boolean; dialect?: CsvDialect } = {},
): string {
  const lines = [csvRow(header, opts.dialect), ...rows.map((r) => csvRow(r, opts.dialect))];
  return `${opts.bom === false ? '' : CSV_BOM}${lines.join('\r\n')}\r\n`;
}
