import * as z from 'zod/mini';
import { languageTag } from '#shared/i18n';
import { isoDateTime } from '#shared/schema';

/** How a person hears of what needs them: each notice at once, one summary a day, or not at all. */
export const delivery = z.enum(['immediate', 'daily', 'off']);
export type Delivery = z.infer<typeof delivery>;

/** PUT /notifications/preference: the caller's own choice (their address comes from the token). */
export const PreferenceBody = z.strictObject({
  delivery,
  /** The language of the caller's notices; the network's when absent. */
  language: z.optional(languageTag),
});

/** One person's choice, as stored and as answered. */
export const Preference = z.object({
  email: z.string(),
  delivery,
  language: z.optional(z.string()),
  updatedAt: z.string(),
});
export type Preference = z.infer<typeof Preference>;

export const PreferenceResponse = z.object({
  email: z.string(),
  delivery,
  language: z.optional(z.string()),
  /** Whether the caller is the network's contact person (who always hears, at least daily). */
  contactPerson: z.boolean(),
});

/** A notice kept for a person's daily summary until the summary goes out. */
export const PendingNotice = z.object({
  kind: z.string(),
  line: z.string(),
  at: z.string(),
});
export type PendingNotice = z.infer<typeof PendingNotice>;

/** The summary schedule's event. */
export const SummaryEvent = z.object({
  networkId: z.string(),
  scheduledTime: z.optional(isoDateTime),
});
