import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvRow, toCsv } from '#shared/csv';

describe('the CSV writer', () => {
  it('escapes quotes, commas and line breaks as RFC 4180 says and keeps umlauts', () => {
    expect(csvCell('Tischlerei "Müller", Söhne')).toBe('"Tischlerei ""Müller"", Söhne"');
    expect(csvCell('Zeile 1\nZeile 2')).toBe('"Zeile 1\nZeile 2"');
    expect(csvCell('Größe')).toBe('Größe');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvRow(['a,b', 1, null, 'c'])).toBe('"a,b",1,,c');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","Rabatt")', `"'=HYPERLINK(""http://evil.example"",""Rabatt"")"`],
    ['=1+1', "'=1+1"],
    ['+49 30 1234', "'+49 30 1234"],
    ['-Rabatt', "'-Rabatt"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ])('neutralises %j so no spreadsheet runs it as a formula', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('leaves numbers numbers: negative ones and decimal text are not formulas', () => {
    expect(csvCell(-12)).toBe('-12');
    expect(csvCell(38.5)).toBe('38.5');
    expect(csvCell('-1.20')).toBe('-1.20');
    expect(csvCell('1185.00')).toBe('1185.00');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes a field a German-locale spreadsheet would split at the semicolon', () => {
    expect(csvCell('Holz; Leim')).toBe('"Holz; Leim"');
    expect(csvRow(['a;b', 'c'])).toBe('"a;b",c');
  });

  it('writes a file with a header, CRLF after every row, and a BOM unless told not to', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [2, '=y'],
        ],
      ),
    ).toBe(`${CSV_BOM}a,b\r\n1,x\r\n2,'=y\r\n`);
    expect(toCsv(['a'], [], { bom: false })).toBe('a\r\n');
  });
});
