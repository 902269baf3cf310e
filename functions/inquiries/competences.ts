import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemGerman } from '@orama/stemmers/german';
import type { InquiryCompetence } from './schema';

/** What the suggestion needs of a competence: its id, labels and synonyms. */
export interface TaxonomyEntry {
  id: string;
  label_de: string;
  label_en: string;
  synonyms: string[];
}

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

/** Words of a text, lower case, umlauts kept (the German stemmer folds them itself). */
const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .split(/[^a-zäöüéèàáâ0-9]+/)
    .filter(Boolean);

/** Both stems of a word: German (Snowball) and English (Porter), a text may be either. */
const stems = (word: string) => [...new Set([stemGerman(word), stemEnglish(word)])];

/**
 * The heads German compounds end in ("Elektro|installation", "Heizungs|technik"): a label made
 * of one of them and a modifier is found by its modifier too ("Elektroanschluss").
 */
const HEADS = ['installation', 'technik', 'anlage', 'arbeiten', 'leitung', 'bau', 'wesen'];

/** A label's words and, for compounds, their modifiers: the parts a customer writes. */
function parts(word: string): string[] {
  const out = [word];
  for (const head of HEADS) {
    if (!word.endsWith(head)) continue;
    const modifier = word.slice(0, -head.length).replace(/(ung|ion|ät)s$/, '$1');
    if (modifier.length >= 4) out.push(modifier);
  }
  return out;
}

/**
 * A word names a stem when it is that stem, or begins with it and the stem is long enough to
 * be a word of its own ("Wasserleitungen", "Elektro|anschluss"); short stems ("bad", "pv") only
 * as themselves, so "Badminton" is no bathroom. Parts inside a compound are found unstemmed
 * (`mentions`: "Starkstrom" names "Strom").
 */
const PREFIX_FROM = 5;

function wordMatches(textStems: readonly string[], termStem: string): boolean {
  return textStems.some((w) => w === termStem || (termStem.length >= PREFIX_FROM && w.startsWith(termStem)));
}

/** A term of one or more words, matched stem by stem in a row ("heat pump", "solar panels"). */
function termMatches(text: readonly string[][], term: string): boolean {
  const termWords = words(term);
  if (termWords.length === 0) return false;
  if (termWords.length === 1) {
    const variants = parts(termWords[0]!).flatMap(stems);
    return text.some((w) => variants.some((v) => wordMatches(w, v)));
  }
  const termStems = termWords.map(stems);
  for (let i = 0; i + termStems.length <= text.length; i++) {
    if (termStems.every((t, j) => t.some((v) => text[i + j]!.includes(v)))) return true;
  }
  return false;
}

/**
 * Competences the text asks for, by label or synonym, German or English: case- and
 * umlaut-insensitive ("Fußbodenheizung" finds heating through "Fussbodenheizung" too), inflected
 * ("Wasserleitungen", "Heizungen", "bathrooms": Snowball and Porter stems) and in compounds
 * ("Starkstromanschlüsse" names "Strom"; "Elektroanschluss" the "Elektro" of
 * "Elektroinstallation"). Returned in taxonomy order, marked as suggested so the coordinator
 * knows to check them.
 */
export function suggestCompetences(text: string, taxonomy: readonly TaxonomyEntry[]): InquiryCompetence[] {
  const folded = fold(text);
  const textStems = words(text).map(stems);
  return taxonomy
    .filter((c) =>
      [c.label_de, c.label_en, ...c.synonyms]
        .flatMap(terms)
        .some((t) => mentions(folded, t) || termMatches(textStems, t)),
    )
    .map((c) => ({ competenceId: c.id, suggested: true }));
}
