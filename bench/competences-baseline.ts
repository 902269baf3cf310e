/**
 * The competence suggestion as it was before stemming and compound parts (functions/inquiries/competences.ts
 * on main, 2026-12): kept only so that bench/competences.ts can print before and after.
 */

import type { TaxonomyEntry } from '#functions/inquiries/competences';
import type { InquiryCompetence } from '#functions/inquiries/schema';

/**
 * Folds text for matching: lower case, umlauts spelled out (ä → ae, so "Wärmepumpe" and
 * "Waermepumpe" meet), ß → ss, other accents dropped, everything else but letters and digits
 * becomes one space.
 */
export function fold(s: string): string {
  return ` ${s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

/** Short terms ("Bad", "PV") must stand as a word; longer ones may sit inside a compound. */
const WHOLE_WORD_BELOW = 5;

function mentions(folded: string, term: string): boolean {
  const t = fold(term).trim();
  if (t.length === 0) return false;
  if (t.length < WHOLE_WORD_BELOW) return folded.includes(` ${t} `);
  return folded.includes(t);
}

/** "Zimmerei & Holzbau" is two terms: a customer writes one of them. */
const terms = (label: string) => label.split(/\s*(?:&|\/|,|\bund\b|\band\b)\s*/i).filter(Boolean);

/**
 * Competences the text asks for, by label or synonym, German or English, case- and
 * umlaut-insensitive ("Fußbodenheizung" finds heating through "Fussbodenheizung" too).
 * Returned in taxonomy order, marked as suggested so the coordinator knows to check them.
 */
export function suggestCompetences(text: string, taxonomy: readonly TaxonomyEntry[]): InquiryCompetence[] {
  const folded = fold(text);
  return taxonomy
    .filter((c) => [c.label_de, c.label_en, ...c.synonyms].flatMap(terms).some((t) => mentions(folded, t)))
    .map((c) => ({ competenceId: c.id, suggested: true }));
}
