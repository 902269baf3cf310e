import { franc } from 'franc-min';
import type { Lang } from './i18n';

const CODES: Record<string, Lang> = { deu: 'de', eng: 'en' };

/**
 * The language an inquiry is written in, German or English, by franc's trigram model (limited to
 * the two, so a short German text is not taken for Dutch). Undefined when the text is too short
 * to tell (under 10 letters): such a customer gets mail in both languages.
 */
export function detectLanguage(text: string): Lang | undefined {
  const code = franc(text.slice(0, 2000), { only: Object.keys(CODES), minLength: 10 });
  return CODES[code];
}
