/**
 * Usage metering per network: cross-cutting, so every capability counts its billable events here
 * (./store.ts) without importing another capability; the reports capability reads the months back
 * (`GET /usage`). This file is pure, so cost estimates and unit tests use it without a table.
 */

/** Billable events, counted per network and month (networks pay only for what they use). */
export const USAGE_EVENTS = [
  'inquiriesCreated',
  'emailsReceived',
  'emailsSent',
  'matchRuns',
  'poolsClosed',
  'reportsSent',
  /** Photos stored from the public form (one S3 put each; mail attachments ride on emailsReceived). */
  'photosStored',
] as const;
export type UsageEvent = (typeof USAGE_EVENTS)[number];

export type UsageCounts = Partial<Record<UsageEvent, number>>;

/** The month bucket of an instant, UTC: `2026-11`. */
export function usageMonth(at: Date = new Date()): string {
  return at.toISOString().slice(0, 7);
}
