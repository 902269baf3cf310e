/**
 * What the inquiry routes that write take and answer (the form, the coordinator's create, notes,
 * replies, competences) and the customer's status page. Apart from schema.ts (stored items and
 * the coordinator's reads), so a cold start on a read route, the inbox first, does not construct
 * them: zod builds every schema of a module when the module loads (bench/chunks.ts,
 * test/infra/chunks.test.ts).
 */
import * as z from 'zod/mini';
import { languageTag } from '#shared/i18n';
import { email, id, isoDate, isoDateTime, multilineText, phone, postcode, text } from '#shared/schema';
import { InquiryCompetence, InquiryStatus } from './schema';

export const Timeframe = z
  .strictObject({ from: isoDate, to: isoDate })
  .check(z.refine((t) => t.from <= t.to, { message: 'to must not be before from', path: ['to'] }));

const hours = z.number().check(z.gt(0), z.lte(10_000));
const minLevel = z.int().check(z.gte(1), z.lte(5));

const inquiryFields = {
  customer: z.strictObject({ name: text(100), email, phone: z.optional(phone) }),
  postcode: z.optional(postcode),
  region: z.optional(text(80)),
  subject: z.optional(text(200)),
  text: multilineText(10_000),
  timeframe: z.optional(Timeframe),
  budgetCents: z.optional(z.int().check(z.gte(0), z.lte(100_000_000_00))),
  /** The customer's language (the form's choice); detected from the text when absent. */
  language: z.optional(languageTag),
};

/**
 * The public form. `website` is a honeypot: people never see it, bots fill it in; a filled one
 * is answered like a success and nothing is written (submit-public-inquiry.handler.ts), so the
 * schema takes any short string there. `consent` must be true: the customer agrees that the
 * network stores and forwards the request.
 */
export const PublicInquiryBody = z.strictObject({
  ...inquiryFields,
  consent: z.literal(true, 'must be true: the request cannot be processed without consent'),
  website: z.optional(z.string().check(z.maxLength(2000))),
});
export type PublicInquiryBody = z.infer<typeof PublicInquiryBody>;

export const CompetenceRequest = z.strictObject({
  competenceId: id,
  hours: z.optional(hours),
  minLevel: z.optional(minLevel),
  /** Hours of the partner's rooms (a workshop, a hall) the work needs; a job books them too. */
  roomHours: z.optional(hours),
  /** Hours of the partner's machines (a CNC, a crane) the work needs; a job books them too. */
  machineHours: z.optional(hours),
});

/** The coordinator's API create: like the form, plus competences if already known. */
export const CreateInquiryBody = z.strictObject({
  ...inquiryFields,
  /** The customer gets the acknowledgement like a form's; `false` for this inquiry not. */
  acknowledge: z._default(z.boolean(), true),
  competences: z.optional(z.array(CompetenceRequest).check(z.maxLength(30))),
});
export type CreateInquiryBody = z.infer<typeof CreateInquiryBody>;

export const SetCompetencesBody = z.strictObject({
  competences: z.array(CompetenceRequest).check(z.maxLength(30)),
});

export const ChangeStatusBody = z.strictObject({
  status: InquiryStatus,
  reason: z.optional(multilineText(1000)),
});

export const NoteBody = z.strictObject({ text: multilineText(5000) });

/** What a reply may carry: an offer or a plan, not executables or archives. */
export const REPLY_ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
] as const;
/**
 * Decoded bytes of a reply's attachments together: the queued mail carries them base64 in one
 * table item (at most 400 KB), beside the text and HTML.
 */
export const MAX_REPLY_ATTACHMENT_BYTES = 200 * 1024;
export const MAX_REPLY_ATTACHMENTS = 3;

export const ReplyAttachment = z.strictObject({
  filename: text(120).check(z.regex(/^[^/\\:*?"<>|]+$/, 'must be a file name without / \\ : * ? " < > |')),
  contentType: z.enum(REPLY_ATTACHMENT_TYPES),
  contentBase64: z
    .string()
    .check(
      z.minLength(4, 'must be the file content, base64-encoded'),
      z.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be the file content, base64-encoded'),
      z.maxLength(
        Math.ceil(MAX_REPLY_ATTACHMENT_BYTES / 3) * 4,
        'must be at most 200 KB (before base64 encoding)',
      ),
    ),
});

export const ReplyBody = z.strictObject({
  text: multilineText(20_000),
  subject: z.optional(text(200)),
  /** Files that ride along (an offer PDF), at most 3 and 200 KB together. */
  attachments: z.optional(z.array(ReplyAttachment).check(z.maxLength(MAX_REPLY_ATTACHMENTS))),
});

// ---- answers ----------------------------------------------------------------------------

export const PublicInquiryAnswer = z.object({ reference: z.string(), message: z.string() });

export const NoteAnswer = z.object({ inquiryId: z.string(), kind: z.literal('note'), text: z.string() });

export const ReplyAnswer = z.object({
  messageId: z.string(),
  subject: z.string(),
  /** The customer's address the reply went to. */
  to: z.string(),
});

export const CompetencesAnswer = z.object({ competences: z.array(InquiryCompetence) });

// ---- the customer's status page (status-link.ts) -----------------------------------------

export const StatusPath = z.strictObject({
  slug: id,
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{32}$/, 'must be the 32-character token of a status link')),
});

export const StatusMessageBody = z.strictObject({ text: multilineText(5000) });

export const InquiryStatusAnswer = z.object({
  reference: z.string(),
  /** received, in_progress, team_assigned, closed ("eingegangen" … "abgeschlossen"). */
  stage: z.enum(['received', 'in_progress', 'team_assigned', 'closed']),
  network: z.object({ name: z.string() }),
  createdAt: isoDateTime,
  /** The conversation, oldest first: the inquiry, messages in and out (never internal notes). */
  messages: z.array(z.object({ at: isoDateTime, from: z.enum(['customer', 'network']), text: z.string() })),
  /** The photos the customer sent with the form: name and size (the coordinator sees the images). */
  photos: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() })),
});
