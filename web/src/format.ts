import { lang } from './i18n';

/**
 * `Intl` formats in the console's language: euros from integer cents (`11,40 €`), ISO weeks
 * (`KW 9/2027`), dates and times in the network's time zone (default Europe/Vienna).
 */
// de-DE, not de-AT: Austrian German writes `€ 11,40`; the console writes `11,40 €` for every network
const locale = () => (lang.value === 'de' ? 'de-DE' : 'en-GB');

export const euro = (cents: number) =>
  new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** AWS's price in US dollars from micro-dollars, to the tenth of a cent: `0,0026 $` / `$0.0026`. */
export const usd = (microUsd: number) =>
  new Intl.NumberFormat(locale(), {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 4,
    maximumFractionDigits: 4,
  }).format(microUsd / 1_000_000);

/** `2027-W09` → `KW 9/2027` (German) or `W9/2027` (English). */
export function isoWeek(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return week;
  return `${lang.value === 'de' ? 'KW ' : 'W'}${Number(m[2])}/${m[1]}`;
}

/** A share 0…1 as a percentage: `84 %` / `84%`. */
export const percent = (share: number) =>
  new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);

export const number = (n: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(n);

/** A date (`2027-03-01` or an instant) as the network's calendar shows it: `1.3.2027`. */
export function date(value: string, timeZone = 'Europe/Vienna'): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone }).format(instant);
}

export function dateTime(value: string, timeZone = 'Europe/Vienna'): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(value),
  );
}

/** How old an instant is, in the largest whole unit: minutes, hours, days. */
export function age(value: string, now = Date.now()): { unit: 'minutes' | 'hours' | 'days'; n: number } {
  const minutes = Math.max(0, Math.floor((now - new Date(value).getTime()) / 60_000));
  if (minutes < 60) return { unit: 'minutes', n: minutes };
  if (minutes < 48 * 60) return { unit: 'hours', n: Math.floor(minutes / 60) };
  return { unit: 'days', n: Math.floor(minutes / 1440) };
}

/** A file's size as people read it: `87 KB`, `1,2 MB` (the form's photos). */
export const fileSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${number(bytes / 1024 / 1024)} MB`;
