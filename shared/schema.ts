import * as z from 'zod/mini';

/** Building blocks shared by the capabilities' schemas. */

// ---- text -------------------------------------------------------------------------------

/**
 * C0 control characters and DEL. In a single line they split headers (CR, LF: mail subjects,
 * CSV rows), end C strings (NUL) or hide text; nobody types them into a name.
 */
const isControl = (c: number) => c < 0x20 || c === 0x7f;
const TAB_LF_CR = new Set([0x09, 0x0a, 0x0d]);

/** The string holds a control character (`keep`: those allowed here). */
function hasControl(s: string, keep: ReadonlySet<number> = new Set()): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isControl(c) && !keep.has(c)) return true;
  }
  return false;
}

const SINGLE_LINE = 'must be a single line without control characters (line breaks, tabs, NUL)';

const refuse = (keep: ReadonlySet<number> | undefined, message: string) =>
  z.refine<string>((s) => !hasControl(s, keep), message);

/**
 * A trimmed, non-empty single line with a length cap: names, subjects, labels, article fields.
 * Control characters (CR, LF, TAB, NUL, other C0, DEL) are refused before trimming, so a
 * trailing line break is refused too, not silently dropped.
 */
export const text = (max: number) =>
  z.string().check(refuse(undefined, SINGLE_LINE), z.trim(), z.minLength(1), z.maxLength(max));

/**
 * Trimmed, non-empty free text that may span lines (inquiry text, notes, replies, descriptions):
 * TAB, LF and CR are kept, NUL and the other control characters refused.
 */
export const multilineText = (max: number) =>
  z
    .string()
    .check(
      refuse(TAB_LF_CR, 'must not contain control characters other than tab and line breaks'),
      z.trim(),
      z.minLength(1),
      z.maxLength(max),
    );

// ---- ids --------------------------------------------------------------------------------

/**
 * Ids chosen by people (`demo`, `demo-p1`, `carpentry`) or generated (ULIDs, lower case). Also
 * what a token's network and partner ids must look like (shared/http/auth.ts), so no id ever
 * holds the key separator `#`.
 */
export const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const id = z.string().check(z.regex(ID_PATTERN, 'must be 1–64 lower-case letters, digits or dashes'));

// ---- dates and times --------------------------------------------------------------------

/**
 * The years a date taken from a client may name. Timeframes, capacity exceptions, calendars,
 * report weeks, schedules and pool deadlines all lie in this century; outside it a date is a
 * typo (`0202`, `20266`) or a probe, and date maths below the year 100 is not even sane in
 * JavaScript (`Date.UTC(1, 0, 1)` is 1901).
 */
export const YEARS = { min: 2000, max: 2100 } as const;
const RANGE = `${YEARS.min}–${YEARS.max}`;

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) =>
  m === 2 ? (leap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
const yearOk = (y: number) => y >= YEARS.min && y <= YEARS.max;

/** True for a real calendar date `YYYY-MM-DD` in the sane years (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return yearOk(y) && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/** ISO weeks in a year: 53 when it starts on a Thursday, or on a Wednesday in a leap year. */
function weeksIn(y: number): number {
  const jan1 = new Date(Date.UTC(y, 0, 1)).getUTCDay();
  return jan1 === 4 || (jan1 === 3 && leap(y)) ? 53 : 52;
}

/** True for an ISO week `YYYY-Www` that exists (2026-W53 does, 2025-W53 does not). */
export function isIsoWeek(s: string): boolean {
  const m = /^(\d{4})-W(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, w] = [Number(m[1]), Number(m[2])];
  return yearOk(y) && w >= 1 && w <= weeksIn(y);
}

// The patterns carry the format and the years (so the OpenAPI document states them); a refine
// adds what a pattern cannot say (30 days in April, 53 weeks only in some years) and stays
// silent when the pattern already failed, so each bad value gets one message.
const YEAR = '(20\\d{2}|2100)';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[12]\\d|3[01])';
const WEEK = 'W(0[1-9]|[1-4]\\d|5[0-3])';
const TIME = '([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?';
const unlessMalformed = (pattern: RegExp, ok: (s: string) => boolean) => (s: string) =>
  !pattern.test(s) || ok(s);

/** A calendar date `YYYY-MM-DD`, real and in the years 2000–2100. */
export const isoDate = z.iso
  .date()
  .check(
    z.refine(unlessMalformed(/^\d{4}-\d{2}-\d{2}$/, isCalendarDate), `must be a date in the years ${RANGE}`),
  );

/** A month `YYYY-MM` in the years 2000–2100. */
export const isoMonth = z
  .string()
  .check(z.regex(new RegExp(`^${YEAR}-${MONTH}$`), `must be a month ${RANGE} like 2026-11`));

/** An ISO week or a date that means its week (`2026-W05`, `2026-01-28`), in the years 2000–2100. */
const WEEK_OR_DATE_RE = new RegExp(`^${YEAR}-(${WEEK}|${MONTH}-${DAY})$`);
export const isoWeekOrDate = z.string().check(
  z.regex(WEEK_OR_DATE_RE, `must be an ISO week like 2026-W05 or a date like 2026-01-28 (${RANGE})`),
  z.refine(
    unlessMalformed(WEEK_OR_DATE_RE, (s) => isIsoWeek(s) || isCalendarDate(s)),
    { message: 'does not exist in the calendar', params: { code: 'not_in_calendar' } },
  ),
);

/** A wall-clock date and time without offset (`2026-11-02T07:00`), 2000–2100: a time zone applies. */
const LOCAL_RE = new RegExp(`^${YEAR}-${MONTH}-${DAY}T${TIME}$`);
export const localDateTime = z.string().check(
  z.regex(
    LOCAL_RE,
    `must be a local date and time ${RANGE} like 2026-11-02T07:00 (no offset: the schedule timezone applies)`,
  ),
  z.refine(
    unlessMalformed(LOCAL_RE, (s) => isCalendarDate(s.slice(0, 10))),
    { message: 'does not exist in the calendar', params: { code: 'not_in_calendar' } },
  ),
);

/** An instant with a UTC offset (`2026-12-01T17:00:00+01:00` or `…Z`), its date real and in range. */
export const instant = z.iso
  .datetime({ offset: true })
  .check(
    z.refine(
      (s: string) => !/^\d{4}-\d{2}-\d{2}T/.test(s) || isCalendarDate(s.slice(0, 10)),
      `must be a date and time in the years ${RANGE}`,
    ),
  );

/** A UTC timestamp as the system writes it (stored items, events); not for client input. */
export const isoDateTime = z.iso.datetime();

// ---- contact data -----------------------------------------------------------------------

export const email = z.email();

export const phone = z
  .string()
  .check(
    refuse(undefined, SINGLE_LINE),
    z.trim(),
    z.regex(/^\+?[0-9 ()/.-]{4,30}$/, 'must be a phone number like +43 1 234 5678'),
  );

export const postcode = z
  .string()
  .check(
    refuse(undefined, SINGLE_LINE),
    z.trim(),
    z.regex(/^[A-Za-z0-9 -]{3,10}$/, 'must be a postcode like 1010'),
  );

export const contact = z.strictObject({
  name: text(100),
  email,
  phone: z.optional(phone),
});
export type Contact = z.infer<typeof contact>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}

export const timezone = z
  .string()
  .check(z.refine(isTimeZone, 'must be an IANA time zone like Europe/Vienna'));

// ---- list parameters --------------------------------------------------------------------

/** Page size for list routes: `?limit=` as a string in the query. */
export const limitParam = z.optional(
  z
    .pipe(
      z.string().check(z.regex(/^[0-9]{1,3}$/, 'must be a whole number 1–100')),
      z.transform((s) => Number(s)),
    )
    .check(z.refine((n) => n >= 1 && n <= 100, 'must be a whole number 1–100')),
);

/** A page cursor as a list handed it out (shared/db/cursor.ts reads it back). */
export const cursorParam = z.optional(
  z.string().check(z.regex(/^[A-Za-z0-9_-]{1,2000}$/, 'must be the cursor of the previous page')),
);

/** A page of a list: its items and, when more follow, the cursor of the next page. */
export const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.optional(z.string()) });
