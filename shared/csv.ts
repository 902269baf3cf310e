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
 *
 * Two dialects, the same data: `rfc4180` (the default: `,` and a decimal point, what programs
 * and English spreadsheets read) and `de` (what Excel and LibreOffice in a German locale read
 * without an import dialog: `;` between fields and a decimal comma, numbers unquoted so they
 * arrive as numbers, `4,2` not the text `4.2`).
 */

/** A cell: text, a number, an amount of money in cents (two decimals), or empty. */
export type CsvCell = string | number | { cents: number } | null | undefined;

export type CsvDialect = 'rfc4180' | 'de';
export const CSV_DIALECTS: readonly CsvDialect[] = ['rfc4180', 'de'];

/** Excel opens UTF-8 (umlauts) correctly only with a byte-order mark; other readers ignore it. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",;\r\n]/;

const SEPARATOR: Record<CsvDialect, string> = { rfc4180: ',', de: ';' };

const centsText = (cents: number) => {
  const abs = Math.abs(Math.round(cents));
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/**
 * One field: numbers as numbers (a decimal point, or a comma in the `de` dialect), text guarded
 * and escaped, null empty.
 */
export function csvCell(value: CsvCell, dialect: CsvDialect = 'rfc4180'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return number(centsText(value.cents), dialect);
  if (typeof value === 'number') return Number.isFinite(value) ? number(String(value), dialect) : '';
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const number = (s: string, dialect: CsvDialect) => (dialect === 'de' ? s.replace('.', ',') : s);

export const csvRow = (values: readonly CsvCell[], dialect: CsvDialect = 'rfc4180'): string =>
  values.map((v) => csvCell(v, dialect)).join(SEPARATOR[dialect]);

/** A whole file: a header row, the rows, CRLF after each; with a BOM unless `bom: false`. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  opts: { bom?: boolean; dialect?: CsvDialect } = {},
): string {
  const dialect = opts.dialect ?? 'rfc4180';
  const lines = [csvRow(header, dialect), ...rows.map((r) => csvRow(r, dialect))];
  return `${opts.bom === false ? '' : CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * The dialect a request asks for: `?dialect=de|rfc4180` first, else `Accept-Language` whose
 * first language is German picks `de`; anything else the RFC 4180 default.
 */
export function csvDialectOf(query: string | undefined, acceptLanguage: string | undefined): CsvDialect {
  if (query === 'de' || query === 'rfc4180') return query;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first === 'de' || first.startsWith('de-') ? 'de' : 'rfc4180';
}
