/** Current time as UTC ISO-8601, the only time format stored. */
export function nowIso(): string {
  return new Date().toISOString();
}
