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
 * What a network taught the suggestion, per competence and word stem: +1 each time a
 * coordinator kept or added the competence for an inquiry with that word, −1 each time they
 * removed a suggestion the word had triggered. Kept per network in the table
 * (./competence-model.ts); the suggestion itself stays a pure function.
 */
export type CompetenceModel = Record<string, Record<string, number>>;

/** A taught word counts once the network confirmed it this often (net), more than elsewhere. */
export const LEARNED_FROM = 2;

/** Words too common in inquiries to tell competences apart. */
const STOP = new Set(
  [
    'bitte',
    'angebot',
    'anfrage',
    'guten',
    'danke',
    'vielen',
    'unser',
    'unsere',
    'einen',
    'eine',
    'einer',
    'wir',
    'ihre',
    'ihnen',
    'sollen',
    'möchten',
    'brauchen',
    'neue',
    'neuen',
    'neuer',
    'haus',
    'wohnung',
    'please',
    'quote',
    'would',
    'like',
    'need',
    'with',
    'from',
    'your',
    'have',
  ].map((w) => stemGerman(w)),
);

/** The distinct stems of a text that can be taught (4 letters and more, not too common), at most 40. */
export function teachableStems(text: string): string[] {
  const out = new Set<string>();
  for (const w of words(text)) {
    if (w.length < 4 || /^[0-9]+$/.test(w)) continue;
    const stem = stemGerman(w);
    if (!STOP.has(stem)) out.add(stem);
    if (out.size >= 40) break;
  }
  return [...out];
}

/** What one correction teaches: +1 for the stems of each competence kept or added, −1 for the triggers of each removed suggestion. */
export function lessonOf(
  text: string,
  suggested: readonly string[],
  confirmed: readonly string[],
  taxonomy: readonly TaxonomyEntry[],
): { competenceId: string; stem: string; delta: number }[] {
  const stems = teachableStems(text);
  const lesson = confirmed.flatMap((competenceId) => stems.map((stem) => ({ competenceId, stem, delta: 1 })));
  for (const removed of suggested.filter((c) => !confirmed.includes(c))) {
    const entry = taxonomy.find((t) => t.id === removed);
    if (!entry) continue;
    // only the words that made the suggestion: "planen" taught not to mean planning
    for (const stem of stems.filter((st) => matchesEntry(st, entry))) {
      lesson.push({ competenceId: removed, stem, delta: -1 });
    }
  }
  return lesson;
}

const entryTerms = (c: TaxonomyEntry) => [c.label_de, c.label_en, ...c.synonyms].flatMap(terms);

function matchesEntry(word: string, c: TaxonomyEntry): boolean {
  return entryTerms(c).some((t) => mentions(fold(word), t) || termMatches([stems(word)], t));
}

/** Learned evidence of a text for each competence: taught words that point to it more than to any other. */
function learned(textStems: readonly string[], model: CompetenceModel, taxonomy: readonly TaxonomyEntry[]) {
  const add = new Set<string>();
  for (const stem of new Set(textStems)) {
    const weights = taxonomy.map((c) => ({ id: c.id, w: model[c.id]?.[stem] ?? 0 }));
    for (const { id, w } of weights) {
      const elsewhere = Math.max(0, ...weights.filter((o) => o.id !== id).map((o) => o.w));
      if (w >= LEARNED_FROM && w - elsewhere >= LEARNED_FROM) add.add(id);
    }
  }
  return add;
}

/**
 * Competences the text asks for, by label or synonym, German or English: case- and
 * umlaut-insensitive ("Fußbodenheizung" finds heating through "Fussbodenheizung" too), inflected
 * ("Wasserleitungen", "Heizungen", "bathrooms": Snowball and Porter stems) and in compounds
 * ("Starkstromanschlüsse" names "Strom"; "Elektroanschluss" the "Elektro" of
 * "Elektroinstallation"); with the network's model, also by the words its coordinators taught
 * ("Steckdosen" after two inquiries confirmed as electrical), and not by words they untaught.
 * Returned in taxonomy order, marked as suggested so the coordinator knows to check them.
 */
export function suggestCompetences(
  text: string,
  taxonomy: readonly TaxonomyEntry[],
  model: CompetenceModel = {},
): InquiryCompetence[] {
  const textWords = words(text);
  const textStems = textWords.map(stems);
  const taught = learned(
    textWords.map((w) => stemGerman(w)),
    model,
    taxonomy,
  );
  return taxonomy
    .filter((c) => {
      if (taught.has(c.id)) return true;
      // a rule match counts unless every word that makes it was untaught for this competence
      const triggers = textWords.filter((w) => matchesEntry(w, c));
      if (triggers.length === 0) {
        const folded = fold(text);
        return entryTerms(c).some((t) => mentions(folded, t) || termMatches(textStems, t));
      }
      return triggers.some((w) => (model[c.id]?.[stemGerman(w)] ?? 0) > -LEARNED_FROM);
    })
    .map((c) => ({ competenceId: c.id, suggested: true }));
}
