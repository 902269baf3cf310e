import { createHash, timingSafeEqual } from 'node:crypto';

/** `HHN-2026-0042`: the network's prefix, the year and a per-network, per-year sequence number. */
export function formatReference(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(4, '0')}`;
}

/**
 * What a bot that filled the form's honeypot is told instead of a real reference: the same shape
 * (`HHN-2026-93817`), but with a sequence number from 90000 on, which a network never reaches in
 * a year (real ones count up from 0001), so it names no inquiry and never will.
 */
export function decoyReference(prefix: string, year: number, random: () => number = Math.random): string {
  return formatReference(prefix, year, 90_000 + Math.floor(random() * 10_000));
}

const TOKEN = /(?:^|[^A-Za-z0-9])([A-Za-z]{2,6}-\d{4}-\d{4,7})(?:[ \t]*#([0-9A-Za-z]{8}))?(?![A-Za-z0-9])/g;

/** Crockford's base-32 alphabet, lower case: no i, l, o, u to misread when typed from paper. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * The unguessable part of an inquiry's thread token: 40 bits derived from the inquiry's id (a
 * ULID with 80 random bits that only the network's own users see). Reference numbers count up
 * and are easy to guess; this part is not, so a subject that carries it proves its writer saw
 * mail of the conversation (Salesforce's `ref:` thread id is the model).
 */
export function threadSecret(inquiryId: string): string {
  const hash = createHash('sha256').update(`verbund-thread:${inquiryId}`).digest();
  let out = '';
  for (let i = 0; i < 8; i++) {
    const bit = i * 5;
    const byte = bit >> 3;
    const word = (hash[byte]! << 8) | hash[byte + 1]!;
    out += ALPHABET[(word >> (11 - (bit & 7))) & 31];
  }
  return out;
}

/** THE subject token of an inquiry: `[HHN-2026-0042 #k7q2xm3d]` (reference, then its secret). */
export function formatThreadToken(inquiry: { id: string; reference: string }): string {
  return `[${inquiry.reference} #${threadSecret(inquiry.id)}]`;
}

/** A token read from a subject line: the reference, and the secret when the subject kept it. */
export interface SubjectToken {
  reference: string;
  secret?: string;
}

/**
 * THE parser of subject tokens (`Re: [HHN-2026-0042 #k7q2xm3d] Dachausbau`), upper-cased
 * references in order, without repeats. Mail clients and customers mangle brackets, so bare
 * tokens count too; only tokens with the network's own prefix are returned.
 */
export function tokensInSubject(subject: string, prefix: string): SubjectToken[] {
  const found: SubjectToken[] = [];
  for (const m of subject.matchAll(TOKEN)) {
    const reference = m[1]!.toUpperCase();
    if (!reference.startsWith(`${prefix}-`)) continue;
    const secret = m[2]?.toLowerCase();
    const seen = found.find((t) => t.reference === reference);
    if (!seen) found.push(secret ? { reference, secret } : { reference });
    else if (!seen.secret && secret) seen.secret = secret;
  }
  return found;
}

/** Does a token's secret belong to this inquiry? (constant time: the secret is a credential). */
export function secretMatches(inquiryId: string, secret: string | undefined): boolean {
  if (!secret || !/^[0-9A-Za-z]{8}$/.test(secret)) return false;
  return timingSafeEqual(Buffer.from(threadSecret(inquiryId)), Buffer.from(secret.toLowerCase()));
}

/** Reference numbers named in a subject line (see `tokensInSubject`). */
export function referencesInSubject(subject: string, prefix: string): string[] {
  return tokensInSubject(subject, prefix).map((t) => t.reference);
}

/**
 * The subject of mail about an inquiry: the thread token first, so replies find their way
 * back; a subject that names the reference already gets the token in its place.
 */
export function subjectWithReference(inquiry: { id: string; reference: string }, subject: string): string {
  const bare = subject.replace(/\s+/g, ' ').trim();
  const token = formatThreadToken(inquiry);
  if (bare.includes(token)) return bare;
  const escaped = inquiry.reference.replace(/[-]/g, '\\-');
  const named = new RegExp(`\\[${escaped}(?:[ \\t]*#[0-9A-Za-z]{8})?\\]`, 'i');
  return named.test(bare) ? bare.replace(named, token) : `${token} ${bare}`.trim();
}
