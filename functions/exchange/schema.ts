import * as z from 'zod/mini';
import { cursorParam, id, isoDateTime, limitParam, localDateTime, multilineText, text } from '#shared/schema';
import { RSVP_TOKEN } from './rsvp-link';

/**
 * The know-how exchange: questions with answers, practice notes ("So machen wir's"), helpful
 * marks and moderation. Everything lives in the network's partition (store.ts), so another
 * network cannot reach it by construction.
 */

export const POST_KINDS = ['question', 'practice'] as const;
export const postKind = z.enum(POST_KINDS);
export type PostKind = z.infer<typeof postKind>;

/** Competence ids from the network's taxonomy (checked against it by the handlers). */
const competenceIds = z.array(id).check(z.minLength(1), z.maxLength(10));

// ---- request bodies ---------------------------------------------------------------------

export const AskQuestionBody = z.strictObject({
  title: text(160),
  body: multilineText(20_000),
  competences: competenceIds,
});
export type AskQuestionBody = z.infer<typeof AskQuestionBody>;

export const PublishPracticeBody = AskQuestionBody;

export const AnswerBody = z.strictObject({ body: multilineText(20_000) });

/** An edit names the version it was made on, so two edits at once cannot overwrite each other. */
export const EditPostBody = z.strictObject({
  version: z.int().check(z.gte(1)),
  title: z.optional(text(160)),
  body: z.optional(multilineText(20_000)),
  competences: z.optional(competenceIds),
});
export type EditPostBody = z.infer<typeof EditPostBody>;

export const EditAnswerBody = z.strictObject({
  version: z.int().check(z.gte(1)),
  body: multilineText(20_000),
});

export const ModerationBody = z
  .strictObject({
    /** Moderate one answer of the thread instead of the thread itself (only `hidden` applies). */
    answerId: z.optional(id),
    hidden: z.optional(z.boolean()),
    locked: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((b, ctx) => {
      if (b.hidden === undefined && b.locked === undefined) {
        ctx.addIssue({ code: 'custom', message: 'give hidden or locked', path: ['hidden'], input: b });
      }
      if (b.answerId !== undefined && b.locked !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'an answer cannot be locked, only its thread',
          path: ['locked'],
          input: b,
        });
      }
    }),
  );
export type ModerationBody = z.infer<typeof ModerationBody>;

/** What a practice note may carry: checklists, templates, forms (no executables, no HTML). */
export const ATTACHMENT_TYPES = [
  'application/pdf',
  'text/plain',
  'text/csv',
  'image/png',
  'image/jpeg',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
] as const;
/** Per file, decoded; the API carries it base64-encoded in JSON (4/3 larger, under Lambda's 6 MB). */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

export const AttachBody = z.strictObject({
  filename: text(120).check(z.regex(/^[^/\\:*?"<>|]+$/, 'must be a file name without / \\ : * ? " < > |')),
  contentType: z.enum(ATTACHMENT_TYPES),
  contentBase64: z
    .string()
    .check(
      z.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be the file content, base64-encoded'),
      z.maxLength(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4, 'must be at most 2 MB (before base64 encoding)'),
    ),
});

export const Attachment = z.object({
  id,
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploadedAt: isoDateTime,
});
export type Attachment = z.infer<typeof Attachment>;

// ---- path and query ---------------------------------------------------------------------

export const PostPath = z.strictObject({ postId: id });
export const AnswerPath = z.strictObject({ postId: id, answerId: id });
export const AttachmentPath = z.strictObject({ postId: id, attachmentId: id });

export const SearchQuery = z.strictObject({
  kind: z.optional(postKind),
  competence: z.optional(id),
  /** Words, German or English; every word must occur (inflections and word starts match). */
  q: z.optional(text(200)),
  sort: z.optional(z.enum(['newest', 'helpful'])),
  limit: limitParam,
  cursor: cursorParam,
});
export type SearchQuery = z.infer<typeof SearchQuery>;

// ---- stored items -----------------------------------------------------------------------

export const Post = z.object({
  id,
  kind: postKind,
  authorPartnerId: id,
  title: z.string(),
  body: z.string(),
  html: z.string(),
  competences: z.array(z.string()),
  /** Practice notes: files kept in the mail storage (S3 / DATA_DIR), listed here. */
  attachments: z._default(z.array(Attachment), []),
  /** Questions: open until the asker marks an answer as the solution. */
  solutionAnswerId: z.optional(z.string()),
  answerCount: z.number(),
  /** Questions: when the first answer came (kept when that answer is deleted). */
  firstAnsweredAt: z.optional(isoDateTime),
  /** Helpful marks on the practice itself, or on all answers of a question. */
  helpful: z.number(),
  hidden: z.boolean(),
  locked: z.boolean(),
  deleted: z.boolean(),
  version: z.number(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Post = z.infer<typeof Post>;

export const Answer = z.object({
  id,
  postId: id,
  authorPartnerId: id,
  body: z.string(),
  html: z.string(),
  helpful: z.number(),
  hidden: z.boolean(),
  deleted: z.boolean(),
  version: z.number(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Answer = z.infer<typeof Answer>;

/** One earlier version of a post or answer, written before each edit or deletion. */
export const HistoryEntry = z.object({
  postId: id,
  answerId: z.optional(id),
  version: z.number(),
  title: z.optional(z.string()),
  body: z.string(),
  competences: z.optional(z.array(z.string())),
  replacedAt: isoDateTime,
  change: z.enum(['edited', 'deleted']),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

// ---- answers (documentation; the integration tests check real bodies against them) -------

export const AnswerView = z.object({
  id,
  authorPartnerId: id,
  body: z.string(),
  html: z.string(),
  helpful: z.number(),
  markedHelpfulByMe: z.boolean(),
  isSolution: z.boolean(),
  hidden: z.boolean(),
  deleted: z.boolean(),
  version: z.number(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const PostView = z.object({
  id,
  kind: postKind,
  authorPartnerId: id,
  title: z.string(),
  body: z.string(),
  html: z.string(),
  competences: z.array(z.string()),
  attachments: z.array(Attachment),
  solved: z.boolean(),
  solutionAnswerId: z.optional(z.string()),
  answerCount: z.number(),
  /** Questions: when the first answer came. */
  firstAnsweredAt: z.optional(isoDateTime),
  helpful: z.number(),
  markedHelpfulByMe: z.boolean(),
  hidden: z.boolean(),
  locked: z.boolean(),
  deleted: z.boolean(),
  version: z.number(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const ThreadView = z.object({ ...PostView.def.shape, answers: z.array(AnswerView) });

export const PostSummary = z.object({
  id,
  kind: postKind,
  authorPartnerId: id,
  title: z.string(),
  competences: z.array(z.string()),
  solved: z.boolean(),
  answerCount: z.number(),
  helpful: z.number(),
  createdAt: isoDateTime,
});
export type PostSummary = z.infer<typeof PostSummary>;

export const SearchAnswer = z.object({ items: z.array(PostSummary), cursor: z.optional(z.string()) });

export const HelpfulAnswer = z.object({ helpful: z.number(), markedHelpfulByMe: z.boolean() });

export const HistoryAnswer = z.object({
  items: z.array(
    z.object({
      answerId: z.optional(z.string()),
      version: z.number(),
      title: z.optional(z.string()),
      body: z.string(),
      replacedAt: isoDateTime,
      change: z.enum(['edited', 'deleted']),
    }),
  ),
});

// ---- mail preferences and the weekly digest ----------------------------------------------

export const PreferencesBody = z.strictObject({
  /** "Ask the expert" mails: right away, or only in the weekly digest. */
  expertMail: z.enum(['immediate', 'digest']),
  /** The weekly digest of the exchange (opt-out). */
  weeklyDigest: z.boolean(),
});
export type Preferences = z.infer<typeof PreferencesBody>;
export const DEFAULT_PREFERENCES: Preferences = { expertMail: 'immediate', weeklyDigest: true };

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/** When the network's weekly digest goes out, in the network's time zone. */
export const DigestScheduleBody = z.strictObject({
  enabled: z.boolean(),
  weekday: z._default(z.enum(WEEKDAYS), 'MON'),
  time: z._default(
    z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 07:00')),
    '07:00',
  ),
});

export const DigestSchedule = z.object({
  enabled: z.boolean(),
  weekday: z.enum(WEEKDAYS),
  time: z.string(),
  timezone: z.string(),
});

/**
 * What the scheduler hands the exchange target (`<aws.scheduler.scheduled-time>` filled in): the
 * weekly digest, or a meeting's reminder the day before (with `meetingId`).
 */
export const DigestEvent = z.object({ networkId: id, scheduledTime: isoDateTime, meetingId: z.optional(id) });

// ---- experience meetings ("Erfa-Runde") --------------------------------------------------

export const ScheduleMeetingBody = z
  .strictObject({
    title: text(160),
    /** Wall-clock start in the network's time zone. */
    startsAt: localDateTime,
    durationMinutes: z.int().check(z.gte(15), z.lte(600)),
    place: z.optional(text(200)),
    onlineUrl: z.optional(z.url({ protocol: /^https$/ }).check(z.maxLength(500))),
    agenda: z.array(z.strictObject({ title: text(160), postId: z.optional(id) })).check(z.maxLength(20)),
  })
  .check(
    z.refine((b) => b.place !== undefined || b.onlineUrl !== undefined, {
      message: 'give a place or an online link',
      path: ['place'],
    }),
  );
export type ScheduleMeetingBody = z.infer<typeof ScheduleMeetingBody>;

export const RSVP_ANSWERS = ['yes', 'no', 'maybe'] as const;
export const RsvpBody = z.strictObject({ answer: z.enum(RSVP_ANSWERS) });
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];
export const MinutesBody = z.strictObject({ minutes: multilineText(50_000) });
export const MeetingPath = z.strictObject({ meetingId: id });
/** A meeting mail's signed answer link (rsvp-link.ts): the network's slug and the token. */
export const RsvpLinkPath = z.strictObject({
  slug: id,
  token: z
    .string()
    .check(
      z.regex(RSVP_TOKEN, 'must be the token of a meeting link: <meeting>.<partner>.<expiry>.<signature>'),
    ),
});

export const Meeting = z.object({
  id,
  title: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  timezone: z.string(),
  place: z.optional(z.string()),
  onlineUrl: z.optional(z.string()),
  agenda: z.array(z.object({ title: z.string(), postId: z.optional(z.string()) })),
  minutes: z.optional(z.string()),
  minutesHtml: z.optional(z.string()),
  sequence: z.number(),
  createdAt: isoDateTime,
  /** Set once by the coordinator's cancellation; the sequence is raised with it. */
  cancelledAt: z.optional(isoDateTime),
});
export type Meeting = z.infer<typeof Meeting>;

export const MeetingListQuery = z.strictObject({
  /** `upcoming` (default): not yet started, soonest first; `past`: started, latest first. */
  when: z.optional(z.enum(['upcoming', 'past'])),
  limit: limitParam,
});
export const MeetingList = z.object({
  items: z.array(z.object({ ...Meeting.def.shape, myAnswer: z.optional(z.enum(RSVP_ANSWERS)) })),
});

export const MeetingView = z.object({
  ...Meeting.def.shape,
  answers: z.object({ yes: z.number(), no: z.number(), maybe: z.number() }),
  /** Who answered what (partner ids; the console names them from `GET /partners`), by answer then id. */
  responses: z.array(z.object({ partnerId: id, answer: z.enum(RSVP_ANSWERS) })),
  myAnswer: z.optional(z.enum(RSVP_ANSWERS)),
});
