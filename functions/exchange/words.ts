/**
 * The words of a post as index terms, and of a search as prefixes: German inflections meet
 * ("Angebote", "Angeboten", "Angebots" → `angebot`), umlauts may be typed or spelled out
 * ("Wärmepumpe" / "Waermepumpe"), short words and the most common function words are left out.
 *
 * The stemmer is CISTEM (Weissweiler & Fraser, 2017: "Developing a Stemmer for German Based on a
 * Comparative Analysis of Publicly Available Stemmers"), case-insensitive variant: about as good
 * as Snowball's German stemmer on their gold standard in a dozen lines, and harmless on English
 * words (plural -s, -en are stripped alike).
 */

const STOP = new Set(
  (
    'aber alle als also am an auch auf aus bei bin bis bitte da damit dann das dass dem den der des die ' +
    'dies diese dieser doch du ein eine einem einen einer eines er es fuer gibt hab habe haben hat ich ' +
    'ihr im in ist ja jetzt kann kein man mit muss nach nicht noch nur oder ohne schon sich sie sind so ' +
    'um und uns von vor war was wie wir wird zu zum zur and are but for from has have how our that the ' +
    'this was what with you'
  ).split(' '),
);

/** Lower case, umlauts and ß folded (ä/ae → a), everything but letters and digits a space. */
export function foldText(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä|ae/g, 'a')
    .replace(/ö|oe/g, 'o')
    .replace(/ü|ue/g, 'u')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** CISTEM on a folded word (lower case, no umlauts). */
export function stem(folded: string): string {
  let w = folded.replace(/^ge(.{4,})/, '$1');
  w = w.replace(/sch/g, '$').replace(/ei/g, '%').replace(/ie/g, '&').replace(/(.)\1/g, '$1*');
  const strip = (re: RegExp) => {
    const n = w.replace(re, '');
    if (n === w) return false;
    w = n;
    return true;
  };
  while (w.length > 3) {
    if (w.length > 5 && (strip(/e[mr]$/) || strip(/nd$/))) continue;
    if (strip(/t$/) || strip(/[esn]$/)) continue;
    break;
  }
  return w.replace(/(.)\*/g, '$1$1').replace(/&/g, 'ie').replace(/%/g, 'ei').replace(/\$/g, 'sch');
}

const MIN_WORD = 3;
/** A search term of this length or longer also finds longer stems it begins ("Pump" → Pumpen). */
export const MAX_TERM = 40;

/** The distinct stems of a text, as they go into the word index (at most `limit`). */
export function termsOf(text: string, limit = 200): string[] {
  const out = new Set<string>();
  for (const word of foldText(text).split(' ')) {
    if (word.length < MIN_WORD || STOP.has(word)) continue;
    const s = stem(word).slice(0, MAX_TERM);
    if (s.length >= MIN_WORD - 1) out.add(s);
    if (out.size >= limit) break;
  }
  return [...out];
}
