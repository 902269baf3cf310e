import * as z from 'zod/mini';
import { cursorParam } from '#functions/inquiries/schema';
import { limitParam } from '#shared/schema';

/** Request shapes of the e-mail intake routes (quarantine, raw sources, unroutable mail). */
export const MailPath = z.strictObject({
  mailId: z.string().check(z.regex(/^[a-f0-9]{32}$/, 'must be a mail id')),
});
export const UnroutablePath = z.strictObject({
  month: z.string().check(z.regex(/^\d{4}-\d{2}$/, 'must be a month like 2026-05')),
  mailId: MailPath.def.shape.mailId,
});

export const QuarantineQuery = z.strictObject({ limit: limitParam, cursor: cursorParam });

export const UnroutableQuery = z.strictObject({
  month: z.optional(UnroutablePath.def.shape.month),
  limit: limitParam,
  cursor: cursorParam,
});
