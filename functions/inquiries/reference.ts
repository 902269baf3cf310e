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

const TOKEN = /(?:^|[^A-Za-z0-9])([A-Za-z]{2,6}-\d{4}-\d{4,7})(?![A-Za-z0-9])/g;

/**
 * Reference numbers named in a subject line (`Re: [HHN-2026-0042] Dachausbau`), upper-cased,
 * in order, without repeats. Mail clients and customers mangle brackets, so bare tokens count
 * too; only tokens with the network's own prefix are returned.
 */
export function referencesInSubject(subject: string, prefix: string): string[] {
  const found: string[] = [];
  for (const m of subject.matchAll(TOKEN)) {
    const ref = m[1]!.toUpperCase();
    if (ref.startsWith(`${prefix}-`) && !found.includes(ref)) found.push(ref);
  }
  return found;
}

/** The subject of mail about an inquiry: the token first, so replies find their way back. */
export function subjectWithReference(reference: string, subject: string): string {
  const bare = subject.replace(/\s+/g, ' ').trim();
  return bare.includes(`[${reference}]`) ? bare : `[${reference}] ${bare}`.trim();
}
