import type { Lang } from './i18n';

const CODES: Record<string, Lang> = { deu: 'de', eng: 'en' };

/**
 * The language an inquiry is written in, German or English, by franc's trigram model (limited to
 * the two, so a short German text is not taken for Dutch). Undefined when the text is too short
 * to tell (under 10 letters): such a customer gets mail in both languages. franc-min (170 KiB
 * minified) is imported on first use, so only the routes that create inquiries load its chunk,
 * not every route that shares the inquiries store (`npx tsx bench/chunks.ts`).
 */
export async function detectLanguage(text: string): Promise<Lang | undefined> {
  const { franc } = await import('franc-min');
  const code = franc(text.slice(0, 2000), { only: Object.keys(CODES), minLength: 10 });
  return CODES[code];
}
