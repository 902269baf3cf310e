import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import {
  cursorParam,
  instant,
  isoDate,
  isoMonth,
  isoWeekOrDate,
  localDateTime,
  multilineText,
  text,
} from '#shared/schema';

const ok = (schema: z.ZodMiniType, value: unknown) => schema.safeParse(value).success;
const messages = (schema: z.ZodMiniType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe('shared date types', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2000-01-01', true],
    ['2100-12-31', true],
    ['2026-02-30', false],
    ['2025-02-29', false],
    ['2026-04-31', false],
    ['1999-12-31', false],
    ['2101-01-01', false],
    ['0001-01-01', false],
    ['9999-12-31', false],
    ['2026-1-1', false],
  ])('takes %s as a date: %s', (value, accepted) => {
    expect(ok(isoDate, value)).toBe(accepted);
  });

  it('takes weeks that exist and real dates for a report period, in the sane years', () => {
    expect(ok(isoWeekOrDate, '2026-W53')).toBe(true);
    expect(ok(isoWeekOrDate, '2026-W05')).toBe(true);
    expect(ok(isoWeekOrDate, '2026-01-28')).toBe(true);
    expect(ok(isoWeekOrDate, '2025-W53')).toBe(false);
    expect(ok(isoWeekOrDate, '0001-W01')).toBe(false);
    expect(ok(isoWeekOrDate, '2026-02-30')).toBe(false);
    expect(ok(isoMonth, '2026-11')).toBe(true);
    expect(ok(isoMonth, '2026-13')).toBe(false);
    expect(ok(isoMonth, '0001-01')).toBe(false);
  });

  it('takes local date-times and instants only on real days', () => {
    expect(ok(localDateTime, '2026-11-02T07:00')).toBe(true);
    expect(ok(localDateTime, '2026-02-30T07:00')).toBe(false);
    expect(ok(localDateTime, '0001-01-01T07:00')).toBe(false);
    expect(ok(instant, '2026-12-01T17:00:00+01:00')).toBe(true);
    expect(ok(instant, '0001-01-01T00:00:00Z')).toBe(false);
    expect(ok(instant, '9999-12-31T23:59:59Z')).toBe(false);
  });

  it('gives a bad value one message, not one per check', () => {
    expect(messages(isoWeekOrDate, '0001-W01')).toHaveLength(1);
    expect(messages(localDateTime, '2026-02-30T07:00')).toEqual(['does not exist in the calendar']);
  });
});

describe('shared text types', () => {
  it.each(['\n', '\r', '\t', '\u0000', '\u001b', '\u007f', '\u0008'])(
    'refuses %j in a single line, even at its end where trimming would hide it',
    (char) => {
      expect(ok(text(50), `Tischlerei${char}Gruber`)).toBe(false);
      expect(ok(text(50), `Tischlerei Gruber${char}`)).toBe(false);
    },
  );

  it('keeps tabs and line breaks in free text but refuses other control characters', () => {
    expect(ok(multilineText(100), 'Zeile 1\r\nZeile 2\n\tEnde')).toBe(true);
    expect(ok(multilineText(100), 'Zeile\u0000')).toBe(false);
    expect(ok(multilineText(100), 'Zeile\u001b[31m')).toBe(false);
    expect(ok(multilineText(100), 'Zeile\u007f')).toBe(false);
  });

  it('trims, and keeps umlauts and other letters', () => {
    expect(text(50).parse('  Jörg Müller – Tischlerei  ')).toBe('Jörg Müller – Tischlerei');
  });

  it('takes a cursor only as base64url', () => {
    expect(ok(cursorParam, 'eyJwayI6IngifQ')).toBe(true);
    expect(ok(cursorParam, 'eyJwayI6IngifQ==')).toBe(false);
    expect(ok(cursorParam, '')).toBe(false);
  });
});
