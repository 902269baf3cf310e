import * as z from 'zod/mini';
import { languageTag } from '#shared/i18n';
import {
  cursorParam,
  email,
  id,
  isoDate,
  isoDateTime,
  limitParam,
  multilineText,
  page,
  phone,
  postcode,
  text,
} from '#shared/schema';

export const INQUIRY_STATUSES = [
  'new',
  'qualified',
  'matching',
  'proposed',
  'accepted',
  'in_progress',
  'completed',
  'declined',
  'spam',
] as const;
export const InquiryStatus = z.enum(INQUIRY_STATUSES);
export type InquiryStatus = z.infer<typeof InquiryStatus>;

export const InquirySource = z.enum(['form', 'api', 'email', 'referral']);
export type InquirySource = z.infer<typeof InquirySource>;

/** `HHN-2026-0042`: network prefix, year, per-network sequence number. */
export const reference = z
  .string()
  .check(z.regex(/^[A-Z]{2,6}-\d{4}-\d{4,}$/, 'must look like HHN-2026-0042'));

export const Timeframe = z
  .strictObject({ from: isoDate, to: isoDate })
  .check(z.refine((t) => t.from <= t.to, { message: 'to must not be before from', path: ['to'] }));

const hours = z.number().check(z.gt(0), z.lte(10_000));
const minLevel = z.int().check(z.gte(1), z.lte(5));

/** A competence the inquiry needs; `suggested` marks what the text analysis proposed. */
export const InquiryCompetence = z.object({
  competenceId: z.string(),
  hours: z.optional(z.number()),
  minLevel: z.optional(z.number()),
  /** Hours of rooms / machines the work needs besides people's hours (matching books them). */
  roomHours: z.optional(z.number()),
  machineHours: z.optional(z.number()),
  suggested: z.boolean(),
});
export type InquiryCompetence = z.infer<typeof InquiryCompetence>;

export const Customer = z.object({
  name: z.string(),
  email: z.string(),
  phone: z.optional(z.string()),
});

/** A photo the customer added on the form; the bytes through `GET /inquiries/{id}/photos/{photoId}`. */
export const InquiryPhoto = z.object({
  id: z.string(),
  filename: z.string(),
  /** Read from the bytes, not the browser's claim: image/jpeg, image/png, image/webp or image/heic. */
  contentType: z.string(),
  size: z.number(),
});
export type InquiryPhoto = z.infer<typeof InquiryPhoto>;

export const Inquiry = z.object({
  id: z.string(),
  reference: z.string(),
  status: InquiryStatus,
  source: InquirySource,
  customer: Customer,
  postcode: z.optional(z.string()),
  region: z.optional(z.string()),
  subject: z.string(),
  text: z.string(),
  /** The customer's language: chosen on the form, or detected from the text; absent if unknown. */
  language: z.optional(z.string()),
  timeframe: z.optional(z.object({ from: z.string(), to: z.string() })),
  budgetCents: z.optional(z.number()),
  competences: z.array(InquiryCompetence),
  referredByPartnerId: z.optional(z.string()),
  leadPartnerId: z.optional(z.string()),
  /** Message-IDs of the e-mail conversation, oldest first (threads replies in mail clients). */
  mailThread: z.optional(z.array(z.string())),
  /** Photos from the public form, at most 5 (functions/inquiries/photos.ts). */
  photos: z.optional(z.array(InquiryPhoto)),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Inquiry = z.infer<typeof Inquiry>;

/** What createInquiry needs; the store adds id, reference, status and timestamps. */
export interface NewInquiry {
  source: InquirySource;
  customer: { name: string; email: string; phone?: string };
  subject: string;
  text: string;
  /** Omitted: detected from subject and text (absent when the text is too short to tell). */
  language?: string;
  postcode?: string;
  region?: string;
  timeframe?: { from: string; to: string };
  budgetCents?: number;
  /** Omitted: suggested from subject and text with the network's taxonomy. */
  competences?: InquiryCompetence[];
  referredByPartnerId?: string;
  leadPartnerId?: string;
  mailThread?: string[];
  /** Photos already in the mail storage (the form stores them before the inquiry is written). */
  photos?: InquiryPhoto[];
}

export const TimelineEntry = z.object({
  id: z.string(),
  at: isoDateTime,
  kind: z.string(),
  text: z.string(),
  by: z.optional(z.string()),
  data: z.optional(z.record(z.string(), z.unknown())),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

// ---- request bodies ---------------------------------------------------------------------

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

// ---- parameters and answers -------------------------------------------------------------

export const InquiryPath = z.strictObject({ inquiryId: id });
export const SlugPath = z.strictObject({ slug: id });

export const ListInquiriesQuery = z.strictObject({
  status: z.optional(InquiryStatus),
  limit: limitParam,
  cursor: cursorParam,
});

export const PublicInquiryAnswer = z.object({ reference: z.string(), message: z.string() });

export const InquiryWithTimeline = z.object({
  ...Inquiry.def.shape,
  timeline: z.array(TimelineEntry),
});

/** A page of a list: `cursor` is there when more items follow (pass it back as `?cursor=`). */

export const InquiryPage = page(Inquiry);

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

export const InquiryPhotoPath = z.strictObject({ inquiryId: id, photoId: id });

/** Path of `GET /inquiries/{inquiryId}`: an inquiry id or its reference number (`HHN-2026-0042`). */
export const InquiryOrReferencePath = z.strictObject({
  inquiryId: z.union([id, reference], 'must be an inquiry id or a reference number like HHN-2026-0042'),
});

// Named in the OpenAPI document: one definition in components/schemas, referenced where used.
Inquiry.register(z.globalRegistry, { id: 'Inquiry' });
InquiryCompetence.register(z.globalRegistry, { id: 'InquiryCompetence' });
TimelineEntry.register(z.globalRegistry, { id: 'TimelineEntry' });
InquiryPhoto.register(z.globalRegistry, { id: 'InquiryPhoto' });
