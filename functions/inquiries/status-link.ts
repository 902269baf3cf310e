import { randomBytes } from 'node:crypto';
import { ENV } from '#shared/env-names';
import type { InquiryStatus, TimelineEntry } from './schema';

/**
 * The customer's status page: an unguessable link (192 random bits) sent in the acknowledgement;
 * only its digest is stored (keys.ts `statusToken`), so a table dump gives no working link.
 */
export const STATUS_TOKEN = /^[A-Za-z0-9_-]{32}$/;

export const newStatusToken = () => randomBytes(24).toString('base64url');

/** The link to the status page, or undefined where no console URL is configured. */
export function statusUrl(slug: string, token: string): string | undefined {
  const base = process.env[ENV.consoleUrl]?.replace(/\/$/, '');
  return base ? `${base}/${slug}/status/${token}` : undefined;
}

export const STAGES = ['received', 'in_progress', 'team_assigned', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

/** The status a customer sees: four plain stages ("eingegangen" … "abgeschlossen"); spam looks received. */
export function stageOf(status: InquiryStatus): Stage {
  switch (status) {
    case 'new':
    case 'spam':
      return 'received';
    case 'qualified':
    case 'matching':
    case 'proposed':
      return 'in_progress';
    case 'accepted':
    case 'in_progress':
      return 'team_assigned';
    case 'completed':
    case 'declined':
      return 'closed';
  }
}

/** Timeline kinds the customer sees: the conversation, never notes, matching or status internals. */
const CONVERSATION: Record<string, 'customer' | 'network'> = {
  'message-in': 'customer',
  'message-out': 'network',
  acknowledgement: 'network',
};

export function conversation(
  first: { at: string; text: string },
  timeline: readonly TimelineEntry[],
): { at: string; from: 'customer' | 'network'; text: string }[] {
  return [
    { at: first.at, from: 'customer' as const, text: first.text },
    ...timeline.flatMap((e) => {
      const from = CONVERSATION[e.kind];
      return from ? [{ at: e.at, from, text: e.text }] : [];
    }),
  ];
}
