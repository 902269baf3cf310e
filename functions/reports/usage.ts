/** Billable events, counted per network and month (networks pay only for what they use). */
export const USAGE_EVENTS = [
  'inquiriesCreated',
  'emailsReceived',
  'emailsSent',
  'matchRuns',
  'poolsClosed',
  'reportsSent',
] as const;
export type UsageEvent = (typeof USAGE_EVENTS)[number];

/** The month bucket of an instant, UTC: `2026-11`. */
export function usageMonth(at: Date = new Date()): string {
  return at.toISOString().slice(0, 7);
}
