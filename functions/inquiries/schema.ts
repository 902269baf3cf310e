import * as z from 'zod/mini';
import { cursorParam, id, isoDateTime, limitParam, page } from '#shared/schema';

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

// ---- parameters and answers -------------------------------------------------------------

export const InquiryPath = z.strictObject({ inquiryId: id });
export const SlugPath = z.strictObject({ slug: id });

export const ListInquiriesQuery = z.strictObject({
  status: z.optional(InquiryStatus),
  limit: limitParam,
  cursor: cursorParam,
});

export const InquiryWithTimeline = z.object({
  ...Inquiry.def.shape,
  timeline: z.array(TimelineEntry),
});

/** A page of a list: `cursor` is there when more items follow (pass it back as `?cursor=`). */

export const InquiryPage = page(Inquiry);

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
