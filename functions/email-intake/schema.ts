import * as z from 'zod/mini';
import { cursorParam, isoMonth, limitParam } from '#shared/schema';

/** Request shapes of the e-mail intake routes (quarantine, raw sources, unroutable mail). */
export const MailPath = z.strictObject({
  mailId: z.string().check(z.regex(/^[a-f0-9]{32}$/, 'must be a mail id')),
});
export const UnroutablePath = z.strictObject({
  month: isoMonth,
  mailId: MailPath.def.shape.mailId,
});

export const QuarantineQuery = z.strictObject({ limit: limitParam, cursor: cursorParam });

export const UnroutableQuery = z.strictObject({
  month: z.optional(UnroutablePath.def.shape.month),
  limit: limitParam,
  cursor: cursorParam,
});

/** What a released or confirmed message became. */
export const DeliveredMail = z.union([
  z.object({
    outcome: z.enum(['inquiry', 'message']),
    networkId: z.string(),
    mailId: z.string(),
    inquiryId: z.string(),
  }),
  z.object({ outcome: z.literal('duplicate'), networkId: z.optional(z.string()), mailId: z.string() }),
]);
