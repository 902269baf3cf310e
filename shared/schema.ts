import * as z from 'zod/mini';

/** Building blocks shared by the capabilities' schemas. */

/** A trimmed, non-empty line of text with a length cap. */
export const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** Ids chosen by people (`demo`, `demo-p1`, `carpentry`) or generated (ULIDs, lower case). */
export const id = z
  .string()
  .check(
    z.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'must be 1–64 lower-case letters, digits or dashes'),
  );

export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime();

export const email = z.email();

export const phone = z
  .string()
  .check(z.trim(), z.regex(/^\+?[0-9 ()/.-]{4,30}$/, 'must be a phone number like +43 1 234 5678'));

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

/** Page size for list routes: `?limit=` as a string in the query. */
export const limitParam = z.optional(
  z
    .pipe(
      z.string().check(z.regex(/^[0-9]{1,3}$/, 'must be a whole number 1–100')),
      z.transform((s) => Number(s)),
    )
    .check(z.refine((n) => n >= 1 && n <= 100, 'must be a whole number 1–100')),
);
