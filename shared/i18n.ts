/**
 * Languages and local formats. A network, partner, supplier and customer each have a language
 * tag (`de-AT`, `en-GB`, …); mail is written in the recipient's language, German or English to
 * start, and in both only where the language is unknown. Formats go through `Intl` in the
 * network's time zone: `11,40 €`, `KW 9/2027`, `01.03.2027` in German; `€11.40`, `week 9/2027`,
 * `01/03/2027` in English.
 */

import * as z from 'zod/mini';
import { weekRange } from './weeks';

/** The languages mail is written in. */
export const LANGS = ['de', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A network's language unless it says otherwise: the network is Austrian. */
export const DEFAULT_LANGUAGE = 'de-AT';

const TAG = /^(de|en)(?:-([A-Z]{2}))?$/;

/** A language tag with a supported language: `de`, `de-AT`, `de-DE`, `en`, `en-GB`, … */
export const languageTag = z
  .string()
  .check(z.regex(TAG, 'must be a language tag with language de or en, like de-AT or en-GB'));

/** The language of a tag, or undefined for none (unknown: the mail goes out in both). */
export function langOf(tag: string | undefined): Lang | undefined {
  const m = tag ? TAG.exec(tag) : null;
  return m ? (m[1] as Lang) : undefined;
}

/** The locale formats are made in: the tag itself, or the network's region for a bare `de`/`en`. */
export function localeOf(lang: Lang, tag?: string): string {
  if (tag && langOf(tag) === lang && tag.includes('-')) return tag;
  return lang === 'de' ? 'de-AT' : 'en-GB';
}

/** What a mail's formats need: the language, its locale and the network's time zone. */
export interface Formats {
  lang: Lang;
  locale: string;
  timezone: string;
  /** `1140` → `11,40 €` (German) or `€11.40` (English). */
  money(cents: number): string;
  /** A number as people read it: `4,5` / `4.5`. */
  number(n: number, fractionDigits?: number): string;
  /** A calendar date `2027-03-01` → `01.03.2027` / `01/03/2027`. */
  date(date: string): string;
  /** An instant in the network's time zone → `01.03.2027, 17:00`. */
  dateTime(iso: string): string;
  /** An ISO week `2027-W09` → `KW 9/2027` / `week 9/2027`. */
  week(week: string): string;
  /** An ISO week with its days: `KW 9/2027 (01.03.–07.03.2027)`. */
  weekWithDays(week: string): string;
}

const cache = new Map<string, Formats>();

/** Formats for a language in a network's time zone (`tag` refines the locale: `de-DE`, `en-US`). */
export function formats(lang: Lang, timezone: string, tag?: string): Formats {
  const locale = localeOf(lang, tag);
  const key = `${locale}|${timezone}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const amount = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  const dayMonth = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit' });
  const stamp = new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const utcDate = (d: string) => new Date(`${d}T12:00:00Z`);
  const week = (w: string) => {
    const [year, n] = w.split('-W');
    return `${lang === 'de' ? 'KW' : 'week'} ${Number(n)}/${year}`;
  };
  const f: Formats = {
    lang,
    locale,
    timezone,
    // `11,40 €` in German (also for de-AT, whose currency pattern would put `€` first), `€11.40` in English
    money: (cents) => (lang === 'de' ? `${amount.format(cents / 100)} €` : `€${amount.format(cents / 100)}`),
    number: (n, fractionDigits) =>
      new Intl.NumberFormat(locale, {
        maximumFractionDigits: fractionDigits ?? 2,
        minimumFractionDigits: fractionDigits ?? 0,
      }).format(n),
    date: (d) => day.format(utcDate(d)),
    dateTime: (iso) => stamp.format(new Date(iso)),
    week,
    weekWithDays: (w) => {
      const { from, to } = weekRange(w);
      return `${week(w)} (${dayMonth.format(utcDate(from))}–${day.format(utcDate(to))})`;
    },
  };
  cache.set(key, f);
  return f;
}

/** A competence's label in a language (German mails show German labels). */
export const competenceLabel = (c: { label_de: string; label_en: string }, lang: Lang) =>
  lang === 'de' ? c.label_de : c.label_en;

/** The language of a tag, or `fallback` when it names none (a partner without its own: the network's). */
export const langOr = (tag: string | undefined, fallback: Lang): Lang => langOf(tag) ?? fallback;

/** A network's language: its own tag, `de-AT` for networks created before languages. */
export const networkLang = (network: { language?: string }): Lang =>
  langOr(network.language ?? DEFAULT_LANGUAGE, 'de');

/** A free-text subject shortened for a mail subject or an acknowledgement (at most `max` characters). */
export function shorten(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}
